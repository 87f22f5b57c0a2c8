"""String functions: the examples of Camunda's documentation and of the DMN specification."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.engine.feel.conftest import feel

pytestmark = pytest.mark.unit

CASES = [
    ('substring("foobar", 3)', "obar"),
    ('substring("foobar", -2)', "ar"),
    ('substring("foobar", 3, 3)', "oba"),
    ('substring("foobar", -3, 2)', "ba"),
    ('substring("foobar", 3, 10)', "obar"),
    ('substring("testing", 3)', "sting"),
    ('substring("testing", 3, 3)', "sti"),
    ('substring("testing", -2, 1)', "n"),
    ('substring("\\U01F40Eab", 2)', "ab"),
    ('substring(string: "foobar", start position: 3)', "obar"),
    ('substring("foobar", -10)', None),
    ("substring(123, 1)", None),
    ('string length("foo")', 3),
    ('string length("tes")', 3),
    ('string length("\\U01F40Eab")', 3),
    ('string length("")', 0),
    ("string length(null)", None),
    ('upper case("aBc4")', "ABC4"),
    ('lower case("aBc4")', "abc4"),
    ("upper case(1)", None),
    ('substring before("foobar", "bar")', "foo"),
    ('substring before("testing", "ing")', "test"),
    ('substring before("testing", "xyz")', ""),
    ('substring after("foobar", "ob")', "ar"),
    ('substring after("testing", "test")', "ing"),
    ('substring after("", "a")', ""),
    ('contains("foobar", "of")', False),
    ('contains("foobar", "oba")', True),
    ('starts with("foobar", "fo")', True),
    ('starts with("foobar", "bar")', False),
    ('ends with("foobar", "r")', True),
    ('ends with("foobar", "o")', False),
    ('matches("foobar", "^fo*bar")', True),
    ('matches("foobar", "^fo*b")', True),
    ('matches("FooBar", "foo")', False),
    ('matches("FooBar", "foo", "i")', True),
    ('matches("abc", "[")', None),
    ('matches("2023-08-18", "^\\d{4}-\\d{2}-\\d{2}$")', True),
    ('matches("Écrit", "^\\p{Lu}\\p{L}+$")', True),
    ('replace("abcd", "(ab)|(a)", "[1=$1][2=$2]")', "[1=ab][2=]cd"),
    ('replace("0123456789", "(\\d{3})(\\d{3})(\\d{4})", "($1) $2-$3")', "(012) 345-6789"),
    ('replace("How do you feel?", "Feel", "FEEL", "i")', "How do you FEEL?"),
    ('replace("abc", "b", "\\$")', "a$c"),
    ('replace("a.b.c", "\\.", "-")', "a-b-c"),
    ('split("John Doe", "\\s")', ["John", "Doe"]),
    ('split("a;b;c;;", ";")', ["a", "b", "c", "", ""]),
    ('split("a,b", ",")', ["a", "b"]),
    ('split("abc", "")', ["a", "b", "c", ""]),
    ('extract("references are 1234, 1256, 1378", "12[0-9]*")', ["1234", "1256"]),
    ('extract("abc", "x")', []),
    ('trim("  hello world  ")', "hello world"),
    ('trim("hello world ")', "hello world"),
    ('to base64("FEEL")', "RkVFTA=="),
    ('from base64("RkVFTA==")', "FEEL"),
    ('is blank("")', True),
    ('is blank(" ")', True),
    ('is blank("hello world")', False),
    ('string join(["a", "b", "c"])', "abc"),
    ('string join(["a", "b", "c"], ", ")', "a, b, c"),
    ('string join(["a", "b", "c"], ", ", "[", "]")', "[a, b, c]"),
    ('string join(["a", null, "c"])', "ac"),
    ("string join([])", ""),
    ('string join(["a", 1])', None),
    ('"foo" + "bar"', "foobar"),
    ('"a" + 1', None),
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_string_functions(source: str, expected: Any) -> None:
    assert feel(source) == expected


def test_uuid() -> None:
    value = feel("uuid()")
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", value)
    assert value != feel("uuid()")
