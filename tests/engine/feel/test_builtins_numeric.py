"""Numeric functions."""

from __future__ import annotations

from typing import Any

import pytest

from tests.engine.feel.conftest import feel

pytestmark = pytest.mark.unit

CASES = [
    ("decimal(1/3, 2)", 0.33),
    ("decimal(1.5, 0)", 2),
    ("decimal(2.5, 0)", 2),
    ('decimal(2.5, 0, "half_up")', 3),
    ('decimal(2.5, 0, "nope")', None),
    ("decimal(1.234, 1)", 1.2),
    ("floor(1.5)", 1),
    ("floor(-1.5)", -2),
    ("floor(-1.56, 1)", -1.6),
    ("ceiling(1.5)", 2),
    ("ceiling(-1.5)", -1),
    ("ceiling(-1.56, 1)", -1.5),
    ("round up(5.5, 0)", 6),
    ("round up(-5.5, 0)", -6),
    ("round up(1.121, 2)", 1.13),
    ("round up(-1.126, 2)", -1.13),
    ("round down(5.5, 0)", 5),
    ("round down(-5.5, 0)", -5),
    ("round down(1.121, 2)", 1.12),
    ("round down(-1.126, 2)", -1.12),
    ("round half up(5.5, 0)", 6),
    ("round half up(-5.5, 0)", -6),
    ("round half up(1.121, 2)", 1.12),
    ("round half up(-1.126, 2)", -1.13),
    ("round half down(5.5, 0)", 5),
    ("round half down(-5.5, 0)", -5),
    ("round half down(1.121, 2)", 1.12),
    ("round half down(-1.126, 2)", -1.13),
    ("abs(10)", 10),
    ("abs(-10)", 10),
    ('abs(duration("-PT5H"))', "PT5H"),
    ('abs(duration("-P1Y"))', "P1Y"),
    ('abs("a")', None),
    ("modulo(12, 5)", 2),
    ("modulo(-12, 5)", 3),
    ("modulo(12, -5)", -3),
    ("modulo(-12, -5)", -2),
    ("modulo(10.1, 4.5)", 1.1),
    ("modulo(-10.1, 4.5)", 3.4),
    ("modulo(10.1, -4.5)", -3.4),
    ("modulo(1, 0)", None),
    ("sqrt(16)", 4),
    ("sqrt(-3)", None),
    ("log(10)", 2.302585092994046),
    ("log(0)", None),
    ("exp(5)", 148.4131591025766),
    ("odd(5)", True),
    ("odd(-3)", True),
    ("odd(2)", False),
    ("even(5)", False),
    ("even(2)", True),
    ("even(0)", True),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_numeric_functions(source: str, expected: Any) -> None:
    assert feel(source) == expected


def test_random_number() -> None:
    assert 0 <= feel("random number()") < 1
