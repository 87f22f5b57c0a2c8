"""Build the notifier's parts from its settings: storage, unit of work, adapters, relays, app, tasks.

`__main__` calls `build_service`; tests build the parts they need with the same functions.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

import httpx
from fastapi import FastAPI
from nats.js import JetStreamContext
from pyzeebe import ZeebeClient, ZeebeWorker
from sqlalchemy.orm import Session, sessionmaker

from contracts.clients.documents import DocumentsClient
from contracts.dossier import EvenementDossierPayload
from contracts.notifier import STREAM_NOTIFIER, SUBJECTS_NOTIFIER
from plumbing.actors import Actor
from plumbing.clock import Clock, SystemClock, new_id
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
from services.notifier.adapters.documents import DocumentsPiecesJointes, JustificatifsDuDossier
from services.notifier.adapters.evenements_dossier import ReponsesAuxComplements
from services.notifier.adapters.file_courriels import FileCourriels, preparer_flux, rejouer
from services.notifier.adapters.rendu import JinjaRedacteur
from services.notifier.adapters.smtp import SmtpRelais
from services.notifier.api import build_api_router
from services.notifier.api.errors import ERREURS
from services.notifier.domain.redaction import JustificatifsExamines
from services.notifier.settings import NotifierSettings
from services.notifier.storage.repositories import NotifierRepositories, repositories
from services.notifier.storage.tables import engine_commands, outbox
from services.notifier.tasks import build_task_router
from services.notifier.usecases.courriels import EnvoiCourriels
from services.notifier.usecases.echecs import Rejeu
from services.notifier.usecases.notifications import noter_reponse

SERVICE = Actor("service", "notifier")


def _nothing() -> None:
    return None


@dataclass
class NotifierDeps:
    """What the routes, the task handlers and the e-mail queue are built with."""

    uow: UnitOfWork[NotifierRepositories]
    lien_connexion: str
    clock: Clock = field(default_factory=SystemClock)
    new_id: Callable[[], str] = new_id
    # Wake the relays up after a commit, so that events and engine messages leave at once.
    wake_outbox_relay: Callable[[], None] = _nothing
    wake_engine_relay: Callable[[], None] = _nothing
    rejeu: Rejeu | None = None  # queue a dead letter again (None without NATS)
    # the files the agent examined, named by a demande de compléments (None: not named)
    justificatifs: Callable[[str], Awaitable[JustificatifsExamines]] | None = None

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self.uow.sessions

    def committed(self) -> None:
        self.wake_outbox_relay()
        self.wake_engine_relay()


def build_deps(settings: NotifierSettings) -> tuple[NotifierDeps, ReadinessCheck]:
    """Storage opened from the settings (the schema is migrated by `__main__` or the tests)."""
    engine = create_database_engine(settings.database())
    uow = UnitOfWork(create_session_factory(engine), repositories)
    return NotifierDeps(uow=uow, lien_connexion=settings.lien_connexion), database_check(engine)


def build_app(
    settings: NotifierSettings,
    platform: PlatformSettings,
    *,
    deps: NotifierDeps | None = None,
    readiness: Mapping[str, ReadinessCheck] | None = None,
) -> FastAPI:
    """The internal API; without `deps`, storage is opened from the settings."""
    checks = dict(readiness or {})
    if deps is None:
        deps, checks["database"] = build_deps(settings)
    app = create_app("notifier", checks, platform=platform, errors=ERREURS)
    app.include_router(build_api_router(deps))
    return app


def build_engine_relay(deps: NotifierDeps, engine: EngineCommands) -> EngineCommandRelay:
    """Publishes the `notification-lue` messages recorded with the first openings (woken by `deps`)."""
    relay = EngineCommandRelay(engine_commands, deps.sessions, engine)  # leases: real time
    deps.wake_engine_relay = relay.notify
    return relay


def build_envoi(
    deps: NotifierDeps, settings: NotifierSettings, documents: DocumentsClient | None
) -> EnvoiCourriels:
    """Delivery of queued e-mails: rendering, SMTP, attachments from the documents service."""
    return EnvoiCourriels(
        deps.uow,
        JinjaRedacteur(),
        SmtpRelais(settings.smtp()),
        settings.politique_reessai(),
        deps.clock,
        DocumentsPiecesJointes(documents) if documents is not None else None,
    )


def build_reponses(deps: NotifierDeps, js: JetStreamContext) -> ReponsesAuxComplements:
    """« Demande de complément répondu » from the dossier's `complements-deposes` events."""

    async def noter(evenement: EvenementDossierPayload, ronde: int) -> bool:
        if ronde < 1:
            return True  # nothing to mark: acknowledged
        repondue = await deps.uow.run_async(
            lambda r: noter_reponse(
                repositories=r, dossier_id=evenement.dossier_id, ronde=ronde, repondue_le=evenement.date
            )
        )
        deps.committed()
        return repondue is not None

    return ReponsesAuxComplements(js, noter)


@dataclass
class NotifierService:
    """The running notifier: its API, its job worker, its background loops, and what to close."""

    app: FastAPI
    worker: ZeebeWorker
    background: list[BackgroundLoop]
    close: Callable[[], Awaitable[None]]


async def build_service(settings: NotifierSettings, platform: PlatformSettings) -> NotifierService:
    nats = await connect_nats(platform.nats_url, "notifier", settings.nats_password)
    js = nats.jetstream()
    await preparer_flux(js)  # before the outbox relay publishes queued e-mails into it
    channel = create_zeebe_channel(
        platform.zeebe_address, platform.engine_credentials("notifier", settings.engine_client_secret)
    )
    deps, database_ready = build_deps(settings)
    relay = OutboxRelay(outbox, deps.sessions, js, STREAM_NOTIFIER, SUBJECTS_NOTIFIER, "notifier")
    deps.wake_outbox_relay = relay.notify
    zeebe = ZeebeEngineCommands(ZeebeClient(channel), message_ttl_ms=settings.message_ttl_ms)
    engine_relay = build_engine_relay(deps, zeebe)
    http = httpx.AsyncClient(base_url=settings.documents_url, timeout=settings.documents_timeout)
    documents = DocumentsClient(
        http, platform.service_tokens("notifier", settings.engine_client_secret), SERVICE
    )
    deps.justificatifs = JustificatifsDuDossier(documents).examines
    politique = settings.politique_reessai()
    file = FileCourriels(
        js, build_envoi(deps, settings, documents), politique, ack_wait=settings.courriel_ack_wait
    )

    async def rejouer_courriel(echec_id: int, subject: str, demande: str) -> None:
        await rejouer(js, echec_id, subject, demande)

    deps.rejeu = rejouer_courriel
    readiness = {
        "database": database_ready,
        "nats": nats_check(lambda: nats),
        "moteur": engine_check(channel),
    }

    async def close() -> None:
        await http.aclose()
        await close_nats(nats)

    return NotifierService(
        app=build_app(settings, platform, deps=deps, readiness=readiness),
        worker=create_worker(channel, "notifier", [build_task_router(deps)], retry_policy(platform)),
        background=[relay.run, engine_relay.run, file.run, build_reponses(deps, js).run],
        close=close,
    )
