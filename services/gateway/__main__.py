"""`python -m services.gateway`: read the settings, then serve the applicant site."""

from __future__ import annotations

import uvloop

from plumbing.logs import configure_logging
from plumbing.service import serve
from plumbing.settings import PlatformSettings
from services.gateway.settings import GatewaySettings
from services.gateway.wiring import build_app

# A person reads a page for longer than uvicorn's 5 s: the browser's connection stays open between
# pages (no new handshake per page, no form posted on a connection the site has just closed).
BROWSER_KEEP_ALIVE_S = 75


async def run_service() -> None:
    """Serve until SIGINT/SIGTERM (alone, or beside other services in `scripts.apps`)."""
    settings, platform = GatewaySettings(), PlatformSettings()
    await serve(
        build_app(settings, platform), settings.host, settings.port, keep_alive_s=BROWSER_KEEP_ALIVE_S
    )


def main() -> None:
    configure_logging("gateway", PlatformSettings().log_level)
    # uvloop when alone: the site only serves HTTP (no gRPC worker, whose asyncio support is the
    # standard loop's); beside other services (`scripts.apps`) it shares their loop
    uvloop.run(run_service())


if __name__ == "__main__":
    main()
