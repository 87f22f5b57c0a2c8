"""Keys as clients write them: Camunda's REST API sends every key as a string of digits."""

from __future__ import annotations

from typing import Any

from engine.errors import InvalidArgument
from engine.limits import INT64_MAX


def parse_key(value: Any, what: str = "key") -> int:
    """The key, or the rejection Camunda answers for anything that is not a positive integer."""
    try:
        key = int(str(value))
    except ValueError as error:
        raise InvalidArgument(f"The provided {what} '{value}' is not a valid key") from error
    if not 0 < key <= INT64_MAX:
        raise InvalidArgument(f"The provided {what} '{value}' is not a valid key")
    return key
