"""`python -m services.backoffice`: serve the back-office."""

from __future__ import annotations

import asyncio

from plumbing.logs import configure_logging
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from services.backoffice.settings import BackofficeSettings
from services.backoffice.wiring import build_app


async def run_service() -> None:
    """Serve until SIGINT/SIGTERM (alone, or beside other services in `scripts.apps`)."""
    settings, platform = BackofficeSettings(), PlatformSettings()
    await serve(build_app(settings, platform), settings.host, settings.port)


def main() -> None:
    configure_logging("backoffice", PlatformSettings().log_level)
    asyncio.run(run_service())


if __name__ == "__main__":
    main()
