"""Invocation of FEEL functions: overload choice, varargs, named arguments, failures -> null."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from engine.feel.convert import to_feel
from engine.feel.datatypes import FeelFunction
from engine.feel.errors import FeelEvaluationError


def _positional(function: FeelFunction, args: list[Any]) -> list[Any] | None:
    params = function.params
    if not function.varargs:
        return args if len(args) == len(params) else None
    fixed = len(params) - 1
    if len(args) < fixed:
        return None
    rest = args[fixed:]
    if fixed == 0 and len(rest) == 1 and isinstance(rest[0], list):
        return [rest[0]]
    return [*args[:fixed], rest]


def choose(overloads: Sequence[FeelFunction], args: list[Any]) -> tuple[FeelFunction, list[Any]] | None:
    for function in overloads:
        if not function.varargs:
            bound = _positional(function, args)
            if bound is not None:
                return function, bound
    for function in overloads:
        if function.varargs:
            bound = _positional(function, args)
            if bound is not None:
                return function, bound
    return None


def choose_named(
    overloads: Sequence[FeelFunction], named: dict[str, Any]
) -> tuple[FeelFunction, list[Any]] | None:
    keys = set(named)
    candidates = [f for f in overloads if keys <= set(f.params)]
    if not candidates:
        return None
    function = min(candidates, key=lambda f: len(f.params))
    return function, [named.get(p) for p in function.params]


def invoke(function: FeelFunction, args: list[Any]) -> Any:
    """Run the function; any failure inside is null (FEEL-scala's FUNCTION_INVOCATION_FAILURE)."""
    try:
        return function.invoke(args)
    except FeelEvaluationError:
        raise
    except Exception:
        return None


def call(
    target: Any,
    overloads: Sequence[FeelFunction] | None,
    args: list[Any] | None,
    named: dict[str, Any] | None,
) -> Any:
    """Call `target` (a function value) or, when it is not one, the built-in `overloads`."""
    if isinstance(target, FeelFunction):
        overloads = (target,)
    elif callable(target):
        return _call_python(target, args, named)
    if not overloads:
        return None
    chosen = choose(overloads, args) if args is not None else choose_named(overloads, named or {})
    if chosen is None:
        return None
    return invoke(*chosen)


def _call_python(target: Callable[..., Any], args: list[Any] | None, named: dict[str, Any] | None) -> Any:
    try:
        return to_feel(target(*(args or []), **(named or {})))
    except FeelEvaluationError:
        raise
    except Exception:
        return None
