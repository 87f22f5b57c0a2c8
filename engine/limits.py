"""Bounds of the numbers clients send, checked before they reach a table or a clock.

Keys are 64-bit, counts 32-bit (as in Zeebe's protocol); a duration is added to the clock, so it is kept
under 2^53 ms (about 285,000 years) for the instant to stay a 64-bit integer (and exact in JSON).
Anything else is the client's mistake: `InvalidArgument`, i.e. INVALID_ARGUMENT or 400, never a 500.
"""

from __future__ import annotations

from typing import Any

from engine.errors import InvalidArgument

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1
MAX_DURATION_MS = 2**53 - 1


def integer(value: Any, name: str, low: int = -INT64_MAX - 1, high: int = INT64_MAX) -> int:
    """`value` as an integer in [low, high]; JSON's true/false, decimals and strings are refused."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgument(f"Expected '{name}' to be an integer, but was '{value}'")
    if not low <= value <= high:
        raise InvalidArgument(f"Expected '{name}' to be between {low} and {high}, but was {value}")
    return value


def duration_ms(value: int, name: str) -> int:
    """A duration added to the clock (a job timeout, a back-off, a time to live)."""
    return integer(value, name, high=MAX_DURATION_MS)


def count(value: int, name: str) -> int:
    """A count of retries or of jobs: a 32-bit integer, as in Zeebe's protocol."""
    return integer(value, name, low=-INT32_MAX - 1, high=INT32_MAX)
