"""The public API: compile once, evaluate often, syntax errors with positions, JSON mapping."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from engine.feel import (
    FeelEvaluationError,
    FeelSyntaxError,
    YearsMonthsDuration,
    clock_override,
    compile_expression,
    evaluate,
    is_expression,
    to_feel,
    to_json,
    unary_test,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [("=x", True), ("  = x > 1", True), ("x", False), ("", False), ("PT30D", False), ("a=b", False)],
)
def test_is_expression(text: str, expected: bool) -> None:
    assert is_expression(text) is expected


def test_compiled_expression_is_reusable() -> None:
    compiled = compile_expression("x > 5")
    assert compiled.evaluate({"x": 7}) is True
    assert compiled.evaluate({"x": 3}) is False
    assert compiled.evaluate({}) is None


def test_missing_variable_is_null() -> None:
    assert evaluate("missing", {}) is None
    assert evaluate("missing.a.b", {}) is None
    assert evaluate("missing = null", {}) is True


@pytest.mark.parametrize(
    ("source", "position"),
    [("1 +", 3), ("(1 + 2", 6), ('"abc', 0), ("a ! b", 2), ("[1, 2", 5), ("if x then 1", 11), ("1 2", 2)],
)
def test_syntax_errors_carry_the_position(source: str, position: int) -> None:
    with pytest.raises(FeelSyntaxError) as error:
        compile_expression(source)
    assert error.value.position == position
    assert str(position) in str(error.value)


def test_numbers_are_decimals() -> None:
    assert evaluate("0.1 + 0.2") == Decimal("0.3")
    assert evaluate("x * 2", {"x": 1.5}) == Decimal("3.0")
    assert evaluate("1 / 3") == Decimal("0.3333333333333333333333333333333333")


def test_assert_failure_is_an_evaluation_error() -> None:
    with pytest.raises(FeelEvaluationError, match="x must be positive"):
        evaluate('assert(x, x > 0, "x must be positive")', {"x": -1})


def test_input_value_outside_unary_tests_is_an_error() -> None:
    with pytest.raises(FeelEvaluationError):
        evaluate("? > 1")


def test_clock_override_drives_now_and_today() -> None:
    fixed = dt.datetime(2023, 8, 18, 10, 0, tzinfo=dt.UTC)
    with clock_override(lambda: fixed):
        assert evaluate("now()") == fixed
        assert evaluate("today()") == dt.date(2023, 8, 18)
    assert compile_expression("today()").evaluate({}, clock=lambda: fixed) == dt.date(2023, 8, 18)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("3"), 3),
        (Decimal("3.50"), 3.5),
        (dt.date(2023, 8, 18), "2023-08-18"),
        (dt.timedelta(hours=1), "PT1H"),
        (dt.timedelta(days=1, hours=2), "P1DT2H"),
        (YearsMonthsDuration(14), "P1Y2M"),
        (dt.datetime(2023, 8, 18, 10, 0, 0), "2023-08-18T10:00"),
        (
            dt.datetime(2023, 8, 18, 10, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            "2023-08-18T10:00:30+02:00",
        ),
        (dt.time(10, 0), "10:00"),
        ({"a": [Decimal(1), None, True]}, {"a": [1, None, True]}),
    ],
)
def test_to_json(value: object, expected: object) -> None:
    assert to_json(value) == expected


@pytest.mark.parametrize("value", [1, 2.5, "a", True, None, [1, [2, {"x": 0.1}]], {"a": {"b": [1, "c"]}}])
def test_json_round_trip(value: object) -> None:
    assert to_json(to_feel(value)) == value


def test_to_feel_converts_numbers() -> None:
    assert to_feel({"a": [1, 0.1]}) == {"a": [Decimal(1), Decimal("0.1")]}
    assert type(to_feel(True)) is bool


def test_unary_tests() -> None:
    assert unary_test("< 5", 3) is True
    assert unary_test("[1..5]", 6) is False
    assert unary_test('"a","b"', "b") is True
    assert unary_test('not("a")', "a") is False
    assert unary_test("-", "anything") is True
    assert unary_test("? > 3", 4) is True
    assert unary_test("> limit", 4, {"limit": 5}) is False
