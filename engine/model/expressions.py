"""Zeebe's expression rule: text starting with '=' is FEEL, anything else is a literal string."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from engine import feel

_clock: Callable[[], datetime] | None = None


def use_clock(clock: Callable[[], datetime] | None) -> None:
    """Make FEEL's now() and today() read the engine's (possibly pinned) clock."""
    global _clock
    _clock = clock


class ExpressionError(Exception):
    """An expression failed at run time; the engine turns it into an incident."""


class InvalidExpression(Exception):
    def __init__(self, source: str, message: str, position: int | None) -> None:
        super().__init__(message)
        self.source = source
        self.position = position


class Expression:
    __slots__ = ("_compiled", "is_feel", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.is_feel = feel.is_expression(source)
        self._compiled: Any = None
        if self.is_feel:
            body = feel.expression_source(source)
            try:
                self._compiled = feel.compile_expression(body)
            except feel.FeelSyntaxError as error:
                raise InvalidExpression(source, str(error), getattr(error, "position", None)) from error

    def evaluate(self, variables: Mapping[str, Any]) -> Any:
        """Evaluate against JSON variables; returns a JSON-compatible value."""
        if not self.is_feel:
            return self.source
        context = _FeelContext(variables)
        try:
            return feel.to_json(self._compiled.evaluate(context, clock=_clock))
        except feel.FeelEvaluationError as error:
            raise ExpressionError(f"failed to evaluate expression '{self.source}': {error}") from error

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"


class _FeelContext(Mapping[str, Any]):
    """Converts JSON variables to FEEL values lazily, only those the expression reads."""

    def __init__(self, variables: Mapping[str, Any]) -> None:
        self._variables = variables
        self._converted: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name in self._converted:
            return self._converted[name]
        value = feel.to_feel(self._variables[name])
        self._converted[name] = value
        return value

    def __iter__(self) -> Any:
        return iter(self._variables)

    def __len__(self) -> int:
        return len(self._variables)

    def __contains__(self, name: object) -> bool:
        return name in self._variables
