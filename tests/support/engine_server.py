"""Run the embedded engine (`python -m engine`) as a real subprocess for tests.

    with start_engine(tmp_path) as engine:          # SQLite in tmp_path, clock control on, tokens required
        client = ZeebeClient(engine.channel())       # pyzeebe's OAuth channel, the tests' client
        async with engine.rest_client() as rest:     # httpx with a bearer token
            await rest.get("/v2/topology")
        engine.channel("dossier")                    # as the dossier service's worker (its permissions)

The engine checks the tokens of `auth`, by default the test process's token server (identity's real
issuer, `tests.support.engine_tokens.shared_token_server`), as every engine of the stack does.

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
from typing import Any

import grpc
import httpx
from grpc_health.v1 import health_pb2, health_pb2_grpc

from contracts.engine_access import ENGINE_AUDIENCE, test_client
from plumbing.engine_auth import BearerToken, channel_credentials
from tests.support.engine_tokens import TokenServer, shared_token_server
from tests.support.ports import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
GATEWAY_SERVICE = "gateway_protocol.Gateway"
TEST_CLIENT = test_client().client_id  # every permission and job type, clock control included


class _BearerMetadata(grpc.AuthMetadataPlugin):
    """gRPC call credentials from a `BearerToken` (fetched, kept and renewed as for REST)."""

    def __init__(self, bearer: BearerToken) -> None:
        self.bearer = bearer

    def __call__(self, context: grpc.AuthMetadataContext, callback: grpc.AuthMetadataPluginCallback) -> None:
        try:
            callback((("authorization", f"Bearer {self.bearer.token()}"),), None)
        except Exception as error:  # the call fails with the token server's error, not a hang
            callback((), error)


class EngineServer:
    def __init__(
        self,
        database_url: str,
        log_path: Path,
        auth: TokenServer,
        extra_env: dict[str, str] | None = None,
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

    def bearer(self, client_id: str = TEST_CLIENT) -> BearerToken:
        return self.auth.bearer(client_id)

    def channel(self, client_id: str = TEST_CLIENT) -> grpc.aio.Channel:
        """pyzeebe's OAuth 2 channel as `client_id`, as the services open it."""
        return self.auth.channel(self.grpc_address, client_id)

    def grpc_credentials(self, client_id: str = TEST_CLIENT) -> grpc.ChannelCredentials:
        """For a raw `grpc.aio.secure_channel`: every call carries `client_id`'s bearer token."""
        call = grpc.metadata_call_credentials(_BearerMetadata(self.bearer(client_id)))
        return grpc.composite_channel_credentials(channel_credentials(self.grpc_address), call)

    def rest_client(self, client_id: str = TEST_CLIENT, **options: Any) -> httpx.AsyncClient:
        """An httpx client of the REST API with `client_id`'s bearer token."""
        return httpx.AsyncClient(base_url=self.rest_url, auth=self.bearer(client_id), **options)

    def client_env(self, client_id: str = TEST_CLIENT) -> dict[str, str]:
        """The environment of zbctl (and of any Zeebe client) as `client_id` towards this engine."""
        return {"ZEEBE_ADDRESS": self.grpc_address, **self.auth.client_env(client_id)}

    def camunda_configuration(self, token_cache: Path, client_id: str = TEST_CLIENT) -> dict[str, str]:
        """The Camunda SDK's configuration with its OAuth strategy, as a Camunda 8.9 user writes it."""
        return {
            "CAMUNDA_REST_ADDRESS": self.rest_url,
            "CAMUNDA_AUTH_STRATEGY": "OAUTH",
            "CAMUNDA_CLIENT_ID": client_id,
            "CAMUNDA_CLIENT_SECRET": self.auth.secrets[client_id],
            "CAMUNDA_OAUTH_URL": self.auth.token_url,
            "CAMUNDA_TOKEN_AUDIENCE": ENGINE_AUDIENCE,
            "CAMUNDA_TOKEN_CACHE_DIR": str(token_cache),
        }

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
            **self.auth.engine_env(),
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
    bearer tokens of `auth` (the process's token server unless given) required on every call."""
    with tempfile.TemporaryDirectory(prefix="engine-") as scratch:
        folder = directory or Path(scratch)
        url = database_url or f"sqlite:///{folder / 'engine.db'}"
        server = EngineServer(url, folder / "engine.log", auth or shared_token_server(), extra_env)
        server.start()
        try:
            yield server
        finally:
            server.stop()
