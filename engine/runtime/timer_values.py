"""ISO 8601 dates, durations and repeating intervals of timer events, in epoch milliseconds."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

_DURATION = re.compile(
    r"^(?P<sign>-)?P(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?)?$"
)


class TimerValueError(ValueError):
    pass


@dataclass(frozen=True)
class Duration:
    months: int
    delta: timedelta

    def after(self, epoch_ms: int) -> int:
        start = datetime.fromtimestamp(epoch_ms / 1000, UTC)
        if self.months:
            month_index = start.month - 1 + self.months
            year, month = start.year + month_index // 12, month_index % 12 + 1
            day = min(start.day, calendar.monthrange(year, month)[1])
            start = start.replace(year=year, month=month, day=day)
        return int((start + self.delta).timestamp() * 1000)


def parse_duration(text: str) -> Duration:
    match = _DURATION.match(text.strip())
    if not match or text.strip() in ("P", "PT"):
        raise TimerValueError(f"'{text}' is not an ISO 8601 duration")
    parts = {k: v for k, v in match.groupdict().items() if v is not None}
    months = int(parts.get("years", 0)) * 12 + int(parts.get("months", 0))
    delta = timedelta(
        weeks=int(parts.get("weeks", 0)),
        days=int(parts.get("days", 0)),
        hours=int(parts.get("hours", 0)),
        minutes=int(parts.get("minutes", 0)),
        seconds=float(parts.get("seconds", "0").replace(",", ".")),
    )
    if parts.get("sign"):
        raise TimerValueError(f"'{text}' is a negative duration")
    return Duration(months, delta)


def parse_date(text: str) -> int:
    value = text.strip()
    if "[" in value:  # zoned form 2025-01-01T10:00:00@Europe/Paris or [Europe/Paris] is reduced to its offset
        value = value.split("[", 1)[0]
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise TimerValueError(f"'{text}' is not an ISO 8601 date and time") from error
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return int(parsed.timestamp() * 1000)


@dataclass(frozen=True)
class Cycle:
    repetitions: int  # -1: unbounded
    start_ms: int | None
    interval: str

    def first_due(self, now_ms: int) -> int:
        if self.start_ms is not None:
            return self.start_ms
        return parse_duration(self.interval).after(now_ms)


def parse_cycle(text: str) -> Cycle:
    value = text.strip()
    parts = value.split("/")
    if not parts[0].startswith("R"):
        if value.startswith("P"):
            parse_duration(value)
            return Cycle(-1, None, value)
        raise TimerValueError(
            f"'{text}' is not an ISO 8601 repeating interval (cron expressions are not supported)"
        )
    count = parts[0][1:]
    repetitions = int(count) if count else -1
    if len(parts) == 2:
        parse_duration(parts[1])
        return Cycle(repetitions, None, parts[1])
    if len(parts) == 3:
        parse_duration(parts[2])
        return Cycle(repetitions, parse_date(parts[1]), parts[2])
    raise TimerValueError(f"'{text}' is not an ISO 8601 repeating interval")
