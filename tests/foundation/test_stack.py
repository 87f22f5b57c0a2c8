"""`make run`'s stack: every process starts, every health check turns green, Ctrl-C stops all,
and a second start finds the data of the first. The engine refuses anonymous calls under `make run`:
every process has its own credentials, generated once into var/."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.support.stack import READY_LINE, free_stack_ports, running_stack

pytestmark = pytest.mark.e2e


def test_stack_starts_healthy_stops_cleanly_and_keeps_its_data(tmp_path: Path) -> None:
    ports = free_stack_ports()
    with running_stack(tmp_path, ports) as stack, httpx.Client(timeout=5) as client:
        for service in ("gateway", "backoffice", "identity", "dossier", "documents", "notifier", "pdf"):
            ready = client.get(f"{stack.url(service)}/readyz")
            assert ready.status_code == 200, (service, ready.text)
        assert client.get(f"{stack.url('gateway')}/").status_code == 200
        # the engine serves the services with their tokens, and nobody without one
        anonymous = client.post(f"{stack.url('engine')}/v2/variables/search", json={})
        assert anonymous.status_code == 401, anonymous.text
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
