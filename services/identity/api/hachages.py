"""argon2 work off the shared thread pool, at most one password hash per core at a time.

A sync endpoint runs in the server's thread pool (40 threads). A burst of sign-ins would otherwise
take every thread for seconds, each with an argon2 hash fighting for two cores, and the light
requests behind every page (the session of a cookie) would wait for a free thread. The endpoints
that hash go through `Hachages.executer` instead: their own small pool, the others keep theirs.
A sign-in that waited longer than its caller waits (the sites give up after 10 s) is not hashed at
all: it answers 503 at once instead of spending a core on an answer nobody reads.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread
from fastapi import HTTPException

T = TypeVar("T")
ATTENTE_MAXIMALE_S = 8.0  # below the sites' 10 s timeout towards identity
SURCHARGE = "Trop de connexions en même temps : veuillez réessayer dans quelques instants."


class Hachages:
    def __init__(self, places: int | None = None, attente_maximale: float = ATTENTE_MAXIMALE_S) -> None:
        self.places = places or os.cpu_count() or 2
        self.attente_maximale = attente_maximale
        self._limiteur: anyio.CapacityLimiter | None = None  # made in the event loop, on first use

    async def executer(self, travail: Callable[[], T]) -> T:
        if self._limiteur is None:
            self._limiteur = anyio.CapacityLimiter(self.places)
        arrivee = time.monotonic()

        def si_encore_attendu() -> T:
            if time.monotonic() - arrivee > self.attente_maximale:
                raise HTTPException(status_code=503, detail=SURCHARGE)
            return travail()

        return await anyio.to_thread.run_sync(si_encore_attendu, limiter=self._limiteur)
