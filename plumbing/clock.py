"""The one clock and id helper of every service: UTC instants, French calendar days, new ids.

Framework-free, so that domain code may type against `Clock` and tests may pass a fixed one.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


class Clock(Protocol):
    def now(self) -> datetime:
        """Now, timezone-aware (UTC)."""

    def today(self) -> date:
        """Today in France (Europe/Paris): the date of a deposit, of an age, of a deadline."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return day_in_france(self.now())


def utc_now() -> datetime:
    return datetime.now(UTC)


def day_in_france(instant: datetime) -> date:
    """The calendar day in France of an instant (a naive one is taken as French local time)."""
    moment = instant if instant.tzinfo else instant.replace(tzinfo=PARIS)
    return moment.astimezone(PARIS).date()


def new_id() -> str:
    """A new random identifier (UUID 4, text): unguessable, so safe in URLs."""
    return str(uuid.uuid4())
