"""Parsing, formatting and arithmetic of FEEL temporal values (dates, times, durations)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from engine.feel.datatypes import YearsMonthsDuration, zone_id

UTC = dt.UTC
_DATE = r"(-?\d{4,9})-(\d{2})-(\d{2})"
_TIME = r"(\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d{1,9}))?"
_ZONE = r"(Z|[+-]\d{2}:\d{2}(?::\d{2})?)?(?:\[([^\]]+)\])?(?:@(.+))?"
_DATE_RE = re.compile(_DATE)
_TIME_RE = re.compile("T?" + _TIME + _ZONE)
_DATE_TIME_RE = re.compile(_DATE + "T" + _TIME + _ZONE)
_OFFSET_TIME_RE = re.compile(r"T?\d{2}:\d{2}:\d{2}(\.\d{1,9})?([+-]\d{2}:\d{2}|Z|@.*)")
_YM_RE = re.compile(r"(-)?P(?:(-?\d+)Y)?(?:(-?\d+)M)?")
_DT_RE = re.compile(r"(-)?P(?:(-?\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?\d+)(?:[.,](\d{0,9}))?S)?)?")


def parse_date(text: str) -> dt.date | None:
    match = _DATE_RE.fullmatch(text)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _tzinfo(offset: str | None, bracket_zone: str | None, at_zone: str | None) -> dt.tzinfo | None:
    zone = bracket_zone or at_zone
    if zone:
        try:
            return ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            if zone == "Z" or zone.startswith(("+", "-")):
                return _offset(zone)
            raise
    if offset:
        return _offset(offset)
    return None


def _offset(text: str) -> dt.timezone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    parts = [int(p) for p in text[1:].split(":")]
    seconds = parts[0] * 3600 + parts[1] * 60 + (parts[2] if len(parts) > 2 else 0)
    return dt.timezone(dt.timedelta(seconds=sign * seconds)) if seconds else UTC


def _micros(fraction: str | None) -> int:
    return int((fraction or "0").ljust(9, "0")[:6])


def parse_time(text: str) -> dt.time | None:
    match = _TIME_RE.fullmatch(text)
    if not match:
        return None
    hour, minute, second, fraction, offset, bracket, at = match.groups()
    try:
        tz = _tzinfo(offset, bracket, at)
        return dt.time(int(hour), int(minute), int(second or 0), _micros(fraction), tzinfo=tz)
    except (ValueError, ZoneInfoNotFoundError):
        return None


def parse_date_time(text: str) -> dt.datetime | None:
    """`2023-08-18T10:00:00`, `...+02:00`, `...Z`, `...@Europe/Paris`, or a bare date (midnight)."""
    date = parse_date(text)
    if date is not None:
        return dt.datetime(date.year, date.month, date.day)
    match = _DATE_TIME_RE.fullmatch(text)
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, offset, bracket, at = match.groups()
    try:
        tz = _tzinfo(offset, bracket, at)
        value = dt.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0), _micros(fraction)
        )
    except (ValueError, ZoneInfoNotFoundError):
        return None
    if isinstance(tz, ZoneInfo) and offset:
        wanted = _offset(offset).utcoffset(None)
        folded = value.replace(tzinfo=tz, fold=1)
        return folded if folded.utcoffset() == wanted else value.replace(tzinfo=tz)
    return value.replace(tzinfo=tz)


def parse_ym_duration(text: str) -> YearsMonthsDuration | None:
    match = _YM_RE.fullmatch(text)
    if not match or (match[2] is None and match[3] is None):
        return None
    months = int(match[2] or 0) * 12 + int(match[3] or 0)
    return YearsMonthsDuration(-months if match[1] else months)


def parse_dt_duration(text: str) -> dt.timedelta | None:
    match = _DT_RE.fullmatch(text)
    if not match or all(g is None for g in match.groups()[1:]) or text.endswith("T"):
        return None
    negative, days, hours, minutes, seconds, fraction = match.groups()
    sec = int(seconds or 0)
    micros = _micros(fraction) * (-1 if sec < 0 or (seconds or "").startswith("-") else 1)
    try:
        value = dt.timedelta(
            days=int(days or 0),
            hours=int(hours or 0),
            minutes=int(minutes or 0),
            seconds=sec,
            microseconds=micros,
        )
    except OverflowError:
        return None
    return -value if negative else value


def parse_duration(text: str) -> dt.timedelta | YearsMonthsDuration | None:
    return parse_ym_duration(text) or parse_dt_duration(text)


def parse_temporal(text: str) -> Any:
    """The value of an `@"..."` literal."""
    if _DATE_RE.fullmatch(text):
        return parse_date(text)
    if _OFFSET_TIME_RE.fullmatch(text):
        return parse_time(text)
    if _DATE_TIME_RE.fullmatch(text):
        return parse_date_time(text)
    if text.lstrip("-").startswith("P"):
        return parse_duration(text)
    return parse_time(text)


# ---------------------------------------------------------------- formatting


def _fraction(micro: int) -> str:
    return ("." + f"{micro:06d}".rstrip("0")) if micro else ""


def format_offset(offset: dt.timedelta | None) -> str:
    if not offset:
        return "Z"
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    h, rest = divmod(abs(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{h:02d}:{m:02d}" + (f":{s:02d}" if s else "")


def time_offset(value: dt.time) -> dt.timedelta | None:
    """The offset of a zoned time (a region zone is resolved with today's rules)."""
    tz = value.tzinfo
    if tz is None:
        return None
    if isinstance(tz, ZoneInfo):
        return dt.datetime.combine(dt.date.today(), value).utcoffset()
    return value.utcoffset()


def format_local_time(value: dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}{_fraction(value.microsecond)}"


def format_date(value: dt.date) -> str:
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def format_time(value: dt.time) -> str:
    """FEEL's string form: `10:00:00`, `10:00:00+02:00`, `10:00:00@Europe/Paris`."""
    text = format_local_time(value)
    if value.tzinfo is None:
        return text
    zone = zone_id(value)
    return f"{text}@{zone}" if zone else text + format_offset(time_offset(value))


def format_date_time(value: dt.datetime) -> str:
    """FEEL's string form: `2023-08-18T10:00:00`, `...+02:00`, `...@Europe/Paris`."""
    text = f"{format_date(value)}T{format_local_time(value.timetz())}"
    if value.tzinfo is None:
        return text
    zone = zone_id(value)
    return f"{text}@{zone}" if zone else text + format_offset(value.utcoffset())


def java_local_time(value: dt.time) -> str:
    """`LocalTime.toString()`: seconds and fraction only when non-zero."""
    text = f"{value.hour:02d}:{value.minute:02d}"
    if value.second or value.microsecond:
        text += f":{value.second:02d}"
        if value.microsecond:
            text += (
                f".{value.microsecond // 1000:03d}"
                if value.microsecond % 1000 == 0
                else f".{value.microsecond:06d}"
            )
    return text


def java_date_time(value: dt.datetime) -> str:
    """`LocalDateTime.toString()` / `ZonedDateTime.toString()`, which Zeebe writes as variables."""
    text = f"{format_date(value)}T{java_local_time(value.time())}"
    if value.tzinfo is None:
        return text
    text += format_offset(value.utcoffset())
    zone = zone_id(value)
    return f"{text}[{zone}]" if zone else text


def _tdiv(a: int, b: int) -> int:
    return -((-a) // b) if a < 0 else a // b


def format_dt_duration(value: dt.timedelta) -> str:
    """FEEL's form (`P1DT2H`, `PT30M`, `-PT1H`, `P0D`); fractions of seconds are dropped, as there."""
    seconds = value.days * 86400 + value.seconds
    days = _tdiv(seconds, 86400)
    hours = _tdiv(seconds, 3600) - days * 24
    minutes = _tdiv(seconds, 60) - _tdiv(seconds, 3600) * 60
    secs = seconds - _tdiv(seconds, 60) * 60
    if not (days or hours or minutes or secs):
        return "P0D"
    sign = ""
    if days <= 0 and hours <= 0 and minutes <= 0 and secs <= 0:
        sign, days, hours, minutes, secs = "-", -days, -hours, -minutes, -secs
    d, h, m, s = days, hours, minutes, secs
    text = sign + "P" + (f"{d}D" if d else "")
    if h or m or s:
        text += "T" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{s}S" if s else "")
    return text


def format_ym_duration(value: YearsMonthsDuration) -> str:
    years, months = value.years_part, value.months_part
    if not years and not months:
        return "P0Y"
    sign = ""
    if years <= 0 and months <= 0:
        sign, years, months = "-", -years, -months
    return sign + "P" + (f"{years}Y" if years else "") + (f"{months}M" if months else "")


# ---------------------------------------------------------------- arithmetic

T = TypeVar("T", dt.date, dt.datetime)


def add_months(value: T, months: int) -> T:
    """Java's `plus(Period)`: the day is clamped to the end of the target month."""
    total = value.year * 12 + (value.month - 1) + months
    year, month = divmod(total, 12)
    day = min(value.day, calendar.monthrange(year, month + 1)[1])
    return value.replace(year=year, month=month + 1, day=day)


def add_duration(value: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """Durations move zoned date-times on the instant time-line, as `ZonedDateTime.plus`."""
    tz = value.tzinfo
    if isinstance(tz, ZoneInfo):
        return (value.astimezone(UTC) + delta).astimezone(tz)
    return value + delta


def add_to_date(value: dt.date, delta: dt.timedelta) -> dt.date:
    return (dt.datetime(value.year, value.month, value.day) + delta).date()


def add_to_time(value: dt.time, delta: dt.timedelta) -> dt.time:
    base = dt.datetime.combine(dt.date(2000, 1, 1), value.replace(tzinfo=None))
    return (base + delta).time().replace(tzinfo=value.tzinfo)


def time_instant_micros(value: dt.time) -> int:
    """Microseconds of the day, shifted to UTC for zoned times (FEEL-scala's ordering of times)."""
    micros = ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond
    offset = time_offset(value)
    if offset:
        micros -= int(offset.total_seconds()) * 1_000_000
    return micros


def subtract_date_times(a: dt.datetime, b: dt.datetime) -> dt.timedelta:
    if a.tzinfo is not None:
        return a.astimezone(UTC) - b.astimezone(UTC)
    return a - b
