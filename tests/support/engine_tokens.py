"""identity's token endpoint for the engine, alone, on a free port (a thread of the test process).

    tokens = shared_token_server()                        # the one `start_engine` gives every engine
    with start_token_server() as tokens:                  # the platform's clients and the tests' one
        with start_engine(auth=tokens) as engine:          # the engine checks tokens on its JWKS
            tokens.token("dossier")                        # an access token, as a worker gets it
            tokens.channel(engine.grpc_address, "tests")   # pyzeebe's OAuth channel

It is identity's own router (`services.identity.wiring.engine_token_router`), so the tests exercise the
real issuer; `forge` signs claims of the test's choosing with its key (expired tokens and the like).
"""

from __future__ import annotations

import asyncio
import atexit
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import grpc
import httpx
import uvicorn
from fastapi import FastAPI
from joserfc import jwt

from contracts.engine_access import ENGINE_AUDIENCE, EngineClient, platform_clients, test_client
from plumbing.engine_auth import BearerToken, EngineCredentials
from plumbing.worker import create_zeebe_channel
from services.identity.adapters.emetteur_moteur import cle_depuis_json, nouvelle_cle, registre_json
from services.identity.settings import IdentitySettings
from services.identity.wiring import engine_token_router
from tests.support.ports import free_port, wait_for_port

TOKEN_SECONDS = 3600  # identity's longest: the tests' clients ask for a token once per client


class TokenServer:
    def __init__(self, clients: dict[str, EngineClient]) -> None:
        self.port = free_port()
        self.secrets = {client_id: secrets.token_urlsafe(32) for client_id in clients}
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.registry = registre_json({cid: (client, self.secrets[cid]) for cid, client in clients.items()})
        self.app = FastAPI()
        self.rotate_key()
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_config=None, access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=lambda: asyncio.run(self.server.serve()), daemon=True)
        self._bearers: dict[str, BearerToken] = {}
        self._bearers_lock = threading.Lock()

    def rotate_key(self) -> None:
        """A new signing key, the only one in the key set from now on (identity restarted with a
        new `IDENTITY_OAUTH_SIGNING_KEY`): tokens signed before no longer verify."""
        self.key_json = json.dumps(nouvelle_cle().as_dict(private=True))
        settings = IdentitySettings(
            oauth_clients=self.registry,
            oauth_signing_key=self.key_json,
            oauth_issuer=self.issuer,
            oauth_token_seconds=TOKEN_SECONDS,
        )
        self.app.router.routes[:] = engine_token_router(settings).routes

    @property
    def token_url(self) -> str:
        return f"{self.issuer}/oauth/token"

    @property
    def jwks_url(self) -> str:
        return f"{self.issuer}/.well-known/jwks.json"

    def engine_env(self) -> dict[str, str]:
        """What the engine needs to check this server's tokens."""
        return {"ENGINE_AUTHENTICATION": "true", "ENGINE_AUTH_JWKS_URL": self.jwks_url}

    def client_env(self, client_id: str) -> dict[str, str]:
        """The standard variables of Zeebe's and Camunda's clients for `client_id`."""
        return {
            "ZEEBE_CLIENT_ID": client_id,
            "ZEEBE_CLIENT_SECRET": self.secrets[client_id],
            "ZEEBE_AUTHORIZATION_SERVER_URL": self.token_url,
            "ZEEBE_TOKEN_AUDIENCE": ENGINE_AUDIENCE,
        }

    def token(self, client_id: str) -> str:
        answer = httpx.post(
            self.token_url,
            data={"grant_type": "client_credentials", "client_id": client_id},
            auth=(client_id, self.secrets[client_id]),
        )
        answer.raise_for_status()
        return str(answer.json()["access_token"])

    def headers(self, client_id: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(client_id)}"}

    def forge(self, **claims: Any) -> str:
        """A token signed with the server's real key, with `claims` over a valid test client's."""
        now = int(time.time())
        base = {
            "sub": "tests",
            "aud": ENGINE_AUDIENCE,
            "iat": now,
            "exp": now + 300,
            "scope": "",
            "job_types": [],
        }
        key = cle_depuis_json(self.key_json)
        return jwt.encode({"alg": "ES256", "kid": key.kid}, {**base, **claims}, key)

    def channel(self, grpc_address: str, client_id: str) -> grpc.aio.Channel:
        """pyzeebe's OAuth 2 client-credentials channel, as every service opens it."""
        return create_zeebe_channel(grpc_address, self.credentials(client_id))

    def bearer(self, client_id: str) -> BearerToken:
        """`client_id`'s httpx authentication, one per client for the server's life: its token is asked
        once (an hour's lifetime), not by every client a test opens (an HTTP client costs ~35 ms of CPU)."""
        with self._bearers_lock:
            if client_id not in self._bearers:
                bearer = BearerToken(self.credentials(client_id))
                bearer.token()  # asked now, outside the event loop of any test
                self._bearers[client_id] = bearer
            return self._bearers[client_id]

    def credentials(self, client_id: str) -> EngineCredentials:
        return EngineCredentials(client_id, self.secrets[client_id], self.token_url, ENGINE_AUDIENCE)

    def start(self) -> None:
        self.thread.start()
        wait_for_port(self.port)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@contextmanager
def start_token_server(clients: dict[str, EngineClient] | None = None) -> Iterator[TokenServer]:
    server = TokenServer(clients or {**platform_clients(), "tests": test_client()})
    server.start()
    try:
        yield server
    finally:
        server.stop()


_shared: list[TokenServer] = []
_shared_lock = threading.Lock()


def shared_token_server() -> TokenServer:
    """The test process's token server (started on first use, stopped at exit): the default `auth` of
    `start_engine`, so that every engine of the suite requires tokens without a server each."""
    with _shared_lock:
        if not _shared:
            server = TokenServer({**platform_clients(), "tests": test_client()})
            server.start()
            atexit.register(server.stop)
            _shared.append(server)
        return _shared[0]
