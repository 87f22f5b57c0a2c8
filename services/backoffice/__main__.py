"""`python -m services.backoffice`: serve the back-office."""

from __future__ import annotations

import asyncio

from plumbing.logs import configure_logging
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from services.backoffice.settings import BackofficeSettings
from services.backoffice.wiring import build_app


def main() -> None:
    settings, platform = BackofficeSettings(), PlatformSettings()
    configure_logging("backoffice", platform.log_level)
    asyncio.run(serve(build_app(settings, platform), settings.host, settings.port))


if __name__ == "__main__":
    main()
