"""The dossier service's parts, built from its settings: the same wiring for `__main__` and the tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

import httpx
from fastapi import FastAPI
from pyzeebe import ZeebeClient, ZeebeWorker
from sqlalchemy.orm import Session, sessionmaker

from contracts.clients.documents import DocumentsClient
from contracts.clients.identity import IdentityClient
from contracts.dossier import STREAM_DOSSIER, SUBJECTS_DOSSIER
from plumbing.clock import Clock, SystemClock
from plumbing.database import create_database_engine, create_session_factory
from plumbing.engine_outbox import EngineCommandRelay, EngineCommands
from plumbing.health import ReadinessCheck, database_check, engine_check, nats_check
from plumbing.job_failures import retry_policy
from plumbing.messaging import close_nats, connect_nats
from plumbing.outbox import OutboxRelay
from plumbing.service import BackgroundLoop
from plumbing.settings import PlatformSettings
from plumbing.unit_of_work import UnitOfWork
from plumbing.web import create_app
from plumbing.worker import create_worker, create_zeebe_channel
from plumbing.zeebe_client import ZeebeEngineCommands
from services.dossier.adapters.documents import DOSSIER, DocumentsPiecesJustificatives
from services.dossier.adapters.identity import IdentityFiches
from services.dossier.api.errors import ERREURS
from services.dossier.api.routes import ApiDeps, build_api_router
from services.dossier.domain.ports import FichesDemandeurs, PiecesJustificatives
from services.dossier.settings import DossierSettings
from services.dossier.storage.repositories import SqlRepositories, premiere_instance_liee
from services.dossier.storage.tables import engine_commands, outbox
from services.dossier.tasks import TaskDeps, build_task_router
from services.dossier.usecases.complements import ReponsesComplements
from services.dossier.usecases.demarrage import Demarrage
from services.dossier.usecases.depot import Depot


@dataclass(frozen=True)
class DossierParts:
    transactions: UnitOfWork[SqlRepositories]
    relay: EngineCommandRelay  # the engine commands: process starts and messages
    api: ApiDeps
    tasks: TaskDeps


def build_parts(
    settings: DossierSettings,
    *,
    sessions: sessionmaker[Session],
    engine: EngineCommands,
    pieces: PiecesJustificatives,
    fiches: FichesDemandeurs,
    clock: Clock,
) -> DossierParts:
    transactions = UnitOfWork(sessions, SqlRepositories)
    relay = EngineCommandRelay(
        engine_commands,
        sessions,
        engine,
        on_instance_created=premiere_instance_liee,
        clock=clock.now,
        lease=timedelta(seconds=settings.relais_bail),
    )
    depot = Depot(transactions, pieces, relay, clock, fiches)
    reponses = ReponsesComplements(transactions, pieces, relay, clock)
    return DossierParts(
        transactions,
        relay,
        ApiDeps(transactions, clock, depot, reponses, Demarrage(transactions, fiches, clock), pieces),
        TaskDeps(transactions, clock, pieces, engine, settings.guichet),
    )


def build_app(
    parts: DossierParts, platform: PlatformSettings, readiness: Mapping[str, ReadinessCheck] | None = None
) -> FastAPI:
    app = create_app("dossier", readiness, platform=platform, errors=ERREURS)
    app.include_router(build_api_router(parts.api))
    return app


@dataclass(frozen=True)
class RunningService:
    app: FastAPI
    worker: ZeebeWorker
    loops: list[BackgroundLoop]


@asynccontextmanager
async def running_service(
    settings: DossierSettings, platform: PlatformSettings
) -> AsyncIterator[RunningService]:
    """The service connected to its database, NATS, the engine, documents and identity; closed on exit."""
    database = create_database_engine(settings.database())
    sessions = create_session_factory(database)
    nats = await connect_nats(platform.nats_url, "dossier", settings.nats_password)
    channel = create_zeebe_channel(
        platform.zeebe_address, platform.engine_credentials("dossier", settings.engine_client_secret)
    )
    http = httpx.AsyncClient(base_url=settings.documents_url, timeout=settings.documents_timeout)
    http_identity = httpx.AsyncClient(base_url=settings.identity_url, timeout=settings.identity_timeout)
    try:
        tokens = platform.service_tokens("dossier", settings.engine_client_secret)
        documents = DocumentsClient(http, tokens, DOSSIER)
        identity = IdentityClient(http_identity, tokens, DOSSIER)
        parts = build_parts(
            settings,
            sessions=sessions,
            engine=ZeebeEngineCommands(ZeebeClient(channel), message_ttl_ms=settings.message_ttl_ms),
            pieces=DocumentsPiecesJustificatives(documents),
            fiches=IdentityFiches(identity),
            clock=SystemClock(),
        )
        readiness = {
            "database": database_check(database),
            "nats": nats_check(lambda: nats),
            "engine": engine_check(channel),
        }
        events = OutboxRelay(outbox, sessions, nats.jetstream(), STREAM_DOSSIER, SUBJECTS_DOSSIER, "dossier")
        yield RunningService(
            app=build_app(parts, platform, readiness),
            worker=create_worker(
                channel, "dossier", [build_task_router(parts.tasks)], retry_policy(platform)
            ),
            loops=[events.run, partial(parts.relay.run, settings.relais_intervalle)],
        )
    finally:
        await http.aclose()
        await http_identity.aclose()
        await close_nats(nats)
        await channel.close()
        database.dispose()
