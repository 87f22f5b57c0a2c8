"""Expressions: literals, operators, null handling, paths, filters, contexts, iterations, functions."""

from __future__ import annotations

from typing import Any

import pytest

from engine.feel import evaluate, to_json
from tests.engine.feel.conftest import feel

pytestmark = pytest.mark.unit

LITERALS = [
    ("1", 1),
    ("-1", -1),
    ("1.5", 1.5),
    (".5", 0.5),
    ('"foo"', "foo"),
    ('"a\\"b"', 'a"b'),
    ('"line\\nbreak"', "line\nbreak"),
    ('"\\u0041"', "A"),
    ('"\\\\d"', "\\d"),
    ("true", True),
    ("false", False),
    ("null", None),
    ("[]", []),
    ("[1, 2, 3]", [1, 2, 3]),
    ('[1, "a", [true]]', [1, "a", [True]]),
    ("{}", {}),
    ('{a: 1, "b c": 2}', {"a": 1, "b c": 2}),
    ("{a: 1, b: a + 1}", {"a": 1, "b": 2}),
    ("{first name: 1}", {"first name": 1}),
    ("{`x y`: 1}", {"x y": 1}),
    ("{a: {b: 1}}", {"a": {"b": 1}}),
    ("1 + /* a comment */ 2 // and another", 3),
]

ARITHMETIC = [
    ("1 + 2", 3),
    ("3 - 5", -2),
    ("2 * 3", 6),
    ("10 / 4", 2.5),
    ("2 ** 3", 8),
    ("2 ** -1", 0.5),
    ("4 ** 0.5", 2),
    ("-2 ** 2", 4),
    ("1 - -1", 2),
    ("-(1 + 2)", -3),
    ("1 + 2 * 3", 7),
    ("(1 + 2) * 3", 9),
    ("2 * 3 ** 2", 18),
    ("10 - 2 - 3", 5),
    ("12 / 2 / 3", 2),
    ("0.1 + 0.2", 0.3),
    ("0.1 + 0.2 = 0.3", True),
    ("1 / 3 * 3", 0.9999999999999999999999999999999999),
    ("1 / 0", None),
    ("1 + null", None),
    ("null * 2", None),
    ('1 + "a"', None),
    ("-null", None),
    ('-"a"', None),
    ("10000000000000000000000 + 1", 10000000000000000000001),
]

COMPARISON = [
    ("1 = 1", True),
    ("1 = 1.0", True),
    ("1 != 2", True),
    ("1 < 2", True),
    ("2 <= 2", True),
    ("3 > 2", True),
    ("2 >= 3", False),
    ('"a" < "b"', True),
    ('"a" = "a"', True),
    ("true = true", True),
    ("null = null", True),
    ("1 = null", False),
    ("null != 1", True),
    ('1 = "1"', None),
    ('1 != "1"', None),
    ('1 < "2"', None),
    ("1 < null", None),
    ("true < false", None),
    ("[1, 2] = [1, 2]", True),
    ("[1, 2] = [2, 1]", False),
    ("{a: 1} = {a: 1}", True),
    ("{a: 1} = {a: 2}", False),
    ("5 between 1 and 10", True),
    ("1 between 1 and 10", True),
    ("11 between 1 and 10", False),
    ('"b" between "a" and "c"', True),
    ("null between 1 and 10", None),
]

LOGIC = [
    ("true and true", True),
    ("true and false", False),
    ("true and null", None),
    ("false and null", False),
    ("null and false", False),
    ("null and true", None),
    ("true and 1", None),
    ("false or true", True),
    ("false or false", False),
    ("true or null", True),
    ("null or true", True),
    ("null or false", None),
    ("false or 1", None),
    ("1 < 2 and 2 < 3", True),
    ("1 > 2 or 2 < 3", True),
    ("true or false and false", True),
]

