"""Camunda's REST conventions: keys as strings, dates as ISO 8601 in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from engine.errors import InvalidArgument


def key_text(value: int | None) -> str | None:
    return None if value is None else str(value)


def iso(epoch_ms: int | None) -> str | None:
    if epoch_ms is None:
        return None
    moment = datetime.fromtimestamp(epoch_ms / 1000, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_key(value: Any, what: str = "key") -> int:
    try:
        key = int(str(value))
    except ValueError as error:
        raise InvalidArgument(f"The provided {what} '{value}' is not a valid key") from error
    if key <= 0:
        raise InvalidArgument(f"The provided {what} '{value}' is not a valid key")
    return key
