"""Temporal functions: `now`, `today`, `day of week`, ... and `is`."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from engine.feel.builtins.registry import builtin, fail
from engine.feel.clock import current_time
from engine.feel.datatypes import kind
from engine.feel.operators import equals


@builtin("now")
def now() -> dt.datetime:
    return current_time()


@builtin("today")
def today() -> dt.date:
    return current_time().date()


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise fail("expected a date or date and time")


@builtin("day of year", "date")
def day_of_year(value: Any) -> Decimal:
    return Decimal(_date(value).timetuple().tm_yday)


@builtin("day of week", "date")
def day_of_week(value: Any) -> str:
    return calendar.day_name[_date(value).weekday()]


@builtin("month of year", "date")
def month_of_year(value: Any) -> str:
    return calendar.month_name[_date(value).month]


@builtin("week of year", "date")
def week_of_year(value: Any) -> Decimal:
    return Decimal(_date(value).isocalendar()[1])


@builtin("last day of month", "date")
def last_day_of_month(value: Any) -> dt.date:
    day = _date(value)
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@builtin("is", "value1", "value2")
def is_(value1: Any, value2: Any) -> bool:
    """Same type and same value, zone included (`@"10:00:00+01:00"` is not `@"10:00:00@Europe/Paris"`)."""
    return kind(value1) == kind(value2) and equals(value1, value2) is True
