"""`python -m engine`: run the engine in the foreground until SIGTERM or SIGINT."""

from __future__ import annotations

import asyncio

from engine.app import serve
from engine.settings import EngineSettings
from plumbing.logs import configure_logging


def main() -> None:
    settings = EngineSettings()
    configure_logging("engine", settings.log_level)
    asyncio.run(serve(settings))


if __name__ == "__main__":
    main()
