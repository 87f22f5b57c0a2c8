"""Run the embedded engine (`python -m engine`) as a real subprocess for tests.

    with start_engine(tmp_path) as engine:          # SQLite in tmp_path, clock control on
        client = ZeebeClient(create_insecure_channel(engine.grpc_address))
        httpx.get(f"{engine.rest_url}/v2/topology")

    with start_token_server() as tokens, start_engine(auth=tokens) as engine:   # tokens required
        client = ZeebeClient(tokens.channel(engine.grpc_address, "tests"))

Without `auth` the engine runs with ENGINE_AUTHENTICATION=false: the explicit opt-out of the tests
of the engine's protocol and of the services' handlers (refused in production, logged as a warning).

`stop()` sends SIGTERM, `kill()` SIGKILL, `restart()` starts it again on the same ports and database.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.support.ports import free_port

if TYPE_CHECKING:
    from tests.support.engine_tokens import TokenServer

REPO_ROOT = Path(__file__).resolve().parents[2]
GATEWAY_SERVICE = "gateway_protocol.Gateway"


class EngineServer:
    def __init__(
        self,
        database_url: str,
        log_path: Path,
        extra_env: dict[str, str] | None = None,
        auth: TokenServer | None = None,
    ) -> None:
        self.database_url = database_url
        self.auth = auth
        self.grpc_port = free_port()
        self.rest_port = free_port()
        self.log_path = log_path
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def grpc_address(self) -> str:
        return f"127.0.0.1:{self.grpc_port}"

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.rest_port}"

    def start(self, timeout: float = 60.0) -> None:
        self.launch()
        try:
            self._wait_serving(timeout)
        except BaseException:
            self.kill()  # never leave an engine running behind a failed start
            raise

    def launch(self) -> None:
        """Start the process and return at once (`start` also waits until the gateway is SERVING)."""
        env = {
            **os.environ,
            "ENGINE_GRPC_PORT": str(self.grpc_port),
            "ENGINE_REST_PORT": str(self.rest_port),
            "ENGINE_DATABASE_URL": self.database_url,
            "ENGINE_CLOCK_CONTROL": "true",
            "ENGINE_HOST": "127.0.0.1",
            **(self.auth.engine_env() if self.auth else {"ENGINE_AUTHENTICATION": "false"}),
            **self.extra_env,
        }
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "engine"], cwd=REPO_ROOT, env=env, stdout=log, stderr=log
        )
        log.close()

    def _wait_serving(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        # a channel of its own that retries the connection every 200 ms at most: gRPC's default back-off
        # (1 s, 1.6 s, 2.6 s...) would notice the port, opened once the gateway serves, seconds late
        options = [
            ("grpc.use_local_subchannel_pool", 1),
            ("grpc.initial_reconnect_backoff_ms", 50),
            ("grpc.max_reconnect_backoff_ms", 200),
        ]
        with grpc.insecure_channel(self.grpc_address, options=options) as channel:
            stub = health_pb2_grpc.HealthStub(channel)
            while time.monotonic() < deadline:
                if self.process is not None and self.process.poll() is not None:
                    raise RuntimeError(f"the engine exited with {self.process.returncode}: {self.log_tail()}")
                try:
                    answer = stub.Check(health_pb2.HealthCheckRequest(service=GATEWAY_SERVICE), timeout=1)
                    if answer.status == health_pb2.HealthCheckResponse.SERVING:
                        return
                except grpc.RpcError:
                    pass
                time.sleep(0.05)
        raise TimeoutError(f"the engine did not become SERVING within {timeout}s: {self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout: float = 15.0) -> int | None:
        """SIGTERM and wait; returns the exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        code = self.process.returncode
        self.process = None
        return code

    def kill(self) -> None:
        """SIGKILL: the crash a durable engine must survive."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


@contextmanager
def start_engine(
    directory: Path | None = None,
    database_url: str | None = None,
    extra_env: dict[str, str] | None = None,
    auth: TokenServer | None = None,
) -> Iterator[EngineServer]:
    """A running engine on free ports with clock control; SQLite in `directory` unless a URL is given;
    bearer tokens of `auth` required on every call when given."""
    with tempfile.TemporaryDirectory(prefix="engine-") as scratch:
        folder = directory or Path(scratch)
        url = database_url or f"sqlite:///{folder / 'engine.db'}"
        server = EngineServer(url, folder / "engine.log", extra_env, auth)
        server.start()
        try:
            yield server
        finally:
            server.stop()
