"""Verifying identity's signed tokens (JWT): one key set, fetched lazily, cached, refreshed on rotation.

identity signs every token of the platform with one key and publishes its public half at
`/.well-known/jwks.json`: the engine checks its clients' access tokens with it
(`engine.protocol.access`), every internal API its callers' actor tokens (`plumbing.authentication`).
The key set is fetched on first use, cached, and fetched again when a token names a key it lacks
(a key rotation), at most once per `refresh_interval_s`. A verified token is remembered, read into
what the caller needs, until it expires: a caller's every request costs a dictionary look-up.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jws import extract_compact

log = logging.getLogger("plumbing.signed_tokens")
ALGORITHMS = ["ES256", "RS256"]
CACHE_SIZE = 4096
P = TypeVar("P")


class Unauthenticated(Exception):
    """No token, or one that does not verify: HTTP 401 (gRPC UNAUTHENTICATED)."""


class KeysUnavailable(Exception):
    """identity's key set cannot be fetched: HTTP 503 (gRPC UNAVAILABLE); the client retries."""


def bearer(authorization: str | None) -> str:
    """The token of an `Authorization: Bearer <token>` header; Unauthenticated without one."""
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthenticated("Expected a bearer token (Authorization: Bearer <token>)")
    return token


class JwksVerifier(Generic[P]):
    """Verifies tokens for one audience and reads each into a `P` with `read` (its claims)."""

    def __init__(
        self,
        jwks_url: str,
        audience: str,
        read: Callable[[Mapping[str, Any]], P],
        issuer: str = "",
        refresh_interval_s: float = 10.0,
        now: Callable[[], float] = time.time,
        keys: KeySet | None = None,  # a fixed key set (tests): never fetched
    ) -> None:
        self.jwks_url, self.audience, self.issuer = jwks_url, audience, issuer
        self.read = read
        self.refresh_interval_s = refresh_interval_s
        self.now = now
        self._keys = keys
        self._fixed = keys is not None
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()
        self._verified: dict[str, tuple[P, float]] = {}

    async def verify(self, token: str) -> P:
        remembered = self._verified.get(token)
        if remembered is not None and remembered[1] > self.now():
            return remembered[0]
        claims = await self._claims(token)
        read, expires_at = self.read(claims), float(claims["exp"])
        if len(self._verified) >= CACHE_SIZE:
            self._verified = {t: v for t, v in self._verified.items() if v[1] > self.now()}
            if len(self._verified) >= CACHE_SIZE:
                self._verified.clear()
        self._verified[token] = (read, expires_at)
        return read

    async def _claims(self, token: str) -> dict[str, Any]:
        try:
            kid = extract_compact(token.encode()).protected.get("kid")
        except (JoseError, ValueError, UnicodeError):
            raise Unauthenticated("The token is not a signed JWT") from None
        keys = await self._key_set(str(kid or ""))
        try:
            decoded = jwt.decode(token, keys, algorithms=ALGORITHMS)
            issuer: jwt.ClaimsOption = {"essential": True, "value": self.issuer} if self.issuer else {}
            jwt.JWTClaimsRegistry(
                now=lambda: int(self.now()),
                exp={"essential": True},
                aud={"essential": True, "value": self.audience},
                sub={"essential": True},
                iss=issuer,
            ).validate(decoded.claims)
        except (JoseError, ValueError) as error:
            raise Unauthenticated(f"The token is refused: {error}") from None
        return decoded.claims

    async def _key_set(self, kid: str) -> KeySet:
        async with self._lock:
            known = self._keys is not None and any(key.kid == kid for key in self._keys)
            stale = self.now() - self._fetched_at >= self.refresh_interval_s
            if not self._fixed and not known and (self._keys is None or stale):
                await self._fetch()
        if self._keys is None:
            raise KeysUnavailable("The authorisation server's key set is unavailable; retry later")
        return self._keys

    async def _fetch(self) -> None:
        try:
            async with httpx.AsyncClient(timeout=5.0) as http:
                answer = await http.get(self.jwks_url)
                answer.raise_for_status()
                keys = KeySet.import_key_set(answer.json())
        except (httpx.HTTPError, json.JSONDecodeError, JoseError, ValueError, TypeError) as error:
            log.warning(
                "key set unavailable", extra={"jwks_url": self.jwks_url, "error": type(error).__name__}
            )
            raise KeysUnavailable("The authorisation server's key set is unavailable; retry later") from None
        self._keys, self._fetched_at = keys, self.now()
        log.info("key set fetched", extra={"jwks_url": self.jwks_url, "keys": len(keys.keys)})
