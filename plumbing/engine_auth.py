"""A client's credentials towards the engine: OAuth 2 client credentials, as Camunda 8 self-managed asks.

gRPC goes through pyzeebe's OAuth channel (`plumbing.worker.create_zeebe_channel`); REST through
`BearerToken`, an httpx authentication that asks the authorisation server for a token, keeps it until
shortly before it expires, and asks again once if the engine answers 401.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import AsyncGenerator, Generator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import grpc
import httpx

from plumbing.actors import ACTOR_AUDIENCE, Actor

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
LEEWAY_S = 30.0


@dataclass(frozen=True)
class EngineCredentials:
    client_id: str
    client_secret: str
    authorization_server: str  # the token endpoint, e.g. identity's /oauth/token
    audience: str = "zeebe-api"


def channel_credentials(grpc_address: str) -> grpc.ChannelCredentials:
    """Plaintext with call credentials on this machine (gRPC's local credentials), TLS elsewhere."""
    if grpc_address.rsplit(":", 1)[0].strip("[]") in LOOPBACK:
        return grpc.local_channel_credentials()
    return grpc.ssl_channel_credentials()


def allow_plain_http_on_this_machine(token_url: str) -> None:
    """oauthlib (under pyzeebe) refuses a token endpoint without TLS unless told; told only when the
    endpoint is on this machine (`make run`, tests). Elsewhere the endpoint must be https."""
    parts = urlsplit(token_url)
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"


class BearerToken(httpx.Auth):
    """httpx authentication for the engine's REST API with an access token from `credentials`."""

    def __init__(self, credentials: EngineCredentials) -> None:
        self.credentials = credentials
        self._token = ""
        self._expires_at = 0.0
        self._lock = asyncio.Lock()
        self._thread_lock = threading.Lock()

    def _stale(self) -> bool:
        return not self._token or time.time() >= self._expires_at - LEEWAY_S

    def _request(self) -> dict[str, Any]:
        c = self.credentials
        return {
            "url": c.authorization_server,
            "data": {"grant_type": "client_credentials", "audience": c.audience},
            "auth": (c.client_id, c.client_secret),
        }

    def _keep(self, answer: httpx.Response) -> str:
        answer.raise_for_status()
        body = answer.json()
        self._token = str(body["access_token"])
        self._expires_at = time.time() + float(body.get("expires_in") or 60)
        return self._token

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        request.headers["Authorization"] = f"Bearer {await self._current(renew=False)}"
        response = yield request
        if response.status_code == 401:  # a key rotated or the token was revoked: once more, anew
            request.headers["Authorization"] = f"Bearer {await self._current(renew=True)}"
            yield request

    async def _current(self, *, renew: bool) -> str:
        async with self._lock:
            if renew or self._stale():
                async with httpx.AsyncClient(timeout=10.0) as http:
                    return self._keep(await http.post(**self._request()))
            return self._token

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._current_sync(renew=False)}"
        response = yield request
        if response.status_code == 401:
            request.headers["Authorization"] = f"Bearer {self._current_sync(renew=True)}"
            yield request

    def token(self) -> str:
        """The current access token (fetched if need be), for a caller outside httpx (a gRPC stub)."""
        return self._current_sync(renew=False)

    def _current_sync(self, *, renew: bool) -> str:
        with self._thread_lock:
            if renew or self._stale():
                with httpx.Client(timeout=10.0) as http:
                    return self._keep(http.post(**self._request()))
            return self._token


class ServiceTokens:
    """A service's own actor tokens for the internal APIs (`plumbing.actors.ActorTokens`): the same
    client credentials as towards the engine, asked for the internal APIs' audience."""

    def __init__(self, credentials: EngineCredentials) -> None:
        self.service = Actor("service", credentials.client_id)
        self._bearer = BearerToken(replace(credentials, audience=ACTOR_AUDIENCE))

    async def token(self, actor: Actor, *, renew: bool = False) -> str:
        if actor != self.service:
            raise ValueError(f"le service {self.service.id} n'a pas de jeton pour cet acteur")
        return await self._bearer._current(renew=renew)
