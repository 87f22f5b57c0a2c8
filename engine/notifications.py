"""In-process wake-ups: long polls waiting for jobs, callers waiting for an instance's end, the scheduler."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

from engine.state.unit_of_work import Effects


class JobSignals:
    """Long polls and job streams wait here for jobs of their type."""

    def __init__(self) -> None:
        self._waiters: dict[str, set[asyncio.Event]] = defaultdict(set)

    def register(self, job_type: str) -> asyncio.Event:
        event = asyncio.Event()
        self._waiters[job_type].add(event)
        return event

    def unregister(self, job_type: str, event: asyncio.Event) -> None:
        waiters = self._waiters.get(job_type)
        if waiters is not None:
            waiters.discard(event)
            if not waiters:
                del self._waiters[job_type]

    def notify(self, job_types: set[str]) -> None:
        for job_type in job_types:
            for event in self._waiters.get(job_type, ()):
                event.set()


RECENT_OUTCOMES = 10_000
RECENT_RESULTS = 1_000


class InstanceWaiters:
    """CreateProcessInstanceWithResult callers, woken when their instance ends.

    The outcomes of the last instances to end are kept, and the variables of the last ones to complete
    (an instance may end within the very command that creates it, before its caller waits).
    """

    def __init__(self) -> None:
        self._waiters: dict[int, list[asyncio.Future[str]]] = defaultdict(list)
        self.recently_finished: dict[int, str] = {}
        self.recent_results: dict[int, dict[str, Any]] = {}

    def register(self, key: int) -> asyncio.Future[str]:
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._waiters[key].append(future)
        return future

    def unregister(self, key: int, future: asyncio.Future[str]) -> None:
        waiters = self._waiters.get(key)
        if waiters and future in waiters:
            waiters.remove(future)
            if not waiters:
                del self._waiters[key]

    def finished(self, outcomes: dict[int, str], results: dict[int, dict[str, Any]]) -> None:
        self.recently_finished.update(outcomes)
        while len(self.recently_finished) > RECENT_OUTCOMES:
            del self.recently_finished[next(iter(self.recently_finished))]
        self.recent_results.update(results)
        while len(self.recent_results) > RECENT_RESULTS:
            del self.recent_results[next(iter(self.recent_results))]
        for key, outcome in outcomes.items():
            for future in self._waiters.pop(key, []):
                if not future.done():
                    future.set_result(outcome)


class Hub:
    def __init__(self) -> None:
        self.jobs = JobSignals()
        self.instances = InstanceWaiters()
        self.schedule_changed = asyncio.Event()
        self.records_written = asyncio.Event()
        # the engine-clock instant the scheduler sleeps until (None: it is not asleep); a commit that sets
        # an earlier deadline (a job lease, most often) wakes it so that the deadline is honoured on time
        self.scheduler_wakes_at: int | None = None

    def on_commit(self, effects: Effects) -> None:
        if effects.job_types:
            self.jobs.notify(effects.job_types)
        if effects.finished_instances:
            self.instances.finished(effects.finished_instances, effects.results)
        if effects.schedule_changed or self._due_before_wake_up(effects.due_at):
            self.schedule_changed.set()
        if effects.records_written:
            self.records_written.set()

    def _due_before_wake_up(self, due_at: int | None) -> bool:
        wakes_at = self.scheduler_wakes_at
        return due_at is not None and wakes_at is not None and due_at < wakes_at
