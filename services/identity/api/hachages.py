"""argon2 work off the shared thread pool, at most one password hash per core at a time.

A sync endpoint runs in the server's thread pool (40 threads). A burst of sign-ins would otherwise
take every thread for seconds, each with a 64 MiB argon2 hash fighting for two cores, and the light
requests behind every page (the session of a cookie) would wait for a free thread. The endpoints
that hash go through `Hachages.executer` instead: their own small pool, the others keep theirs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

T = TypeVar("T")


class Hachages:
    def __init__(self, places: int | None = None) -> None:
        self.places = places or os.cpu_count() or 2
        self._limiteur: anyio.CapacityLimiter | None = None  # made in the event loop, on first use

    async def executer(self, travail: Callable[[], T]) -> T:
        if self._limiteur is None:
            self._limiteur = anyio.CapacityLimiter(self.places)
        return await anyio.to_thread.run_sync(travail, limiter=self._limiteur)
