"""`python -m services.dossier`: the internal API, the job worker, the outbox and engine relays."""

from __future__ import annotations

import asyncio

from plumbing.database import upgrade_database
from plumbing.logs import configure_logging
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from services.dossier.settings import DossierSettings
from services.dossier.storage.tables import MIGRATIONS, VERSION_TABLE
from services.dossier.wiring import running_service


def main() -> None:
    platform, settings = PlatformSettings(), DossierSettings()
    configure_logging("dossier", platform.log_level)
    upgrade_database(settings.database(), MIGRATIONS, VERSION_TABLE)
    asyncio.run(run_service())


async def run_service() -> None:
    """Serve a migrated database until SIGINT/SIGTERM (alone, or beside other services in `scripts.apps`)."""
    platform, settings = PlatformSettings(), DossierSettings()
    async with running_service(settings, platform) as service:
        await serve(service.app, settings.host, settings.port, service.worker, service.loops)


if __name__ == "__main__":
    main()
