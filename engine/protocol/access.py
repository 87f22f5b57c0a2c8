"""Who calls: bearer tokens checked against identity's key set, and what each call needs.

As Camunda 8 self-managed with OAuth: every call but health carries `Authorization: Bearer <JWT>`,
issued by the authorisation server (identity's `/oauth/token`) and signed by a key of its JWKS. The
key set is fetched on first use, cached, and fetched again when a token names a key it lacks (a key
rotation), at most once per `refresh_interval_s`. A verified token is remembered until it expires,
so a worker's every call costs a dictionary look-up, not a signature check.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from joserfc.jws import extract_compact

from contracts.engine_access import ANY_JOB_TYPE, JOB_TYPES_CLAIM, SCOPE_CLAIM, Permission
from engine.errors import PermissionDenied

log = logging.getLogger("engine.access")
ALGORITHMS = ["ES256", "RS256"]
CACHE_SIZE = 4096


class Unauthenticated(Exception):
    """No token, or one that does not verify: gRPC UNAUTHENTICATED, HTTP 401."""


class KeysUnavailable(Exception):
    """identity's key set cannot be fetched: gRPC UNAVAILABLE, HTTP 503 (the client retries)."""


@dataclass(frozen=True)
class Principal:
    """The verified caller: a client id and what its token allows."""

    client_id: str
    permissions: frozenset[str]
    job_types: frozenset[str]
    expires_at: float

    def allows(self, permission: Permission) -> bool:
        return permission in self.permissions

    def works(self, job_type: str) -> bool:
        return self.allows(Permission.JOBS) and (job_type in self.job_types or ANY_JOB_TYPE in self.job_types)


def require_job_type(principal: Principal | None, job_type: str | None) -> None:
    """Refuse a job command on a type the caller does not work (None: authentication is off)."""
    if principal is not None and job_type is not None and not principal.works(job_type):
        raise PermissionDenied(f"client '{principal.client_id}' may not work jobs of type '{job_type}'")


class TokenVerifier:
    def __init__(
        self,
        jwks_url: str,
        audience: str,
        issuer: str = "",
        refresh_interval_s: float = 10.0,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.jwks_url, self.audience, self.issuer = jwks_url, audience, issuer
        self.refresh_interval_s = refresh_interval_s
        self.now = now
        self._keys: KeySet | None = None
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()
        self._verified: dict[str, Principal] = {}

    async def principal(self, authorization: str | None) -> Principal:
        scheme, _, token = (authorization or "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("Expected a bearer token (Authorization: Bearer <token>)")
        remembered = self._verified.get(token)
        if remembered is not None and remembered.expires_at > self.now():
            return remembered
        principal = await self._verify(token)
        if len(self._verified) >= CACHE_SIZE:
            self._verified = {t: p for t, p in self._verified.items() if p.expires_at > self.now()}
            if len(self._verified) >= CACHE_SIZE:
                self._verified.clear()
        self._verified[token] = principal
        return principal

    async def _verify(self, token: str) -> Principal:
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
        claims = decoded.claims
        scope = claims.get(SCOPE_CLAIM)
        job_types = claims.get(JOB_TYPES_CLAIM)
        return Principal(
            client_id=str(claims["sub"]),
            permissions=frozenset(scope.split()) if isinstance(scope, str) else frozenset(),
            job_types=frozenset(str(t) for t in job_types) if isinstance(job_types, list) else frozenset(),
            expires_at=float(claims["exp"]),
        )

    async def _key_set(self, kid: str) -> KeySet:
        async with self._lock:
            known = self._keys is not None and any(key.kid == kid for key in self._keys)
            stale = self.now() - self._fetched_at >= self.refresh_interval_s
            if not known and (self._keys is None or stale):
                await self._fetch()
        assert self._keys is not None
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
