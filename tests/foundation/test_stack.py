"""`make run`'s stack: every process starts, every health check turns green, Ctrl-C stops all,
and a second start finds the data of the first."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from plumbing.settings import REPO_ROOT
from scripts.stack import PORT_DEFAULTS
from tests.support.ports import free_port

pytestmark = pytest.mark.e2e

READY_LINE = "ANEF Séjour est prêt"


@contextmanager
def running_stack(var_dir: Path, ports: dict[str, str]) -> Iterator[list[str]]:
    env = {**os.environ, **ports, "ANEF_VAR_DIR": str(var_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "scripts.stack"],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    output: list[str] = []
    deadline = time.monotonic() + 180
    try:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            if READY_LINE in line or time.monotonic() > deadline:
                break
        assert any(READY_LINE in line for line in output), "".join(output[-60:])
        yield output
    finally:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C does in a terminal
        try:
            output.extend(process.communicate(timeout=30)[0].splitlines(keepends=True))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise


def test_stack_starts_healthy_stops_cleanly_and_keeps_its_data(tmp_path: Path) -> None:
    ports = {name: str(free_port()) for name in PORT_DEFAULTS if name.endswith("_PORT")}
    with running_stack(tmp_path, ports), httpx.Client(timeout=5) as client:
        for service in ("GATEWAY", "BACKOFFICE", "IDENTITY", "DOSSIER", "DOCUMENTS", "NOTIFIER", "PDF"):
            ready = client.get(f"http://127.0.0.1:{ports[f'{service}_PORT']}/readyz")
            assert ready.status_code == 200, (service, ready.text)
        assert client.get(f"http://127.0.0.1:{ports['GATEWAY_PORT']}/").status_code == 200
    databases = sorted(p.name for p in tmp_path.glob("*.db"))
    assert databases, "no data kept under ANEF_VAR_DIR"
    with running_stack(tmp_path, ports) as second_start:
        assert any(READY_LINE in line for line in second_start)
    assert sorted(p.name for p in tmp_path.glob("*.db")) == databases
