"""Lexing and parsing corners: names and keywords, regex translation, error positions."""

from __future__ import annotations

from typing import Any

import pytest

from engine.feel import FeelSyntaxError, compile_expression, evaluate, to_json
from engine.feel.regex import compile_java, translate

pytestmark = pytest.mark.unit

NAMES = [
    (
        "order + android + iffy + something + format",
        {"order": 1, "android": 2, "iffy": 3, "something": 4, "format": 5},
        15,
    ),
    ("some + every + for", {"some": 1, "every": 2, "for": 3}, 6),
    ("between", {"between": 7}, 7),
    ("count (items)", {"items": [1, 2]}, 2),
    ("`a-b` * 2", {"a-b": 4}, 8),
    ("`Nom de famille`", {"Nom de famille": "Curie"}, "Curie"),
    ("élève.âge", {"élève": {"âge": 17}}, 17),
    ("$total_1", {"$total_1": 3}, 3),
    ("x\n  > 1", {"x": 2}, True),
    ("a.b(2)", {}, None),
]


@pytest.mark.parametrize(("source", "variables", "expected"), NAMES)
def test_names(source: str, variables: dict[str, Any], expected: Any) -> None:
    assert to_json(evaluate(source, variables)) == expected


ERRORS = [
    ("", 0),
    ("1 +", 3),
    ("x in", 4),
    ("if x then 1", 11),
    ("for x in [1] return", 19),
    ("{a 1}", 4),
    ("{a: 1", 5),
    ("[1..", 4),
    ("[1..5", 5),
    ("f(a: 1, 2)", 8),
    ("then", 0),
    ("x = = 1", 4),
    ("1 # 2", 2),
    ("@1", 1),
    ("`unterminated", 0),
    ("/* never closed", 0),
    ("function(a) ", 12),
]


@pytest.mark.parametrize(("source", "position"), ERRORS)
def test_syntax_error_positions(source: str, position: int) -> None:
    with pytest.raises(FeelSyntaxError) as error:
        compile_expression(source)
    assert error.value.position == position


REGEX = [
    (r"\d+", "[0-9]+"),
    (r"[\w-]", "[a-zA-Z0-9_-]"),
    (r"(?<year>\d{4})", "(?P<year>[0-9]{4})"),
    (r"\QA.B\E", r"A\.B"),
    (r"end\z", r"end\Z"),
]


@pytest.mark.parametrize(("java", "python"), REGEX)
def test_regex_translation(java: str, python: str) -> None:
    assert translate(java) == python


def test_regex_is_ascii_for_shorthands_like_java() -> None:
    assert compile_java(r"^\w+$").search("été") is None
    assert compile_java(r"^\p{L}+$").search("été") is not None
    assert compile_java(r"^[\p{L} '-]+$").search("Jean-Luc D'Artagnan") is not None
    assert compile_java(r"(?<d>\d)\k<d>").search("a11") is not None


def test_regex_replacement_with_named_group() -> None:
    assert evaluate('replace("2023-08-18", "(?<y>\\d{4})-(\\d{2})-(\\d{2})", "$3/$2/${y}")') == "18/08/2023"


def test_class_intersection_is_rejected() -> None:
    assert evaluate('matches("a", "[a-z&&[^b]]")') is None
