"""Run one service: its HTTP API, its job worker and its background loops in one process."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import uvicorn
from fastapi import FastAPI
from pyzeebe import ZeebeWorker

log = logging.getLogger(__name__)

BackgroundLoop = Callable[[], Coroutine[Any, Any, None]]


async def serve(
    app: FastAPI,
    host: str,
    port: int,
    worker: ZeebeWorker | None = None,
    background: list[BackgroundLoop] | None = None,
) -> None:
    """Serve until SIGINT/SIGTERM, then stop the worker and the loops cleanly."""
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False))
    tasks: list[asyncio.Task[Any]] = [asyncio.create_task(loop()) for loop in background or []]
    if worker is not None:
        tasks.append(asyncio.create_task(worker.work()))
    log.info("service démarré", extra={"host": host, "port": port})
    try:
        await server.serve()
    finally:
        if worker is not None:
            await worker.stop()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        log.info("service arrêté")
