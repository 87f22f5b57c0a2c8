"""`python -m services.notifier`: the API, the job worker, the e-mail queue and the relays."""

from __future__ import annotations

import asyncio
from pathlib import Path

from plumbing.database import upgrade_database
from plumbing.logs import configure_logging
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from services.notifier.settings import NotifierSettings
from services.notifier.wiring import build_service

MIGRATIONS = Path(__file__).parent / "storage" / "migrations"
VERSION_TABLE = "notifier_alembic_version"


def main() -> None:
    platform, settings = PlatformSettings(), NotifierSettings()
    configure_logging("notifier", platform.log_level)
    upgrade_database(settings.database(), MIGRATIONS, VERSION_TABLE)
    asyncio.run(run_service())


async def run_service() -> None:
    """Serve a migrated database until SIGINT/SIGTERM (alone, or beside other services in `scripts.apps`)."""
    platform, settings = PlatformSettings(), NotifierSettings()
    service = await build_service(settings, platform)
    try:
        await serve(service.app, settings.host, settings.port, service.worker, service.background)
    finally:
        await service.close()


if __name__ == "__main__":
    main()
