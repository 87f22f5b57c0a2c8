"""`make run`'s stack: every process starts, every health check turns green, a process killed is
started again while the others keep serving, Ctrl-C stops all without a traceback, and a second
start finds the data of the first. The engine refuses anonymous calls under `make run`: every
process has its own credentials, generated once into var/."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx
import pytest

from tests.support.stack import READY_LINE, Stack, free_stack_ports, running_stack

pytestmark = pytest.mark.e2e

SERVICES = ("gateway", "backoffice", "identity", "dossier", "documents", "notifier", "pdf")


def stack_pids(stack: Stack, command: str) -> list[int]:
    """Processes of the stack whose command line contains `command`."""
    assert stack.main is not None
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                session = os.getsid(int(entry.name))
            except (OSError, ProcessLookupError):
                continue
            if command in cmdline and session == stack.main.pid:
                found.append(int(entry.name))
    return found


def ready_again(client: httpx.Client, url: str, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if client.get(url).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


def test_stack_starts_healthy_restarts_a_killed_process_stops_cleanly_and_keeps_its_data(
    tmp_path: Path,
) -> None:
    ports = free_stack_ports()
    with running_stack(tmp_path, ports) as stack, httpx.Client(timeout=5) as client:
        for service in SERVICES:
            ready = client.get(f"{stack.url(service)}/readyz")
            assert ready.status_code == 200, (service, ready.text)
        assert client.get(f"{stack.url('gateway')}/").status_code == 200
        # the engine serves the services with their tokens, and nobody without one
        anonymous = client.post(f"{stack.url('engine')}/v2/variables/search", json={})
        assert anonymous.status_code == 401, anonymous.text

        [pdf] = stack_pids(stack, "-m services.pdf")
        os.kill(pdf, signal.SIGKILL)
        assert ready_again(client, f"{stack.url('pdf')}/readyz"), stack.tail(100)
        assert stack_pids(stack, "-m services.pdf") != [pdf]
        assert client.get(f"{stack.url('dossier')}/readyz").status_code == 200  # the others kept serving
        assert stack.main is not None and stack.main.poll() is None
    assert stack.output is not None
    assert not any("Traceback" in line for line in stack.output.lines), stack.tail(100)
    credentials = tmp_path / "engine-clients.json"
    assert credentials.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "identity-oauth-signing-key.json").stat().st_mode & 0o777 == 0o600
    secrets = credentials.read_text()
    databases = sorted(p.name for p in tmp_path.glob("*.db"))
    assert databases, "no data kept under ANEF_VAR_DIR"
    with running_stack(tmp_path, ports) as second_start:
        assert second_start.output is not None
        assert any(READY_LINE in line for line in second_start.output.lines)
    assert sorted(p.name for p in tmp_path.glob("*.db")) == databases
    assert credentials.read_text() == secrets, "the development credentials are made once"
