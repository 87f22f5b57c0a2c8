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

from dataclasses import dataclass, field
from typing import Literal

ActorKind = Literal["demandeur", "agent", "service"]
ACTOR_HEADER = "X-Acteur"


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
