"""Run one service: its HTTP API, its job worker and its background loops.

A process usually serves one service; under `make run` several I/O-bound services share one
process and one event loop (`scripts.apps`), so a signal stops every server of the process."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Coroutine, Iterator
from typing import TYPE_CHECKING, Any

import uvicorn

if TYPE_CHECKING:
    from fastapi import FastAPI
    from pyzeebe import ZeebeWorker

log = logging.getLogger(__name__)

BackgroundLoop = Callable[[], Coroutine[Any, Any, None]]

_SERVERS: set[uvicorn.Server] = set()  # every server of this process, stopped together by a signal


class _Server(uvicorn.Server):
    """uvicorn without its own signal capture: it re-raises SIGTERM on exit, which would kill
    the process before the worker and the loops are stopped. `serve` handles signals instead."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


async def serve(
    app: FastAPI,
    host: str,
    port: int,
    worker: ZeebeWorker | None = None,
    background: list[BackgroundLoop] | None = None,
    keep_alive_s: int = 5,
) -> None:
    """Serve until SIGINT/SIGTERM, then stop the worker and the loops cleanly; an idle connection
    is kept `keep_alive_s` seconds (uvicorn's 5 s suit the internal APIs' callers)."""
    server = _Server(server_config(app, host, port, keep_alive_s=keep_alive_s))
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, _request_exit)
    _SERVERS.add(server)
    tasks: list[asyncio.Task[Any]] = [asyncio.create_task(job()) for job in background or []]
    if worker is not None:
        tasks.append(asyncio.create_task(keep_working(worker)))
    log.info("service démarré", extra={"host": host, "port": port})
    try:
        await server.serve()
    finally:
        _SERVERS.discard(server)
        if worker is not None:
            await worker.stop()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        log.info("service arrêté")


def server_config(app: FastAPI, host: str, port: int, *, keep_alive_s: int = 5) -> uvicorn.Config:
    """How every service is served: HTTP parsed by httptools (C), no access log (the apps log), and
    X-Forwarded-For believed from no one by default (uvicorn would believe any local caller); the
    sites behind a proxy say which ones they trust (`plumbing.web.trust_proxies`)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        proxy_headers=False,
        http="httptools",
        timeout_keep_alive=keep_alive_s,
    )


async def keep_working(worker: ZeebeWorker, retry_seconds: float = 5.0) -> None:
    """The worker's loop, started again if an error ever stops it (an answer pyzeebe does not retry),
    so that no job waits for an operator to restart the service; it returns once the worker is stopped."""
    while True:
        try:
            await worker.work()
            return
        except Exception as error:
            log.warning("worker arrêté par une erreur, relancé", extra={"cause": type(error).__name__})
            await asyncio.sleep(retry_seconds)


def _request_exit() -> None:
    for server in _SERVERS:
        server.should_exit = True
