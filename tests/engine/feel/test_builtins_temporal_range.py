"""Temporal and range functions."""

from __future__ import annotations

from typing import Any

import pytest

from tests.engine.feel.conftest import feel

pytestmark = pytest.mark.unit

TEMPORAL = [
    ("day of year(date(2019, 9, 17))", 260),
    ("day of week(date(2019, 9, 17))", "Tuesday"),
    ('day of week(date and time("2019-09-15T10:00:00"))', "Sunday"),
    ("month of year(date(2019, 9, 17))", "September"),
    ("week of year(date(2019, 9, 17))", 38),
    ("week of year(date(2003, 12, 29))", 1),
    ("week of year(date(2005, 1, 1))", 53),
    ("last day of month(date(2022, 2, 1))", "2022-02-28"),
    ("last day of month(date(2024, 2, 10))", "2024-02-29"),
    ('last day of month(date and time("2022-12-02T10:00:00"))', "2022-12-31"),
    ("day of week(1)", None),
    ('is(date("2012-12-25"), time("23:00:50"))', False),
    ('is(date("2012-12-25"), date("2012-12-25"))', True),
    ('is(time("23:00:50z"), time("23:00:50"))', False),
    ('is(time("23:00:50+01:00"), time("23:00:50+01:00"))', True),
]

RANGE = [
    ("before(1, 10)", True),
    ("before(10, 1)", False),
    ("before(1, [2..5])", True),
    ("before([1..5], 10)", True),
    ("before([1..5], [6..10])", True),
    ("before([1..5), [5..10])", True),
    ("before([1..5], [5..10])", False),
    ("after(10, 1)", True),
    ("after(1, 10)", False),
    ("after(12, [2..5])", True),
    ("after([6..10], 1)", True),
    ("after((5..10], 5)", True),
    ("after([6..10], [1..5])", True),
    ("after((5..10], [1..5])", True),
    ("meets([1..5], [5..10])", True),
    ("meets([1..3], [4..6])", False),
    ("meets([1..3], [3..5])", True),
    ("meets([1..5], (5..8])", False),
    ("met by([5..10], [1..5])", True),
    ("met by([3..4], [1..2])", False),
    ("met by([3..5], [1..3])", True),
    ("met by((5..8], [1..5))", False),
    ("met by([5..10], [1..5))", False),
    ("overlaps([5..10], [1..6])", True),
    ("overlaps((3..7], [1..4])", True),
    ("overlaps([1..3], (3..6])", False),
    ("overlaps((5..8], [1..5])", False),
    ("overlaps([4..10], [1..5))", True),
    ("overlaps before([1..5], [4..10])", True),
    ("overlaps before([3..4], [1..2])", False),
    ("overlaps before([1..3], (3..5])", False),
    ("overlaps before([1..5), (3..8])", True),
    ("overlaps before([1..5), [5..10])", False),
    ("overlaps after([4..10], [1..5])", True),
    ("overlaps after([3..4], [1..2])", False),
    ("overlaps after([3..5], [1..3))", False),
    ("overlaps after((5..8), [1..5))", False),
    ("overlaps after([4..10], [1..5))", True),
    ("finishes(5, [1..5])", True),
    ("finishes(10, [1..7])", False),
    ("finishes([3..5], [1..5])", True),
    ("finishes((1..5], [1..5))", False),
    ("finishes([5..10], [1..10))", False),
    ("finished by([5..10], 10)", True),
    ("finished by([3..4], 2)", False),
    ("finished by([1..5], [3..5])", True),
    ("finished by((5..8), [1..5))", False),
    ("finished by([5..10], (1..10))", False),
    ("includes([5..10], 6)", True),
    ("includes([3..4], 5)", False),
    ("includes([1..10], [4..6])", True),
    ("includes((5..8], [1..5))", False),
    ("includes([1..10], [1..5))", True),
    ("during(5, [1..10])", True),
    ("during(12, [1..10])", False),
    ("during(1, (1..10])", False),
    ("during([4..6], [1..10))", True),
    ("during((1..5], (1..10])", True),
    ("starts(1, [1..5])", True),
    ("starts(1, (1..8])", False),
    ("starts((1..5], [1..5])", False),
    ("starts([1..10], [1..10])", True),
    ("starts((1..10), (1..10))", True),
    ("started by([1..10], 1)", True),
    ("started by((1..10], 1)", False),
    ("started by([1..10], [1..5])", True),
    ("started by((1..10], [1..5))", False),
    ("started by([1..10], [1..10))", True),
    ("coincides(5, 5)", True),
    ("coincides(3, 4)", False),
    ("coincides([1..5], [1..5])", True),
    ("coincides((1..5], [1..5))", False),
    ("coincides([1..5], [2..6])", False),
    ('before(@"2023-01-01", [@"2023-02-01"..@"2023-03-01"])', True),
    ('before(1, "a")', None),
    ("before(null, 1)", None),
]


@pytest.mark.parametrize(("source", "expected"), TEMPORAL)
def test_temporal_functions(source: str, expected: Any) -> None:
    assert feel(source) == expected


@pytest.mark.parametrize(("source", "expected"), RANGE)
def test_range_functions(source: str, expected: Any) -> None:
    assert feel(source) == expected
