"""`python -m services.dossier`: the internal API, the job worker, the outbox and engine relays."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from pyzeebe import ZeebeClient

from contracts.dossier import STREAM_DOSSIER, SUBJECTS_DOSSIER
from plumbing.database import create_database_engine, create_session_factory, upgrade_database
from plumbing.health import database_check, engine_check, nats_check
from plumbing.logs import configure_logging
from plumbing.messaging import connect_nats
from plumbing.outbox import OutboxRelay
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from plumbing.worker import create_worker, create_zeebe_channel
from services.dossier.adapters.documents import HttpPiecesJustificatives
from services.dossier.adapters.horloge import HorlogeSysteme
from services.dossier.adapters.zeebe import ZeebeMoteur
from services.dossier.app import build_app
from services.dossier.composition import assembler
from services.dossier.settings import DossierSettings
from services.dossier.storage.tables import outbox
from services.dossier.tasks import build_task_router

MIGRATIONS = Path(__file__).parent / "storage" / "migrations"
VERSION_TABLE = "dossier_alembic_version"


async def main() -> None:
    platform, settings = PlatformSettings(), DossierSettings()
    configure_logging("dossier", platform.log_level)
    upgrade_database(settings.database(), MIGRATIONS, VERSION_TABLE)
    engine = create_database_engine(settings.database())
    sessions = create_session_factory(engine)
    nats = await connect_nats(platform.nats_url, "dossier")
    channel = create_zeebe_channel(platform.zeebe_address)
    moteur = ZeebeMoteur(ZeebeClient(channel), message_ttl_ms=settings.message_ttl_ms)
    documents = httpx.AsyncClient(base_url=settings.documents_url, timeout=settings.documents_timeout)
    pieces = HttpPiecesJustificatives(documents, platform.internal_api_token)
    composants = assembler(
        settings=settings, sessions=sessions, moteur=moteur, pieces=pieces, horloge=HorlogeSysteme()
    )
    readiness = {
        "database": database_check(engine),
        "nats": nats_check(lambda: nats),
        "engine": engine_check(channel),
    }
    app = build_app(settings, platform, composants=composants, readiness=readiness)
    relay = OutboxRelay(outbox, sessions, nats.jetstream(), STREAM_DOSSIER, SUBJECTS_DOSSIER, "dossier")
    worker = create_worker(channel, "dossier", [build_task_router(composants.taches)])

    async def relayer_commandes() -> None:
        await composants.relais.run(settings.relais_intervalle)

    try:
        await serve(app, settings.host, settings.port, worker, [relay.run, relayer_commandes])
    finally:
        await documents.aclose()
        await nats.drain()
        await channel.close()


if __name__ == "__main__":
    asyncio.run(main())