CONTROL = [
    ('if true then "a" else "b"', "a"),
    ('if false then "a" else "b"', "b"),
    ('if null then "a" else "b"', "b"),
    ('if 1 then "a" else "b"', "b"),
    ("if 1 > 2 then 1 else if 2 > 1 then 2 else 3", 2),
    ("(if true then 1 else 2) + 1", 2),
    ("for x in [1, 2, 3] return x * 2", [2, 4, 6]),
    ("for x in [1, 2], y in [3, 4] return x * y", [3, 4, 6, 8]),
    ("for i in 1..3 return i", [1, 2, 3]),
    ("for i in 3..1 return i", [3, 2, 1]),
    ("for i in 1..5 return if i = 1 then 1 else i * partial[-1]", [1, 2, 6, 24, 120]),
    ("for x in [] return x", []),
    ("for x in 1 return x", None),
    ("for i in 1..2, j in 1..i return [i, j]", [[1, 1], [2, 1], [2, 2]]),
    ("some x in [1, 2, 3] satisfies x > 2", True),
    ("some x in [1, 2, 3] satisfies x > 3", False),
    ("every x in [1, 2, 3] satisfies x > 0", True),
    ("every x in [1, 2, 3] satisfies x > 1", False),
    ("every x in [] satisfies x > 1", True),
    ("some x in [] satisfies x > 1", False),
    ("some x in [1, null] satisfies x > 1", None),
    ("some x in [1, 2], y in [2, 3] satisfies x * y = 6", True),
    ("every x in [1, 2], y in [2, 3] satisfies x < y + 1", True),
]

MEMBERSHIP = [
    ("5 in [1..10]", True),
    ("5 in (1..5)", False),
    ("5 in (1..5]", True),
    ("5 in ]1..5[", False),
    ("1 in [1..5)", True),
    ("5 in (1, 2, 5)", True),
    ("5 in (1, 2)", False),
    ("5 in [1, 2, 5]", True),
    ("5 in [1, 2]", False),
    ('"a" in ["a", "b"]', True),
    ("5 in < 10", True),
    ("5 in (< 3, > 4)", True),
    ("5 in (< 3, > 5)", False),
    ("5 in 5", True),
    ("5 in null", False),
    ("null in [1..5]", None),
    ('"b" in ["a".."c"]', True),
    ('@"2023-08-18" in [@"2023-08-01"..@"2023-08-31"]', True),
    ("x in y", True),
]

TYPES = [
    ("1 instance of number", True),
    ('"a" instance of string', True),
    ("true instance of boolean", True),
    ("null instance of null", True),
    ("1 instance of Any", True),
    ("null instance of Any", False),
    ('@"2023-08-18" instance of date', True),
    ('@"10:00:00" instance of time', True),
    ('@"2023-08-18T10:00:00" instance of date and time', True),
    ('@"P1D" instance of days and time duration', True),
    ('@"P1Y" instance of years and months duration', True),
    ('@"P1Y" instance of days and time duration', False),
    ("[1] instance of list", True),
    ("{} instance of context", True),
    ("(function(x) x) instance of function", True),
    ("1 instance of string", False),
]

PATHS_AND_FILTERS = [
    ("{a: 1, b: 2}.a", 1),
    ("{a: {b: {c: 3}}}.a.b.c", 3),
    ("{a: 1}.b", None),
    ("[{a: 1}, {a: 2}].a", [1, 2]),
    ("[{a: {b: 1}}, {a: {b: 2}}].a.b", [1, 2]),
    ("[1, 2, 3, 4][item > 2]", [3, 4]),
    ("[1, 2, 3, 4][item > 5]", []),
    ("[{a: 1}, {a: 2}][a > 1]", [{"a": 2}]),
    ("[{a: 1}, {a: 2}][item.a = 1]", [{"a": 1}]),
    ("[{a: 1, b: 2}, {a: 3, b: 4}][a > 2].b", [4]),
    ("[1, 2, 3][1]", 1),
    ("[1, 2, 3][-1]", 3),
    ("[1, 2, 3][-3]", 1),
    ("[1, 2, 3][4]", None),
    ("[1, 2, 3][0]", None),
    ("[1, 2, 3][-4]", None),
    ("[[1, 2], [3, 4]][2][1]", 3),
    ("[1, 2, 3][item > 1][1]", 2),
    ("[][1]", None),
    ("[][item > 1]", []),
    ("[1, 2, 3][even(item)]", [2]),
    ("[1, 2, 3][index]", 2),
    ("null[1]", None),
    ("null.a", None),
    ("items[price > 10].name", ["b"]),
    ("items[1].price", 5),
    ("order.lines[-1]", 3),
    ("count(items)", 2),
    ("`first name`", "Ada"),
    ('`first name` + " " + last', "Ada Lovelace"),
]

