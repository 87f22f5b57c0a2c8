"""Boolean functions: `not`, `is defined`, `get or else`, `assert`."""

from __future__ import annotations

from typing import Any

from engine.feel.builtins.registry import builtin
from engine.feel.errors import FeelEvaluationError


@builtin("not", "negand")
def not_(negand: Any) -> bool | None:
    return (not negand) if type(negand) is bool else None


@builtin("is defined", "value")
def is_defined(value: Any) -> bool:
    return value is not None


@builtin("get or else", "value", "default")
def get_or_else(value: Any, default: Any) -> Any:
    return default if value is None else value


@builtin("assert", "value", "condition")
def assert_(value: Any, condition: Any) -> Any:
    if condition is not True:
        raise FeelEvaluationError("The condition is not fulfilled")
    return value


@builtin("assert", "value", "condition", "cause")
def assert_cause(value: Any, condition: Any, cause: Any) -> Any:
    if condition is not True:
        raise FeelEvaluationError(cause if isinstance(cause, str) else "The condition is not fulfilled")
    return value
