"""Conversion functions: `string`, `number`, `date`, `time`, `date and time`, durations, JSON."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from engine.feel import temporal as tp
from engine.feel.builtins.registry import builtin, fail, integer, number, string
from engine.feel.convert import to_feel, to_json
from engine.feel.datatypes import FeelFunction, FeelRange, YearsMonthsDuration
from engine.feel.temporal import parse_date, parse_date_time, parse_duration, parse_time

_GROUPING = (" ", ",", ".")
_DECIMAL = (",", ".")


def feel_string(value: Any, quote: bool = False) -> str:
    """FEEL-scala's string form of a value (`string(x)`)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"' if quote else value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return tp.format_date_time(value)
    if isinstance(value, dt.date):
        return tp.format_date(value)
    if isinstance(value, dt.time):
        return tp.format_time(value)
    if isinstance(value, dt.timedelta):
        return tp.format_dt_duration(value)
    if isinstance(value, YearsMonthsDuration):
        return tp.format_ym_duration(value)
    if isinstance(value, list):
        return "[" + ", ".join(feel_string(v, True) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}:{feel_string(v, True)}" for k, v in value.items()) + "}"
    if isinstance(value, FeelRange):
        opening = "[" if value.start_included else "("
        closing = "]" if value.end_included else ")"
        return f"{opening}{feel_string(value.start, True)}..{feel_string(value.end, True)}{closing}"
    if isinstance(value, FeelFunction):
        return repr(value)
    return str(value)


@builtin("string", "from")
def string_(value: Any) -> str | None:
    return None if value is None else feel_string(value)


def _parse_number(text: str) -> Decimal:
    if not text or text.strip() != text or "_" in text:
        raise fail(f"can't parse '{text}' as a number")
    try:
        value = Decimal(text)
    except InvalidOperation as error:
        raise fail(f"can't parse '{text}' as a number") from error
    if not value.is_finite():
        raise fail(f"can't parse '{text}' as a number")
    return value


@builtin("number", "from")
def number_(text: Any) -> Decimal:
    return _parse_number(string(text))


@builtin("number", "from", "grouping separator")
def number_grouping(text: Any, grouping: Any) -> Decimal:
    if string(grouping) not in _GROUPING:
        raise fail("grouping separator must be ' ', ',' or '.'")
    return _parse_number(string(text).replace(grouping, ""))


@builtin("number", "from", "grouping separator", "decimal separator")
def number_separators(text: Any, grouping: Any, decimal: Any) -> Decimal:
    text = string(text)
    if grouping is not None:
        if string(grouping) not in _GROUPING or grouping == decimal:
            raise fail("invalid grouping separator")
        text = text.replace(grouping, "")
    if decimal is not None:
        if string(decimal) not in _DECIMAL:
            raise fail("invalid decimal separator")
        text = text.replace(decimal, ".")
    return _parse_number(text)


@builtin("date", "from")
def date(value: Any) -> dt.date | None:
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise fail("expected a string, date or date and time")


@builtin("date", "year", "month", "day")
def date_of(year: Any, month: Any, day: Any) -> dt.date:
    return dt.date(integer(year), integer(month), integer(day))


@builtin("time", "from")
def time(value: Any) -> dt.time | None:
    if isinstance(value, str):
        return parse_time(value)
    if isinstance(value, dt.datetime):
        return value.timetz()
    if isinstance(value, dt.date):
        return dt.time(0, 0, tzinfo=dt.UTC)
    if isinstance(value, dt.time):
        return value
    raise fail("expected a string, date or date and time")


def _seconds(second: Any) -> tuple[int, int]:
    value = number(second)
    whole = int(value)
    return whole, int((value - whole) * 1_000_000)


@builtin("time", "hour", "minute", "second")
def time_of(hour: Any, minute: Any, second: Any) -> dt.time:
    whole, micros = _seconds(second)
    return dt.time(integer(hour), integer(minute), whole, micros)


@builtin("time", "hour", "minute", "second", "offset")
def time_offset(hour: Any, minute: Any, second: Any, offset: Any) -> dt.time:
    whole, micros = _seconds(second)
    if offset is None:
        return dt.time(integer(hour), integer(minute), whole)
    if not isinstance(offset, dt.timedelta):
        raise fail("offset must be a days and time duration")
    tz = dt.timezone(dt.timedelta(seconds=int(offset.total_seconds()))) if offset else dt.UTC
    return dt.time(integer(hour), integer(minute), whole, micros, tzinfo=tz)


@builtin("date and time", "from")
def date_and_time(value: Any) -> dt.datetime | None:
    return parse_date_time(string(value))


@builtin("date and time", "date", "time")
def date_and_time_of(date_value: Any, time_value: Any) -> dt.datetime:
    if not isinstance(date_value, dt.date):
        raise fail("expected a date or date and time")
    day = date_value.date() if isinstance(date_value, dt.datetime) else date_value
    if isinstance(time_value, dt.time):
        return dt.datetime.combine(day, time_value)
    if isinstance(time_value, str) and isinstance(date_value, dt.datetime):
        zone = ZoneInfo(time_value)
        if date_value.tzinfo is None:
            return date_value.replace(tzinfo=zone)
        return date_value.astimezone(zone)
    raise fail("expected a time or a timezone")


@builtin("duration", "from")
def duration(text: Any) -> dt.timedelta | YearsMonthsDuration | None:
    return parse_duration(string(text))


def _months_between(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return months


@builtin("years and months duration", "from", "to")
def years_and_months_duration(start: Any, end: Any) -> YearsMonthsDuration:
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        raise fail("expected dates")
    as_date = [v.date() if isinstance(v, dt.datetime) else v for v in (start, end)]
    return YearsMonthsDuration(_months_between(as_date[0], as_date[1]))


@builtin("from json", "json")
def from_json(text: Any) -> Any:
    return None if text is None else to_feel(json.loads(string(text), parse_float=Decimal))


@builtin("to json", "value")
def to_json_(value: Any) -> str:
    return json.dumps(to_json(value), ensure_ascii=False, separators=(",", ":"))
