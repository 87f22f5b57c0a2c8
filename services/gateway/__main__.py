"""`python -m services.gateway`: serve the applicant site."""

from __future__ import annotations

import asyncio

from plumbing.logs import configure_logging
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from services.gateway.app import build_app
from services.gateway.settings import GatewaySettings


def main() -> None:
    settings, platform = GatewaySettings(), PlatformSettings()
    configure_logging("gateway", platform.log_level)
    asyncio.run(serve(build_app(settings, platform), settings.host, settings.port))


if __name__ == "__main__":
    main()
