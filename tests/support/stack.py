"""`make run`'s whole stack as real processes, for the tests that need every service at once.

    with running_stack(tmp_path, free_stack_ports()) as stack:     # exactly `make run`
        httpx.get(stack.url("dossier") + "/readyz")

    with running_stack(tmp_path, ports, env={"ENGINE_CLOCK_CONTROL": "true"}, detached=("pdf",)) as stack:
        stack.stop("pdf")                                           # the others keep running
        stack.start("pdf")

The stack is `python -m scripts.stack` (supervisord and the Procfile), which restarts a process
that ends; a process a test wants to stop and start again runs outside it (`python -m scripts.stack
pdf documents` leaves them out), with its own command (its Procfile line, or `python -m
services.<name>` for a service the Procfile serves beside others) and the same environment.
The output of every process is drained all along (a full pipe would block the services) and kept
for failure messages (`stack.tail()`).
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from plumbing.settings import REPO_ROOT
from scripts.stack import PORT_DEFAULTS, procfile_commands, stack_environment
from tests.support.ports import free_port

READY_LINE = "ANEF Séjour est prêt"
START_TIMEOUT_S = 180
STACK_LOGS = REPO_ROOT / "var" / "test-stacks"  # each test stack's whole output, kept after it stops
# a stack whose engine also serves the tests' own client (`Plateforme`: clock control, every permission)
TEST_STACK = {"ENGINE_CLOCK_CONTROL": "true"}


def free_stack_ports() -> dict[str, str]:
    """Every port of the stack on a free one, so that a test stack never meets `make run`'s."""
    return {name: str(free_port()) for name in PORT_DEFAULTS if name.endswith("_PORT")}


class _Output:
    """Lines of a process's output, read by a thread so that the process never blocks on a full pipe."""

    def __init__(self, stream: object, prefix: str = "") -> None:
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self.prefix = prefix
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream: object) -> None:
        with stream:  # type: ignore[attr-defined]
            for line in stream:  # type: ignore[attr-defined]
                with self.changed:
                    self.lines.append(self.prefix + line)
                    self.changed.notify_all()

    def wait_for(self, text: str, timeout: float, process: subprocess.Popen[str]) -> bool:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not any(text in line for line in self.lines):
                if process.poll() is not None or time.monotonic() > deadline:
                    return False
                self.changed.wait(0.5)
        return True


class Stack:
    """The running stack: its addresses, its environment, and the processes run outside supervisord."""

    def __init__(self, var_dir: Path, env: dict[str, str], detached: tuple[str, ...]) -> None:
        self.var_dir, self.env, self.detached_names = var_dir, env, detached
        self.main: subprocess.Popen[str] | None = None
        self.output: _Output | None = None
        self.detached: dict[str, tuple[subprocess.Popen[str], _Output]] = {}

    def port(self, name: str) -> int:
        return int(self.env[f"{name.upper()}_PORT"])

    def url(self, name: str) -> str:
        """http://127.0.0.1:<port> of a service (`dossier`), `engine` (REST) or `smtp` (the mails page)."""
        key = {"engine": "ENGINE_REST_PORT", "smtp": "SMTP_SINK_WEB_PORT"}.get(name, f"{name.upper()}_PORT")
        return f"http://127.0.0.1:{self.env[key]}"

    def tail(self, lines: int = 80) -> str:
        found = list(self.output.lines if self.output else [])
        for _, output in self.detached.values():
            found += output.lines
        return "".join(found[-lines:])

    def start(self, name: str) -> None:
        """Start a detached process (see `running_stack`); its readiness is the caller's to await."""
        line = procfile_commands().get(name, f"python -m services.{name}")
        command = shlex.split(line)
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.detached[name] = (process, _Output(process.stdout, f"{name} (à part) | "))

    def stop(self, name: str, timeout: float = 15) -> None:
        """SIGTERM to a detached process, SIGKILL if it does not end in time."""
        process, output = self.detached[name]
        _terminate(process, signal.SIGTERM, timeout)
        output.thread.join(5)

    def _launch(self) -> None:
        command = [sys.executable, "-m", "scripts.stack", *self.detached_names]  # `make run`, less those
        self.main = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.output = _Output(self.main.stdout)
        for name in self.detached_names:
            self.start(name)

    def _close(self) -> None:
        for process, output in self.detached.values():
            _terminate(process, signal.SIGTERM, 15)
            output.thread.join(5)
        if self.main is not None:
            _terminate(self.main, signal.SIGINT, 30)  # what Ctrl-C does in a terminal
            if self.output is not None:
                self.output.thread.join(5)
        self._keep_output()

    def _keep_output(self) -> None:
        """Everything the stack printed, under var/test-stacks/ (a failed test's first witness)."""
        kept = STACK_LOGS / f"{self.var_dir.parent.name}-{self.var_dir.name}.log"
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(self.tail(lines=10**7), encoding="utf-8")


def _terminate(process: subprocess.Popen[str], sig: signal.Signals, timeout: float) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    except ProcessLookupError:
        process.wait()


@contextmanager
def running_stack(
    var_dir: Path,
    ports: Mapping[str, str],
    *,
    env: Mapping[str, str] | None = None,
    detached: tuple[str, ...] = (),
) -> Iterator[Stack]:
    """The stack, once `scripts.bootstrap` says it is ready (models deployed, demo data seeded)."""
    (var_dir / "nats").mkdir(parents=True, exist_ok=True)
    caller = {**os.environ, **ports, "ANEF_VAR_DIR": str(var_dir), **(env or {})}
    stack = Stack(var_dir, stack_environment(caller), detached)
    stack._launch()
    try:
        assert stack.main is not None and stack.output is not None
        ready = stack.output.wait_for(READY_LINE, START_TIMEOUT_S, stack.main)
        assert ready, f"la pile n'a pas démarré en {START_TIMEOUT_S} s :\n{stack.tail(200)}"
        yield stack
    finally:
        stack._close()
