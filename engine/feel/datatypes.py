"""FEEL values that have no direct Python counterpart, and the type tag of every value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True, order=True, slots=True)
class YearsMonthsDuration:
    """A FEEL `years and months duration`, held as a signed total number of months."""

    months: int

    @property
    def years_part(self) -> int:
        return _trunc_div(self.months, 12)

    @property
    def months_part(self) -> int:
        return self.months - 12 * self.years_part


def _trunc_div(a: int, b: int) -> int:
    return -((-a) // b) if a < 0 else a // b


@dataclass(frozen=True, slots=True)
class FeelRange:
    """An interval such as `[1..10)`; a bound of None means unbounded (as in `< 10`)."""

    start: Any
    end: Any
    start_included: bool = True
    end_included: bool = True


class FeelFunction:
    """A FEEL function value: a user-defined `function(a, b) ...` or a built-in overload."""

    __slots__ = ("invoke", "name", "params", "varargs")

    def __init__(
        self,
        params: Sequence[str],
        invoke: Callable[[list[Any]], Any],
        name: str = "anonymous",
        varargs: bool = False,
    ) -> None:
        self.params = tuple(params)
        self.invoke = invoke
        self.name = name
        self.varargs = varargs

    def __call__(self, *args: Any) -> Any:
        from engine.feel.convert import to_feel

        return self.invoke([to_feel(arg) for arg in args])

    def __repr__(self) -> str:
        return f"function({', '.join(self.params)})"


# Fine-grained tags: FEEL-scala never compares a local date-time with a zoned one.
NUMBER, STRING, BOOLEAN, NULL = "number", "string", "boolean", "null"
DATE, LOCAL_TIME, TIME, LOCAL_DATE_TIME, DATE_TIME = "date", "local time", "time", "local dt", "dt"
DT_DURATION, YM_DURATION = "days and time duration", "years and months duration"
LIST, CONTEXT, RANGE, FUNCTION = "list", "context", "range", "function"

_KINDS: dict[type, str] = {
    Decimal: NUMBER,
    str: STRING,
    bool: BOOLEAN,
    type(None): NULL,
    dt.date: DATE,
    dt.timedelta: DT_DURATION,
    YearsMonthsDuration: YM_DURATION,
    list: LIST,
    dict: CONTEXT,
    FeelRange: RANGE,
    FeelFunction: FUNCTION,
}

COMPARABLE = frozenset(
    {NUMBER, STRING, DATE, LOCAL_TIME, TIME, LOCAL_DATE_TIME, DATE_TIME, DT_DURATION, YM_DURATION}
)


def kind(value: Any) -> str:
    """The type tag of a FEEL value (see the constants above)."""
    found = _KINDS.get(type(value))
    if found is not None:
        return found
    if isinstance(value, dt.datetime):
        return LOCAL_DATE_TIME if value.tzinfo is None else DATE_TIME
    if isinstance(value, dt.time):
        return LOCAL_TIME if value.tzinfo is None else TIME
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, Decimal | int | float):
        return NUMBER
    if isinstance(value, str):
        return STRING
    if isinstance(value, dt.date):
        return DATE
    if isinstance(value, list | tuple):
        return LIST
    if isinstance(value, dict):
        return CONTEXT
    if callable(value):
        return FUNCTION
    return "unknown"


_TYPE_NAMES = {
    LOCAL_TIME: "time",
    TIME: "time",
    LOCAL_DATE_TIME: "date and time",
    DATE_TIME: "date and time",
}


def type_name(value: Any) -> str:
    """The FEEL type name used by `instance of` (`number`, `date and time`, ...)."""
    tag = kind(value)
    return _TYPE_NAMES.get(tag, tag)


def zone_id(value: dt.time | dt.datetime) -> str | None:
    """The region id (`Europe/Paris`) of a zoned value, None when it only has an offset."""
    tz = value.tzinfo
    return tz.key if isinstance(tz, ZoneInfo) else None
