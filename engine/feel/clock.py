"""The clock read by `now()` and `today()`, replaceable for the engine's controlled time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_current: ContextVar[Clock] = ContextVar("feel_clock", default=system_clock)


def current_time() -> dt.datetime:
    """Now, as an aware date-time (a naive clock reading is taken as UTC)."""
    value = _current.get()()
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


@contextmanager
def clock_override(clock: Clock) -> Iterator[None]:
    """Evaluate `now()`/`today()` against `clock` inside the block (per thread / task)."""
    token = _current.set(clock)
    try:
        yield
    finally:
        _current.reset(token)
