"""Who acts on an internal API, so that every service checks authorization on every object.

Framework-free, so that domain rules take an `Actor`; `plumbing.authentication` reads it from a
request.

Internal APIs are called by the gateway (for an authenticated applicant), the back-office (for an
authenticated agent) and workers (the process itself). The caller never names the actor: it sends
an actor token identity signed (`Authorization: Bearer <JWT>`, audience `ACTOR_AUDIENCE`), received
with the visitor's session check, or for a service from identity's client-credentials grant.
Its claims: `sub` the id, `acteur` demandeur | agent | service, and for an agent `prefectures` and
`roles` from identity's own records.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol

ActorKind = Literal["demandeur", "agent", "service"]
# An internal API's answer to a token it cannot accept (RFC 6750), told apart from a 401 of the
# API's own (a wrong password): a service's client asks for a new token on it, once.
INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"'  # noqa: S105 (a challenge, no secret)
# identity's signed actor tokens (`plumbing.authentication` verifies them): their audience, and the
# claims beside `sub` (the actor's id) that say who the actor is
ACTOR_AUDIENCE = "anef-interne"
KIND_CLAIM, PREFECTURES_CLAIM, ROLES_CLAIM = "acteur", "prefectures", "roles"


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    id: str
    prefectures: frozenset[str] = field(default_factory=frozenset)
    roles: frozenset[str] = field(default_factory=frozenset)
    # identity's signed actor token that proves it, when the caller holds one (a visitor's session)
    token: str = field(default="", compare=False, repr=False)

    @property
    def is_applicant(self) -> bool:
        return self.kind == "demandeur"

    @property
    def is_agent(self) -> bool:
        return self.kind == "agent"

    @property
    def is_service(self) -> bool:
        return self.kind == "service"

    def may_instruct(self, prefecture: str) -> bool:
        return self.is_service or (self.is_agent and prefecture in self.prefectures)


def actor_claims(actor: Actor) -> dict[str, Any]:
    """The claims of an actor token for `actor` (identity signs them)."""
    return {
        "sub": actor.id,
        KIND_CLAIM: actor.kind,
        PREFECTURES_CLAIM: sorted(actor.prefectures),
        ROLES_CLAIM: sorted(actor.roles),
    }


def actor_from_claims(claims: Mapping[str, Any]) -> Actor:
    """The actor a verified token names; ValueError if its claims do not name one."""
    kind, actor_id = claims.get(KIND_CLAIM), claims.get("sub")
    if kind not in ("demandeur", "agent", "service") or not isinstance(actor_id, str) or not actor_id:
        raise ValueError("acteur invalide")

    def as_set(name: str) -> frozenset[str]:
        values = claims.get(name) if kind == "agent" else None
        return frozenset(str(v) for v in values) if isinstance(values, list) else frozenset()

    return Actor(kind, actor_id, as_set(PREFECTURES_CLAIM), as_set(ROLES_CLAIM))


def actor_from_token(token: str) -> Actor:
    """The actor an actor token names, with the token: for a caller that received it from identity
    (a session check) and sends it on; the receiving service verifies it (`plumbing.authentication`)."""
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError) as error:
        raise ValueError("jeton d'acteur illisible") from error
    return replace(actor_from_claims(claims), token=token)


class ActorTokens(Protocol):
    """Where a client gets the actor token of an actor with none (its own service's, from identity)."""

    async def token(self, actor: Actor, *, renew: bool = False) -> str:
        """`renew`: a new one, the last having been refused (identity changed its signing key)."""
        ...
