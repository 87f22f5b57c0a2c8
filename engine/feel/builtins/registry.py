"""Registration of built-in functions and argument checks shared by their families."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from engine.feel.datatypes import FeelFunction
from engine.feel.errors import InvalidArgument

_REGISTRY: dict[str, list[FeelFunction]] = {}
F = TypeVar("F", bound=Callable[..., Any])


def builtin(name: str, *params: str, varargs: bool = False) -> Callable[[F], F]:
    """Register `fn` as an overload of the built-in `name` with FEEL parameter names `params`."""

    def register(fn: F) -> F:
        def invoke(args: list[Any]) -> Any:
            return fn(*args)

        _REGISTRY.setdefault(name, []).append(FeelFunction(params, invoke, name, varargs))
        return fn

    return register


def alias(name: str, target: str) -> None:
    _REGISTRY.setdefault(name, []).extend(_REGISTRY[target])


def registry() -> dict[str, tuple[FeelFunction, ...]]:
    return {name: tuple(overloads) for name, overloads in _REGISTRY.items()}


def fail(message: str = "invalid argument") -> InvalidArgument:
    return InvalidArgument(message)


def number(value: Any) -> Decimal:
    if type(value) is not Decimal:
        raise fail(f"expected a number but found {value!r}")
    return value


def integer(value: Any) -> int:
    return int(number(value))


def string(value: Any) -> str:
    if type(value) is not str:
        raise fail(f"expected a string but found {value!r}")
    return value


def boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise fail(f"expected a boolean but found {value!r}")
    return value


def a_list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise fail(f"expected a list but found {value!r}")
    return value


def context(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise fail(f"expected a context but found {value!r}")
    return value


def function(value: Any) -> FeelFunction:
    if not isinstance(value, FeelFunction):
        raise fail(f"expected a function but found {value!r}")
    return value
