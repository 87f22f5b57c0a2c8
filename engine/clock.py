"""The engine's clock: system time, or a pinned instant when clock control is enabled (tests)."""

from __future__ import annotations

import time


class Clock:
    """Milliseconds since the epoch; every timer, deadline, TTL and FEEL `now()` reads it."""

    def __init__(self) -> None:
        self._pinned_ms: int | None = None

    def now_ms(self) -> int:
        if self._pinned_ms is not None:
            return self._pinned_ms
        return int(time.time() * 1000)

    def pin(self, epoch_ms: int) -> None:
        self._pinned_ms = epoch_ms

    def reset(self) -> None:
        self._pinned_ms = None
