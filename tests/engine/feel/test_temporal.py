"""Temporal values: literals, arithmetic, comparison and properties."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from engine.feel import YearsMonthsDuration, evaluate
from tests.engine.feel.conftest import feel

pytestmark = pytest.mark.unit

LITERALS = [
    ('@"2023-08-18"', dt.date(2023, 8, 18)),
    ('@"10:00:00"', dt.time(10, 0)),
    ('@"10:00:00.25"', dt.time(10, 0, 0, 250000)),
    ('@"10:00:00+02:00"', dt.time(10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))),
    ('@"2023-08-18T10:00:00"', dt.datetime(2023, 8, 18, 10, 0)),
    ('@"2023-08-18T10:00:00Z"', dt.datetime(2023, 8, 18, 10, 0, tzinfo=dt.UTC)),
    ('@"2023-08-18T10:00:00@Europe/Paris"', dt.datetime(2023, 8, 18, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))),
    ('@"P30D"', dt.timedelta(days=30)),
    ('@"PT1H30M"', dt.timedelta(hours=1, minutes=30)),
    ('@"PT0.5S"', dt.timedelta(milliseconds=500)),
    ('@"-P1D"', dt.timedelta(days=-1)),
    ('@"P1Y2M"', YearsMonthsDuration(14)),
    ('@"P18M"', YearsMonthsDuration(18)),
    ('@"-P2Y"', YearsMonthsDuration(-24)),
    ('@"2023-02-30"', None),
    ('date("2023-08-18")', dt.date(2023, 8, 18)),
]

ARITHMETIC = [
    ('@"2023-08-18" + @"P1D"', "2023-08-19"),
    ('@"P1D" + @"2023-08-18"', "2023-08-19"),
    ('@"2023-08-18" - @"P1D"', "2023-08-17"),
    ('date("2023-01-31") + duration("P1M")', "2023-02-28"),
    ('date("2024-02-29") + duration("P1Y")', "2025-02-28"),
    ('@"2023-08-18" - @"P1Y"', "2022-08-18"),
    ('@"2023-08-18" - @"2023-08-10"', "P8D"),
    ('@"2023-08-10" - @"2023-08-18"', "-P8D"),
    ('@"2023-08-18T10:00:00" - @"2023-08-18T08:30:00"', "PT1H30M"),
    ('@"2023-08-18T10:00:00" + @"PT36H"', "2023-08-19T22:00"),
    ('@"2023-08-18T10:00:00" + @"P1M"', "2023-09-18T10:00"),
    ('@"2023-08-18T10:00:00+02:00" + @"PT1H"', "2023-08-18T11:00+02:00"),
    ('@"2023-08-18T10:00:00+02:00" - @"2023-08-18T10:00:00Z"', "-PT2H"),
    ('@"2023-03-25T12:00:00@Europe/Paris" + @"PT24H"', "2023-03-26T13:00+02:00[Europe/Paris]"),
    ('@"2023-03-25T12:00:00@Europe/Paris" + @"P1D"', "2023-03-26T13:00+02:00[Europe/Paris]"),
    ('@"2023-03-25T12:00:00@Europe/Paris" + @"P1M"', "2023-04-25T12:00+02:00[Europe/Paris]"),
    ('@"10:00:00" + @"PT3H"', "13:00"),
    ('@"23:00:00" + @"PT2H"', "01:00"),
    ('@"10:00:00" - @"08:15:00"', "PT1H45M"),
    ('@"10:00:00" - @"PT30M"', "09:30"),
    ('@"P1D" + @"PT2H"', "P1DT2H"),
    ('@"P1D" - @"PT2H"', "PT22H"),
    ('@"P1Y" + @"P6M"', "P1Y6M"),
    ('@"P1Y" - @"P18M"', "-P6M"),
    ('@"P2D" * 2', "P4D"),
    ('2 * @"P1Y"', "P2Y"),
    ('@"P1Y" / 2', "P6M"),
    ('@"PT1H" / @"PT30M"', 2),
    ('@"P1Y" / @"P3M"', 4),
    ('@"PT1H" / 4', "PT15M"),
    ('@"2023-08-18" + 1', None),
    ('@"2023-08-18T10:00:00" - @"2023-08-18T10:00:00Z"', None),
    ('@"P1Y" + @"P1D"', None),
]

COMPARISON = [
    ('@"2023-08-18" < @"2023-08-19"', True),
    ('@"2023-08-18" = date("2023-08-18")', True),
    ('@"2023-08-18T10:00:00" > @"2023-08-18T09:00:00"', True),
    ('@"2023-08-18T10:00:00+02:00" < @"2023-08-18T09:00:00Z"', True),
    ('@"2023-08-18T10:00:00+02:00" = @"2023-08-18T10:00:00+02:00"', True),
    ('@"2023-08-18T10:00:00" < @"2023-08-18T10:00:00Z"', None),
    ('@"10:00:00" < @"11:00:00"', True),
    ('@"P1D" > @"PT23H"', True),
    ('@"P1D" = @"PT24H"', True),
    ('@"P1Y" = @"P12M"', True),
    ('@"P1Y" > @"P11M"', True),
    ('@"P1Y" > @"P1D"', None),
    ('@"2023-08-18" = "2023-08-18"', None),
    ('@"2023-08-18" between @"2023-08-01" and @"2023-08-31"', True),
    ('date(today) > @"2020-01-01"', True),
]

PROPERTIES = [
    ('date("2023-08-18").year', 2023),
    ('date("2023-08-18").month', 8),
    ('date("2023-08-18").day', 18),
    ('date("2023-08-18").weekday', 5),
    ('@"2023-08-18T10:30:15".hour', 10),
    ('@"2023-08-18T10:30:15".minute', 30),
    ('@"2023-08-18T10:30:15".second', 15),
    ('@"2023-08-18T10:30:15".weekday', 5),
    ('@"2023-08-18T10:30:15".time offset', None),
    ('@"2023-08-18T10:30:15+02:00".time offset', "PT2H"),
    ('@"2023-08-18T10:30:15-05:30".time offset', "-PT5H30M"),
    ('@"2023-08-18T10:30:15@Europe/Paris".timezone', "Europe/Paris"),
    ('@"2023-08-18T10:30:15@Europe/Paris".time offset', "PT2H"),
    ('@"2023-08-18T10:30:15+02:00".timezone', None),
    ('@"10:30:15".hour', 10),
    ('@"10:30:15+01:00".time offset', "PT1H"),
    ('@"P1Y2M".years', 1),
    ('@"P1Y2M".months', 2),
    ('@"-P1Y2M".months', -2),
    ('@"P2DT3H4M5S".days', 2),
    ('@"P2DT3H4M5S".hours', 3),
    ('@"P2DT3H4M5S".minutes', 4),
    ('@"P2DT3H4M5S".seconds', 5),
    ('@"2023-08-18".hour', None),
    ('@"2023-08-18".unknown', None),
    ('[@"2023-08-18", @"2024-01-01"].year', [2023, 2024]),
]


@pytest.mark.parametrize(("source", "expected"), LITERALS)
def test_temporal_literals(source: str, expected: Any) -> None:
    assert evaluate(source) == expected


@pytest.mark.parametrize(("source", "expected"), ARITHMETIC)
def test_temporal_arithmetic(source: str, expected: Any) -> None:
    assert feel(source) == expected


@pytest.mark.parametrize(("source", "expected"), COMPARISON)
def test_temporal_comparison(source: str, expected: Any) -> None:
    assert feel(source, today="2023-08-18") == expected


@pytest.mark.parametrize(("source", "expected"), PROPERTIES)
def test_temporal_properties(source: str, expected: Any) -> None:
    assert feel(source) == expected


def test_temporal_values_from_python_variables() -> None:
    due = dt.datetime(2023, 8, 18, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert evaluate('due + duration("P1D") > due', {"due": due}) is True
    assert evaluate("d.year", {"d": dt.date(2020, 1, 1)}) == 2020
