"""`python -m services.gateway`: read the settings, then serve the applicant site."""

from __future__ import annotations

import asyncio

from plumbing.logs import configure_logging
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from services.gateway.settings import GatewaySettings
from services.gateway.wiring import build_app


async def run_service() -> None:
    """Serve until SIGINT/SIGTERM (alone, or beside other services in `scripts.apps`)."""
    settings, platform = GatewaySettings(), PlatformSettings()
    await serve(build_app(settings, platform), settings.host, settings.port)


def main() -> None:
    configure_logging("gateway", PlatformSettings().log_level)
    asyncio.run(run_service())


if __name__ == "__main__":
    main()
