"""Unary tests (`< 5`, `[1..5]`, `"a","b"`, `not(...)`, `-`), ranges and three-valued logic."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from engine.feel import ast as a
from engine.feel import datatypes as t
from engine.feel import operators as op
from engine.feel.datatypes import FeelRange, kind

if TYPE_CHECKING:
    from engine.feel.compiler import Compiler
    from engine.feel.env import Env

Test = Callable[[Any, "Env"], Any]
_VALID_RANGE_KINDS = t.COMPARABLE


def or3(left: Any, right: Callable[[], Any]) -> bool | None:
    if left is True:
        return True
    value = right()
    if value is True:
        return True
    return False if left is False and value is False else None


def and3(left: Any, right: Callable[[], Any]) -> bool | None:
    if left is False:
        return False
    value = right()
    if value is False:
        return False
    return True if left is True and value is True else None


def or3_values(values: Iterable[Any]) -> bool | None:
    result: bool | None = False
    for value in values:
        if value is True:
            return True
        if value is not False:
            result = None
    return result


def and3_values(values: Iterable[Any]) -> bool | None:
    result: bool | None = True
    for value in values:
        if value is False:
            return False
        if value is not True:
            result = None
    return result


def in_range(value: Any, rng: FeelRange) -> bool | None:
    """Membership; null when the value and the bounds are not of one comparable type."""
    low = None if rng.start is None else op.compare(value, rng.start)
    high = None if rng.end is None else op.compare(value, rng.end)
    if (rng.start is not None and low is None) or (rng.end is not None and high is None):
        return None
    above = rng.start is None or (low is not None and (low > 0 or (low == 0 and rng.start_included)))
    below = rng.end is None or (high is not None and (high < 0 or (high == 0 and rng.end_included)))
    return above and below


def compile_range(compiler: Compiler, node: a.RangeLiteral) -> Callable[[Env], Any]:
    start, end = compiler.compile(node.start), compiler.compile(node.end)
    start_included, end_included = node.start_included, node.end_included

    def make_range(env: Env) -> FeelRange | None:
        low, high = start(env), end(env)
        tag = kind(low)
        if tag != kind(high) or tag not in _VALID_RANGE_KINDS:
            return None
        return FeelRange(low, high, start_included, end_included)

    return make_range


def matches(value: Any, result: Any) -> bool | None:
    """An expression used as a test: true, a list holding the input, or a value equal to it."""
    if result is True:
        return True
    if type(result) is FeelRange:
        return in_range(value, result)
    if type(result) is list and any(op.equals(value, item) is True for item in result):
        return True
    equal = op.equals(value, result)
    if equal is True:
        return True
    if result is False or type(result) is list:
        return False
    return None if equal is None else False


_COMPARE = {"<": op.less, "<=": op.less_eq, ">": op.greater, ">=": op.greater_eq, "=": op.equals}


def compile_test(compiler: Compiler, node: a.UnaryTest) -> Test:
    if isinstance(node, a.AnyInput):
        return lambda value, env: True
    if isinstance(node, a.InputComparison):
        compare, operand = _COMPARE[node.op], compiler.compile(node.operand)
        return lambda value, env: compare(value, operand(env))
    if isinstance(node, a.InputInRange):
        make_range = compiler.compile(node.range)

        def test_range(value: Any, env: Env) -> bool | None:
            rng = make_range(env)
            return None if rng is None else in_range(value, rng)

        return test_range
    if isinstance(node, a.InputMatches):
        expression = compiler.compile(node.expression)
        return lambda value, env: matches(value, expression(env.child({"?": value})))
    if isinstance(node, a.AnyOf):
        tests = [compile_test(compiler, test) for test in node.tests]
        return lambda value, env: or3_values(test(value, env) for test in tests)
    if isinstance(node, a.NoneOf):
        tests = [compile_test(compiler, test) for test in node.tests]

        def none_of(value: Any, env: Env) -> bool | None:
            result = or3_values(test(value, env) for test in tests)
            return None if result is None else not result

        return none_of
    raise TypeError(f"unknown unary test {node!r}")
