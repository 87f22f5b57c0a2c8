"""Who calls: bearer tokens checked against identity's key set, and what each call needs.

As Camunda 8 self-managed with OAuth: every call but health carries `Authorization: Bearer <JWT>`,
issued by the authorisation server (identity's `/oauth/token`) and signed by a key of its JWKS,
checked by `plumbing.signed_tokens` (key set cached, verified tokens remembered until they expire).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from contracts.engine_access import ANY_JOB_TYPE, JOB_TYPES_CLAIM, SCOPE_CLAIM, Permission
from engine.errors import PermissionDenied
from plumbing.signed_tokens import JwksVerifier, KeysUnavailable, Unauthenticated, bearer

__all__ = ["KeysUnavailable", "Principal", "TokenVerifier", "Unauthenticated", "require_job_type"]


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


class TokenVerifier(JwksVerifier[Principal]):
    """The engine's check of its clients' access tokens (`plumbing.signed_tokens`, read as a Principal)."""

    def __init__(
        self,
        jwks_url: str,
        audience: str,
        issuer: str = "",
        refresh_interval_s: float = 10.0,
        now: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(jwks_url, audience, _principal, issuer, refresh_interval_s, now)

    async def principal(self, authorization: str | None) -> Principal:
        return await self.verify(bearer(authorization))


def _principal(claims: Mapping[str, Any]) -> Principal:
    scope = claims.get(SCOPE_CLAIM)
    job_types = claims.get(JOB_TYPES_CLAIM)
    return Principal(
        client_id=str(claims["sub"]),
        permissions=frozenset(scope.split()) if isinstance(scope, str) else frozenset(),
        job_types=frozenset(str(t) for t in job_types) if isinstance(job_types, list) else frozenset(),
        expires_at=float(claims["exp"]),
    )
