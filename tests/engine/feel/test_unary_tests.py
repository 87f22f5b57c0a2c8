"""Unary tests, as in the input entries of DMN decision tables."""

from __future__ import annotations

from typing import Any

import pytest

from engine.feel import FeelSyntaxError, compile_unary_tests, unary_test

pytestmark = pytest.mark.unit

CASES = [
    ("-", 5, True),
    ("-", None, True),
    ("", 5, True),
    ("5", 5, True),
    ("5", 6, False),
    ('"a"', "a", True),
    ('"a","b"', "b", True),
    ('"a","b"', "c", False),
    ('not("a")', "a", False),
    ('not("a")', "b", True),
    ('not("a", "b")', "c", True),
    ("not(< 5)", 3, False),
    ("not([1..5])", 7, True),
    ("< 5", 3, True),
    ("< 5", 5, False),
    ("<= 5", 5, True),
    ("> 5", 6, True),
    (">= 5", 4, False),
    ("< 5", "a", None),
    ("< 5", None, None),
    ("[1..5]", 1, True),
    ("[1..5]", 5, True),
    ("(1..5)", 1, False),
    ("]1..5[", 5, False),
    ("[1..5)", 5, False),
    ("[1..5]", 6, False),
    ("< 3, > 10", 11, True),
    ("< 3, > 10", 5, False),
    ("true", True, True),
    ("true", False, False),
    ("false", False, True),
    ("? > 3", 4, True),
    ("? > 3", 2, False),
    ("? * 2 = 8", 4, True),
    ('starts with(?, "fo")', "foobar", True),
    ("even(?)", 4, True),
    ("[1, 2, 3]", 2, True),
    ("[1, 2, 3]", 5, False),
    ("null", None, True),
    ("null", 1, False),
    ("1", "1", None),
    ('@"2023-08-18"', "ignored", None),
    ('[@"2023-01-01"..@"2023-12-31"]', "x", None),
    ("> limit", 4, False),
    ("limit", 5, True),
    ("[limit - 1..limit + 1]", 6, True),
    ("x.y", 1, True),
    ('matches(?, "^[A-Z]{2}[0-9]+$")', "AB123", True),
]


@pytest.mark.parametrize(("source", "value", "expected"), CASES)
def test_unary_tests(source: str, value: Any, expected: Any) -> None:
    assert unary_test(source, value, {"limit": 5, "x": {"y": 1}}) is expected


def test_dates_in_unary_tests() -> None:
    assert unary_test('[date("2023-01-01")..date("2023-12-31")]', "x") is None
    assert unary_test('[date("2023-01-01")..date("2023-12-31")]', "x") is None
    compiled = compile_unary_tests('< date("2024-01-01")')
    assert compiled.test(None) is None


def test_syntax_error_in_unary_tests() -> None:
    with pytest.raises(FeelSyntaxError):
        compile_unary_tests("< ")