FUNCTIONS = [
    ("{f: function(a, b) a + b, r: f(1, 2)}.r", 3),
    ("{f: function(a, b) a - b, r: f(b: 1, a: 5)}.r", 4),
    ("{f: function(x) x * 2}.f(3)", 6),
    ("{square: function(x) x * x, r: square(square(2))}.r", 16),
    ("{f: function(x) x, r: f(1, 2)}.r", None),
    ("{fact: function(n) if n <= 1 then 1 else n * fact(n - 1), r: fact(5)}.r", 120),
    ("{my func: function(x) x + 1, r: my func(1)}.r", 2),
    ('{first name: "Ada", greeting: "Hi " + first name}.greeting', "Hi Ada"),
    ("{a: 2, f: function(x) x * a, r: f(3)}.r", 6),
    ('string length(string: "abc")', 3),
    ("unknown func(1)", None),
    ("is  defined(1)", True),
    ("count([1, 2]) + count([3])", 3),
    ("{order: 1, organisation: 2}.order + 1", 2),
    ('date and time("2023-08-18T10:00:00").year', 2023),
    ("{date: 1, r: date + 1}.r", 2),
]


def _check(source: str, expected: Any, **variables: Any) -> None:
    assert feel(source, **variables) == expected


@pytest.mark.parametrize(("source", "expected"), LITERALS)
def test_literals(source: str, expected: Any) -> None:
    _check(source, expected)


@pytest.mark.parametrize(("source", "expected"), ARITHMETIC)
def test_arithmetic(source: str, expected: Any) -> None:
    _check(source, expected)


@pytest.mark.parametrize(("source", "expected"), COMPARISON)
def test_comparison(source: str, expected: Any) -> None:
    _check(source, expected)


@pytest.mark.parametrize(("source", "expected"), LOGIC)
def test_three_valued_logic(source: str, expected: Any) -> None:
    _check(source, expected)


@pytest.mark.parametrize(("source", "expected"), CONTROL)
def test_if_for_some_every(source: str, expected: Any) -> None:
    _check(source, expected)


@pytest.mark.parametrize(("source", "expected"), MEMBERSHIP)
def test_in(source: str, expected: Any) -> None:
    _check(source, expected, x=2, y=[1, 2])


@pytest.mark.parametrize(("source", "expected"), TYPES)
def test_instance_of(source: str, expected: Any) -> None:
    _check(source, expected)


VARIABLES = {
    "items": [{"name": "a", "price": 5}, {"name": "b", "price": 12}],
    "order": {"lines": [1, 2, 3]},
    "index": 2,
    "first name": "Ada",
    "last": "Lovelace",
}


@pytest.mark.parametrize(("source", "expected"), PATHS_AND_FILTERS)
def test_paths_and_filters(source: str, expected: Any) -> None:
    assert to_json(evaluate(source, VARIABLES)) == expected


@pytest.mark.parametrize(("source", "expected"), FUNCTIONS)
def test_functions_and_names(source: str, expected: Any) -> None:
    _check(source, expected)


def test_function_value_is_callable_from_python() -> None:
    double = evaluate("function(x) x * 2")
    assert to_json(double(21)) == 42


def test_python_callables_in_the_context_can_be_invoked() -> None:
    assert to_json(evaluate("greet(name)", {"greet": lambda n: f"hi {n}", "name": "Ada"})) == "hi Ada"
