"""The REST API's authentication: a valid bearer token on every route but health, and its permissions.

401 without a valid token, 403 when the token does not allow the route, both problem+json as Camunda
answers them. The job routes also check the job's type against the token (`engine.protocol.access`).
"""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from contracts.engine_access import Permission
from engine.protocol.access import KeysUnavailable, Principal, TokenVerifier, Unauthenticated
from engine.protocol.rest.problems import problem

PUBLIC = frozenset({"/healthz", "/readyz"})
AUTHENTICATED = None  # any valid token

# first match wins: (method or "*", path pattern, what the route needs)
ROUTES: list[tuple[str, re.Pattern[str], Permission | None]] = [
    (method, re.compile(pattern), need)
    for method, pattern, need in (
        ("GET", r"/v2/topology", AUTHENTICATED),
        ("*", r"/v2/clock(/reset)?", Permission.CLOCK),
        ("POST", r"/v2/messages/publication", Permission.MESSAGES),
        ("POST", r"/v2/signals/broadcast", Permission.MESSAGES),
        ("POST", r"/v2/deployments", Permission.DEPLOYMENTS),
        ("POST", r"/v2/process-instances", Permission.PROCESS_INSTANCES),
        ("POST", r"/v2/process-instances/[^/]+/cancellation", Permission.PROCESS_INSTANCES),
        ("POST", r"/v2/incidents/[^/]+/resolution", Permission.INCIDENTS),
        ("*", r"/v2/user-tasks(/.*)?", Permission.USER_TASKS),
        ("PATCH", r"/v2/jobs/[^/]+", AUTHENTICATED),  # retries: incidents; timeout: the job's worker
        ("*", r"/v2/jobs(/.*)?", Permission.JOBS),  # and the job's type, checked by the route
        ("*", r"/v2/.*", Permission.READ),  # searches and reads
    )
]


def required_permission(method: str, path: str) -> Permission | None:
    for allowed, pattern, need in ROUTES:
        if allowed in ("*", method) and pattern.fullmatch(path):
            return need
    return Permission.READ


class BearerAuthentication:
    """ASGI middleware; the verified `Principal` goes to `request.state.principal` for the routes."""

    def __init__(self, app: ASGIApp, verifier: TokenVerifier) -> None:
        self.app, self.verifier = app, verifier

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in PUBLIC:
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers: dict[bytes, bytes] = dict(scope.get("headers") or [])
        authorization = headers.get(b"authorization", b"").decode("latin-1")
        try:
            principal = await self.verifier.principal(authorization)
        except Unauthenticated as error:
            answer: Any = problem(401, "UNAUTHORIZED", str(error), path)
            answer.headers["WWW-Authenticate"] = 'Bearer realm="engine"'
            await answer(scope, receive, send)
            return
        except KeysUnavailable as error:
            await problem(503, "SERVICE_UNAVAILABLE", str(error), path)(scope, receive, send)
            return
        need = required_permission(scope["method"], path)
        if need is not None and not principal.allows(need):
            detail = f"client '{principal.client_id}' lacks the permission '{need}'"
            await problem(403, "FORBIDDEN", detail, path)(scope, receive, send)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, receive, send)


def principal_of(request: Request) -> Principal | None:
    """The caller verified by `BearerAuthentication`; None when authentication is off."""
    principal = getattr(request.state, "principal", None)
    return principal if isinstance(principal, Principal) else None
