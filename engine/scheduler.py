"""One loop for everything that falls due: timers, job deadlines, retry back-offs, message TTLs.

It sleeps until the earliest due item; a commit that sets an earlier one (a timer, a back-off, a job
lease: `Effects.falls_due`) wakes it through the hub, so a 1 s job timeout comes back after about 1 s.
With a database shared by several engines it also looks every second, for what the others set.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from engine.commands import due_work
from engine.notifications import Hub
from engine.state import jobs as job_table
from engine.state.unit_of_work import Store

log = logging.getLogger("engine.scheduler")
IDLE_WAIT_S = 30.0
SHARED_DATABASE_WAIT_S = 1.0


class Scheduler:
    def __init__(self, store: Store, hub: Hub, shared_database: bool) -> None:
        self.store = store
        self.hub = hub
        self.max_wait_s = SHARED_DATABASE_WAIT_S if shared_database else IDLE_WAIT_S
        self._last_backoff_check = store.clock.now_ms()

    async def run(self) -> None:
        while True:
            self.hub.schedule_changed.clear()
            try:
                self.run_due_work()
                next_due = due_work.next_due(self.store)
            except Exception:
                log.exception("scheduled work failed")
                next_due = None
            await self._sleep_until(next_due)

    def run_due_work(self) -> None:
        store = self.store
        while due_work.fire_due_timers(store):
            pass
        due_work.time_out_jobs(store)
        due_work.expire_messages(store)
        now = store.clock.now_ms()
        with store.reading() as conn:
            types = job_table.types_back_from_backoff(conn, self._last_backoff_check, now)
            conn.rollback()
        self._last_backoff_check = now
        if types:
            self.hub.jobs.notify(types)

    async def _sleep_until(self, due_ms: int | None) -> None:
        wait_s = self.max_wait_s
        if due_ms is not None:
            wait_s = min(wait_s, max((due_ms - self.store.clock.now_ms()) / 1000, 0.0))
        if wait_s <= 0:
            await asyncio.sleep(0)
            return
        self.hub.scheduler_wakes_at = self.store.clock.now_ms() + int(wait_s * 1000)
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.hub.schedule_changed.wait(), wait_s + 0.001)
        finally:
            self.hub.scheduler_wakes_at = None
