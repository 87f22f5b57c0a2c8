"""`python -m services.documents`: migrate, then serve the API, the worker and the outbox relay."""

from __future__ import annotations

import asyncio
import logging

from plumbing.database import upgrade_database
from plumbing.health import engine_check, nats_check
from plumbing.job_failures import retry_policy
from plumbing.logs import configure_logging
from plumbing.messaging import close_nats, connect_nats
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from plumbing.worker import create_worker, create_zeebe_channel
from services.documents.settings import DocumentsSettings
from services.documents.wiring import (
    MIGRATIONS,
    VERSION_TABLE,
    build_app,
    build_blob_store,
    build_outbox_relay,
    build_parts,
    build_tasks,
)

__all__ = ["MIGRATIONS", "VERSION_TABLE", "main", "run_service"]
log = logging.getLogger(__name__)


def main() -> None:
    settings, platform = DocumentsSettings(), PlatformSettings()
    configure_logging("documents", platform.log_level)
    if not settings.clamd_address:
        log.warning("aucune analyse antivirus des fichiers reçus : DOCUMENTS_CLAMD_ADDRESS n'est pas définie")
    upgrade_database(settings.database(), MIGRATIONS, VERSION_TABLE)
    asyncio.run(run(settings, platform))


async def run_service() -> None:
    """Serve a migrated database until SIGINT/SIGTERM, beside other services (`scripts.apps`)."""
    await run(DocumentsSettings(), PlatformSettings())


async def run(settings: DocumentsSettings, platform: PlatformSettings) -> None:
    nats = await connect_nats(platform.nats_url, "documents", settings.nats_password)
    js = nats.jetstream()
    parts = build_parts(settings, build_blob_store(settings, js))
    channel = create_zeebe_channel(
        platform.zeebe_address, platform.engine_credentials("documents", settings.engine_client_secret)
    )
    worker = create_worker(channel, "documents", [build_tasks(parts)], retry_policy(platform))
    readiness = {"nats": nats_check(lambda: nats), "moteur": engine_check(channel)}
    app = build_app(settings, platform, parts, readiness)
    try:
        await serve(app, settings.host, settings.port, worker, background=[build_outbox_relay(parts, js).run])
    finally:
        await close_nats(nats)


if __name__ == "__main__":
    main()
