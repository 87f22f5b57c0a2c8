"""Long polling and streaming of jobs: answer as soon as a job exists, and always before the deadline."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from engine.commands.jobs import ActivatedJob, activate_jobs
from engine.notifications import JobSignals
from engine.state.unit_of_work import Store

# Other engines on the same database cannot wake us: re-check the table at this pace while waiting.
SHARED_DATABASE_RECHECK_S = 0.5
MARGIN_S = 0.5


class JobPoller:
    def __init__(
        self, store: Store, signals: JobSignals, default_timeout_ms: int, shared_database: bool
    ) -> None:
        self.store = store
        self.signals = signals
        self.default_timeout_ms = default_timeout_ms
        self.recheck_s = SHARED_DATABASE_RECHECK_S if shared_database else None

    async def long_poll(
        self,
        *,
        job_type: str,
        worker: str,
        timeout_ms: int,
        max_jobs: int,
        fetch_variables: list[str],
        request_timeout_ms: int,
        client_remaining_s: float | None,
    ) -> list[ActivatedJob]:
        loop = asyncio.get_running_loop()
        wait_s = (request_timeout_ms if request_timeout_ms > 0 else self.default_timeout_ms) / 1000
        if request_timeout_ms < 0:
            wait_s = 0.0
        if client_remaining_s is not None:
            wait_s = min(wait_s, max(client_remaining_s - max(MARGIN_S, client_remaining_s * 0.1), 0.0))
        end = loop.time() + wait_s
        while True:
            event = self.signals.register(job_type)
            try:
                jobs = await self._activate(job_type, worker, timeout_ms, max_jobs, fetch_variables)
                remaining = end - loop.time()
                if jobs or remaining <= 0:
                    return jobs
                await self._wait(event, remaining)
            finally:
                self.signals.unregister(job_type, event)

    async def stream(
        self, *, job_type: str, worker: str, timeout_ms: int, fetch_variables: list[str]
    ) -> AsyncIterator[ActivatedJob]:
        while True:
            event = self.signals.register(job_type)
            try:
                jobs = await self._activate(job_type, worker, timeout_ms, 32, fetch_variables)
                for job in jobs:
                    yield job
                if not jobs:
                    await self._wait(event, 3600.0)
            finally:
                self.signals.unregister(job_type, event)

    async def _activate(
        self, job_type: str, worker: str, timeout_ms: int, max_jobs: int, fetch_variables: list[str]
    ) -> list[ActivatedJob]:
        """One activation, in the store's next group commit."""
        return await self.store.submit(
            lambda: activate_jobs(
                self.store,
                job_type=job_type,
                worker=worker,
                timeout_ms=timeout_ms,
                max_jobs=max_jobs,
                fetch_variables=fetch_variables,
            )
        )

    async def _wait(self, event: asyncio.Event, remaining: float) -> None:
        timeout = remaining if self.recheck_s is None else min(remaining, self.recheck_s)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)
