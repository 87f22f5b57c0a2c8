"""`python -m scripts.apps identity dossier …`: several I/O-bound services in one process (`make run`).

A name is a package of services/ (`identity`), or a module path (`devtools.smtp_sink`); either's
`__main__` module has the `run_service` coroutine that `python -m` would run.

Each service keeps its package, port, database, settings, worker and connections; they only share
the interpreter and one event loop, which saves the memory and the start-up time of importing the
same libraries once per service. Their databases are first brought up to date by `scripts.migrate`,
in a child process that runs while the services are imported. A signal stops every service; if one
of them fails, the others are stopped and the process ends in error, for the process manager to
restart it. `deploy/` still runs each service in a process of its own (`python -m services.<name>`).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Coroutine
from typing import Any

from plumbing.logs import SERVICE, configure_logging
from plumbing.settings import PlatformSettings

ServiceRun = Callable[[], Coroutine[Any, Any, None]]
STOP_TIMEOUT_S = 10.0
log = logging.getLogger(__name__)


async def serve_together(services: dict[str, ServiceRun]) -> None:
    """Every service until a signal stops them all. The first failure stops the others and ends the
    process in error, for the process manager to restart it: a service that does not stop within
    `STOP_TIMEOUT_S` would otherwise keep a half-dead process alive (asyncio waits for it)."""
    tasks = []
    for name, run_service in services.items():
        SERVICE.set(name)  # copied into the task's context: its log lines carry its name
        tasks.append(asyncio.create_task(run_service(), name=name))
    SERVICE.set(None)
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    failed = next((task for task in done if not task.cancelled() and task.exception()), None)
    if failed is None:
        return
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending, timeout=STOP_TIMEOUT_S)
    log.error(
        "service en échec : processus arrêté pour être relancé",
        extra={"en_echec": failed.get_name()},
        exc_info=failed.exception(),
    )
    os._exit(1)


def main_module(name: str) -> str:
    return f"{name}.__main__" if "." in name else f"services.{name}.__main__"


def main(names: list[str]) -> None:
    if not names:
        raise SystemExit("usage : python -m scripts.apps <service> [<service> …]")
    configure_logging("apps", PlatformSettings().log_level)
    migration = subprocess.Popen([sys.executable, "-m", "scripts.migrate", *names])
    services: dict[str, ServiceRun] = {
        name: importlib.import_module(main_module(name)).run_service for name in names
    }
    if migration.wait() != 0:
        raise SystemExit("migration des bases de données en échec")
    asyncio.run(serve_together(services))


if __name__ == "__main__":
    main(sys.argv[1:])
