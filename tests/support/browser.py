"""Debian's Chromium driven by Playwright (no browser download), and a site served for real."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from tests.support.ports import free_port

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise RuntimeError("Chromium introuvable : installez le paquet Debian chromium (make deps)")
    return found


@contextmanager
def serve_in_thread(app: FastAPI, config: uvicorn.Config | None = None) -> Iterator[str]:
    """Serve `app` with uvicorn on a free port in a thread (`config`: one for that port, as
    `plumbing.service.server_config` makes it); yield its base URL."""
    port = config.port if config else free_port()
    server = uvicorn.Server(config or uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise TimeoutError("le site de test n'a pas démarré")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
