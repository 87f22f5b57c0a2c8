"""`python -m engine`: run the engine in the foreground until SIGTERM or SIGINT."""

from __future__ import annotations

import asyncio
import logging

import uvloop

from engine.app import serve
from engine.settings import EngineSettings
from plumbing.logs import configure_logging


def main() -> None:
    settings = EngineSettings()
    configure_logging("engine", settings.log_level)
    quiet_spiff(settings.log_level)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(serve(settings))


def quiet_spiff(level: str) -> None:
    """SpiffWorkflow logs every task state change at INFO (about 8 KB per instance): kept for debugging."""
    if level.upper() != "DEBUG":
        logging.getLogger("spiff").setLevel(logging.WARNING)


if __name__ == "__main__":
    main()
