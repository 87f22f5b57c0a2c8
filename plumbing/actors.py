"""Who acts on an internal API, so that every service checks authorization on every object.

Framework-free, so that domain rules take an `Actor`; `plumbing.authentication` reads it from a
request.

Internal APIs are called by the gateway (for an authenticated applicant), the back-office (for an
authenticated agent) and workers (the process itself). The caller proves it is part of the
platform with the shared internal token and names the actor in `X-Acteur`:

    X-Acteur: demandeur:<account id>
    X-Acteur: agent:<account id>;prefectures=59,62;roles=instructeur,valideur
    X-Acteur: service:<service name>
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

ActorKind = Literal["demandeur", "agent", "service"]
ACTOR_HEADER = "X-Acteur"
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

    def header(self) -> str:
        value = f"{self.kind}:{self.id}"
        if self.prefectures:
            value += ";prefectures=" + ",".join(sorted(self.prefectures))
        if self.roles:
            value += ";roles=" + ",".join(sorted(self.roles))
        return value

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


def parse_actor(value: str) -> Actor:
    head, *options = value.split(";")
    kind, _, actor_id = head.partition(":")
    if kind not in ("demandeur", "agent", "service") or not actor_id:
        raise ValueError("acteur invalide")
    parsed = dict(option.split("=", 1) for option in options if "=" in option)

    def as_set(name: str) -> frozenset[str]:
        return frozenset(v for v in parsed.get(name, "").split(",") if v)

    return Actor(kind, actor_id, as_set("prefectures"), as_set("roles"))  # type: ignore[arg-type]


def internal_headers(token: str, actor: Actor) -> dict[str, str]:
    """Headers a caller sends to an internal API on behalf of `actor`."""
    return {"Authorization": f"Bearer {token}", ACTOR_HEADER: actor.header()}
