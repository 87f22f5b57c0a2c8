"""Keys as clients write them: Camunda's REST API sends every key as a string of digits."""

from __future__ import annotations

from typing import Any

from engine.errors import InvalidArgument
from engine.limits import INT64_MAX


def parse_key(value: Any, what: str = "key") -> int:
    """The key, or the 400 Camunda answers for anything that is not a positive 64-bit integer.

    Only ASCII digits count: Python's `int` would also take " 12", "+12" or "1_000".
    """
    text = str(value)
    if not (text.isascii() and text.isdigit()) or int(text) <= 0 or int(text) > INT64_MAX:
        raise InvalidArgument(f"The provided {what} '{value}' is not a valid key")
    return int(text)
