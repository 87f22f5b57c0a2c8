"""Scopes of variables during evaluation; the root wraps the caller's (JSON-like) variables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.feel.convert import to_feel

MISSING: Any = object()


class Env:
    __slots__ = ("cache", "parent", "vars")

    def __init__(self, variables: Mapping[str, Any], parent: Env | None = None) -> None:
        self.vars = variables
        self.parent = parent
        self.cache: dict[str, Any] | None = None if parent is not None else {}

    def child(self, variables: Mapping[str, Any]) -> Env:
        return Env(variables, self)

    def get(self, name: str) -> Any:
        """The variable's FEEL value, or MISSING."""
        env = self
        while env.parent is not None:
            value = env.vars.get(name, MISSING)
            if value is not MISSING:
                return value
            env = env.parent
        cache = env.cache
        assert cache is not None
        value = cache.get(name, MISSING)
        if value is MISSING:
            raw = env.vars.get(name, MISSING)
            if raw is MISSING:
                return MISSING
            value = cache[name] = to_feel(raw)
        return value

    def lookup(self, name: str) -> Any:
        """The variable's value; a missing variable is null, as in Camunda."""
        value = self.get(name)
        return None if value is MISSING else value
