"""`python -m services.documents`: migrate, then serve the API, the worker and the outbox relay."""

from __future__ import annotations

import asyncio
from pathlib import Path

from contracts.documents import STREAM, SUBJECTS
from plumbing.database import upgrade_database
from plumbing.health import engine_check, nats_check
from plumbing.logs import configure_logging
from plumbing.messaging import connect_nats
from plumbing.outbox import OutboxRelay
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from plumbing.worker import create_worker, create_zeebe_channel
from services.documents.app import build_app
from services.documents.dependances import construire_dependances
from services.documents.settings import DocumentsSettings
from services.documents.stockage.nats_object_store import StockageObjectStoreNats
from services.documents.storage.tables import outbox
from services.documents.tasks import build_task_router

MIGRATIONS = Path(__file__).parent / "storage" / "migrations"
VERSION_TABLE = "documents_alembic_version"


def main() -> None:
    settings, platform = DocumentsSettings(), PlatformSettings()
    configure_logging("documents", platform.log_level)
    upgrade_database(settings.database(), MIGRATIONS, VERSION_TABLE)
    asyncio.run(run(settings, platform))


async def run(settings: DocumentsSettings, platform: PlatformSettings) -> None:
    nats = await connect_nats(platform.nats_url, "documents")
    js = nats.jetstream()
    stockage = StockageObjectStoreNats(js, settings.bucket) if settings.stockage == "nats" else None
    deps = construire_dependances(settings, stockage)
    relay = OutboxRelay(outbox, deps.registre.sessions, js, STREAM, SUBJECTS, "documents")
    channel = create_zeebe_channel(platform.zeebe_address)
    worker = create_worker(channel, "documents", [build_task_router(deps.registre)])
    readiness = {"nats": nats_check(lambda: nats), "moteur": engine_check(channel)}
    app = build_app(settings, platform, deps, readiness)
    try:
        await serve(app, settings.host, settings.port, worker, background=[relay.run])
    finally:
        await nats.close()


if __name__ == "__main__":
    main()
