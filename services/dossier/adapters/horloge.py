from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


class HorlogeSysteme:
    def maintenant(self) -> datetime:
        return datetime.now(UTC)

    def aujourdhui(self) -> date:
        return datetime.now(PARIS).date()


def jour_a_paris(instant: datetime) -> date:
    return instant.astimezone(PARIS).date()
