"""Mapping between JSON-like process variables and FEEL values."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from engine.feel.datatypes import FeelFunction, FeelRange, YearsMonthsDuration
from engine.feel.temporal import (
    format_date,
    format_dt_duration,
    format_time,
    format_ym_duration,
    java_date_time,
    java_local_time,
)

_AS_IS = (str, bool, type(None), Decimal)


def to_feel(value: Any) -> Any:
    """JSON (or Python) value -> FEEL value: numbers become Decimal, tuples lists, mappings dicts."""
    t = type(value)
    if t in _AS_IS:
        return value
    if t is int:
        return Decimal(value)
    if t is float:
        return None if math.isnan(value) or math.isinf(value) else Decimal(repr(value))
    if t is dict or isinstance(value, Mapping):
        return {str(k): to_feel(v) for k, v in value.items()}
    if t is list or t is tuple:
        return [to_feel(v) for v in value]
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return Decimal(int(value))
    if isinstance(value, float):
        return to_feel(float(value))
    if isinstance(value, str):
        return str(value)
    return value


def number_to_json(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def to_json(value: Any) -> Any:
    """FEEL value -> JSON-compatible value, temporal values formatted the way Zeebe stores them.

    Zeebe writes `ZonedDateTime.toString()`/`LocalDateTime.toString()`/`LocalTime.toString()` for
    date-times and local times (seconds omitted when zero: `2023-08-18T10:00+02:00`), FEEL's own
    form for zoned times and durations (`10:00:00+02:00`, `P1Y2M`, `PT1H`), ISO dates.
    Functions and ranges become null.
    """
    t = type(value)
    if t is str or t is bool or value is None:
        return value
    if t is Decimal:
        return number_to_json(value)
    if t is dict:
        return {k: to_json(v) for k, v in value.items()}
    if t is list:
        return [to_json(v) for v in value]
    if isinstance(value, dt.datetime):
        return java_date_time(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, dt.time):
        return java_local_time(value) if value.tzinfo is None else format_time(value)
    if isinstance(value, dt.timedelta):
        return format_dt_duration(value)
    if isinstance(value, YearsMonthsDuration):
        return format_ym_duration(value)
    if isinstance(value, FeelFunction | FeelRange):
        return None
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int | float):
        return value
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return None
