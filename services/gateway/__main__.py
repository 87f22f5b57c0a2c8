"""`python -m services.gateway`: read the settings, then serve the applicant site."""

from __future__ import annotations

import uvloop

from plumbing.logs import configure_logging
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from services.gateway.settings import GatewaySettings
from services.gateway.wiring import build_app


def main() -> None:
    settings, platform = GatewaySettings(), PlatformSettings()
    configure_logging("gateway", platform.log_level)
    # uvloop: the site only serves HTTP (no gRPC worker, whose asyncio support is the standard loop's)
    uvloop.run(serve(build_app(settings, platform), settings.host, settings.port))


if __name__ == "__main__":
    main()
