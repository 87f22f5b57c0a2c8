"""Conversion, boolean and context functions."""

from __future__ import annotations

from typing import Any

import pytest

from tests.engine.feel.conftest import feel

pytestmark = pytest.mark.unit

CONVERSION = [
    ("string(1.1)", "1.1"),
    ("string(123)", "123"),
    ("string(-0.5)", "-0.5"),
    ("string(true)", "true"),
    ("string(null)", None),
    ('string("a")', "a"),
    ('string(date("2012-12-25"))', "2012-12-25"),
    ('string(time("10:30:00"))', "10:30:00"),
    ('string(time("10:30:00+02:00"))', "10:30:00+02:00"),
    ('string(time("10:30:00@Europe/Paris"))', "10:30:00@Europe/Paris"),
    ('string(date and time("2012-12-25T10:30:00"))', "2012-12-25T10:30:00"),
    ('string(date and time("2012-12-25T10:30:00Z"))', "2012-12-25T10:30:00Z"),
    ('string(date and time("2012-12-25T10:30:00@Europe/Paris"))', "2012-12-25T10:30:00@Europe/Paris"),
    ('string(duration("P1DT2H"))', "P1DT2H"),
    ('string(duration("P14M"))', "P1Y2M"),
    ('string([1, "a", null])', '[1, "a", null]'),
    ('string({a: 1, b: "x"})', '{a:1, b:"x"}'),
    ('number("1500.5")', 1500.5),
    ('number("-12")', -12),
    ('number("1 500.5", " ")', 1500.5),
    ('number("1,500", ",")', 1500),
    ('number("1.500", ".")', 1500),
    ('number("1.500,5", ".", ",")', 1500.5),
    ('number("1 500,5", " ", ",")', 1500.5),
    ('number(from: "1.000,25", grouping separator: ".", decimal separator: ",")', 1000.25),
    ('number("1,500", ",", ",")', None),
    ('number("abc")', None),
    ('number("")', None),
    ("number(1)", None),
    ('context([{"key": "a", "value": 1}, {"key": "b", "value": 2}])', {"a": 1, "b": 2}),
    ('context([{"key": "a"}])', None),
    ('date(date and time("2012-12-25T11:00:00"))', "2012-12-25"),
    ('date("2012-12-25")', "2012-12-25"),
    ("date(2012, 12, 25)", "2012-12-25"),
    ("date(2012, 2, 30)", None),
    ('date("2012-13-25")', None),
    ('date("not a date")', None),
    ('date(from: "2012-12-25")', "2012-12-25"),
    ('time("12:00:00")', "12:00"),
    ('time("12:00:01.5")', "12:00:01.500"),
    ('time("T12:00:00")', "12:00"),
    ('time(date and time("2012-12-25T11:00:00"))', "11:00"),
    ("time(23, 59, 0)", "23:59"),
    ("time(23, 59, 30.5)", "23:59:30.500"),
    ('time(14, 30, 0, duration("PT1H"))', "14:30:00+01:00"),
    ("time(25, 0, 0)", None),
    ('time("10:30:00Z")', "10:30:00Z"),
    ('date and time("2012-12-24T23:59:00")', "2012-12-24T23:59"),
    ('date and time("2012-12-24")', "2012-12-24T00:00"),
    ('date and time("2012-12-24T23:59:00+01:00")', "2012-12-24T23:59+01:00"),
    ('date and time("2012-12-24T23:59:00@Europe/Paris")', "2012-12-24T23:59+01:00[Europe/Paris]"),
    ('date and time("2012-12-24T23:59:00[Europe/Paris]")', "2012-12-24T23:59+01:00[Europe/Paris]"),
    ('date and time(date("2012-12-24"), time("T23:59:00"))', "2012-12-24T23:59"),
    ('date and time(date("2012-12-24"), time("23:59:00+01:00"))', "2012-12-24T23:59+01:00"),
    (
        'date and time(date and time("2012-12-24T18:00:00Z"), "Europe/Berlin")',
        "2012-12-24T19:00+01:00[Europe/Berlin]",
    ),
    (
        'date and time(date and time("2012-12-24T18:00:00"), "Europe/Berlin")',
        "2012-12-24T18:00+01:00[Europe/Berlin]",
    ),
    ('date and time("2012-12-24T25:00:00")', None),
    ('duration("P5D")', "P5D"),
    ('duration("PT3H")', "PT3H"),
    ('duration("P1DT2H3M4S")', "P1DT2H3M4S"),
    ('duration("PT36H")', "P1DT12H"),
    ('duration("P32Y")', "P32Y"),
    ('duration("P14M")', "P1Y2M"),
    ('duration("-PT1H")', "-PT1H"),
    ('duration("P0D")', "P0D"),
    ('duration("xyz")', None),
    ('years and months duration(date("2011-12-22"), date("2013-08-24"))', "P1Y8M"),
    ('years and months duration(date("2013-08-24"), date("2011-12-22"))', "-P1Y8M"),
    ('years and months duration(date("2011-12-22"), date("2011-12-22"))', "P0Y"),
    ('from json("{\\"a\\": 1, \\"b\\": [true, null]}")', {"a": 1, "b": [True, None]}),
    ('to json({a: 1, b: "x"})', '{"a":1,"b":"x"}'),
]

BOOLEAN = [
    ("not(true)", False),
    ("not(false)", True),
    ("not(null)", None),
    ("not(1)", None),
    ("is defined(1)", True),
    ("is defined(null)", False),
    ("is defined(missing)", False),
    ("is defined({a: 1}.a)", True),
    ("is defined({}.a)", False),
    ("is defined([])", True),
    ('get or else("this", "default")', "this"),
    ('get or else(null, "default")', "default"),
    ("get or else(null, null)", None),
    ("get or else(missing, 5)", 5),
    ("assert(1, true)", 1),
]

CONTEXT = [
    ('get value({a: 1}, "a")', 1),
    ('get value({a: 1}, "b")', None),
    ('get value(context: {a: 1}, key: "a")', 1),
    ('get value({a: {b: 2}}, ["a", "b"])', 2),
    ('get value({a: {b: 2}}, ["a", "c"])', None),
    ("get value({a: 1}, [])", None),
    ("get entries({foo: 123})", [{"key": "foo", "value": 123}]),
    ("get entries({})", []),
    ('context put({x: 1}, "y", 2)', {"x": 1, "y": 2}),
    ('context put({x: 1}, "x", 2)', {"x": 2}),
    ('context put({x: 1, y: {z: 0}}, ["y", "z"], 2)', {"x": 1, "y": {"z": 2}}),
    ('context put({x: 1}, ["y", "z"], 2)', {"x": 1, "y": {"z": 2}}),
    ("context merge([{x: 1}, {y: 2}])", {"x": 1, "y": 2}),
    ("context merge([{x: 1, y: 0}, {y: 2}])", {"x": 1, "y": 2}),
    ("context merge({x: 1}, {y: 2})", {"x": 1, "y": 2}),
    ("context merge([{x: 1}, 2])", None),
]


@pytest.mark.parametrize(("source", "expected"), CONVERSION)
def test_conversion_functions(source: str, expected: Any) -> None:
    assert feel(source) == expected


@pytest.mark.parametrize(("source", "expected"), BOOLEAN)
def test_boolean_functions(source: str, expected: Any) -> None:
    assert feel(source) == expected


@pytest.mark.parametrize(("source", "expected"), CONTEXT)
def test_context_functions(source: str, expected: Any) -> None:
    assert feel(source) == expected
