"""Properties of temporal values: `d.year`, `t.time offset`, `duration.days`, ..."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from engine.feel import datatypes as t
from engine.feel.datatypes import kind, zone_id
from engine.feel.temporal import time_offset

MISSING = object()


def _n(value: int) -> Decimal:
    return Decimal(value)


def _date_props(value: dt.date, name: str) -> Any:
    if name == "year":
        return _n(value.year)
    if name == "month":
        return _n(value.month)
    if name == "day":
        return _n(value.day)
    if name == "weekday":
        return _n(value.isoweekday())
    return MISSING


def _time_props(value: dt.time | dt.datetime, name: str) -> Any:
    if name == "hour":
        return _n(value.hour)
    if name == "minute":
        return _n(value.minute)
    if name == "second":
        return _n(value.second)
    if name == "time offset":
        if value.tzinfo is None:
            return None
        if isinstance(value, dt.datetime):
            return value.utcoffset()
        return time_offset(value)
    if name == "timezone":
        return zone_id(value) if value.tzinfo is not None else None
    return MISSING


def _tdiv(a: int, b: int) -> int:
    return -((-a) // b) if a < 0 else a // b


def _duration_props(value: dt.timedelta, name: str) -> Any:
    seconds = value.days * 86400 + value.seconds
    if name == "days":
        return _n(_tdiv(seconds, 86400))
    if name == "hours":
        return _n(_tdiv(seconds, 3600) - _tdiv(seconds, 86400) * 24)
    if name == "minutes":
        return _n(_tdiv(seconds, 60) - _tdiv(seconds, 3600) * 60)
    if name == "seconds":
        return _n(seconds - _tdiv(seconds, 60) * 60)
    return MISSING


def get_property(value: Any, name: str) -> Any:
    """The property's value, or MISSING when the value has no such property."""
    tag = kind(value)
    if tag == t.DATE:
        return _date_props(value, name)
    if tag in (t.LOCAL_DATE_TIME, t.DATE_TIME):
        found = _date_props(value, name)
        return _time_props(value, name) if found is MISSING else found
    if tag in (t.LOCAL_TIME, t.TIME):
        return _time_props(value, name)
    if tag == t.DT_DURATION:
        return _duration_props(value, name)
    if tag == t.YM_DURATION:
        if name == "years":
            return _n(value.years_part)
        if name == "months":
            return _n(value.months_part)
    if tag == t.RANGE:
        props = {
            "start": value.start,
            "end": value.end,
            "start included": value.start_included,
            "end included": value.end_included,
        }
        return props.get(name, MISSING)
    return MISSING
