"""Waiting for a process instance to end (CreateProcessInstanceWithResult) and reading its variables."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from sqlalchemy import select

from engine.notifications import InstanceWaiters
from engine.state.schema import process_instances, variables
from engine.state.unit_of_work import Store


class InstanceResults:
    def __init__(self, store: Store, waiters: InstanceWaiters) -> None:
        self.store = store
        self.waiters = waiters

    def _state(self, key: int) -> str | None:
        with self.store.reading() as conn:
            state = conn.execute(
                select(process_instances.c.state).where(process_instances.c.key == key)
            ).scalar()
            conn.rollback()
        return state

    async def wait(self, key: int, timeout_s: float | None) -> str | None:
        """'COMPLETED' or 'TERMINATED', or None when the timeout passed first."""
        # No await between the read and the registration: no commit can slip in between.
        state = self._state(key)
        if state is not None and state != "ACTIVE":
            return state
        future = self.waiters.register(key)
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout_s)
        except TimeoutError:
            return None
        finally:
            self.waiters.unregister(key, future)

    def variables(self, key: int, names: list[str]) -> dict[str, Any]:
        with self.store.reading() as conn:
            rows = conn.execute(
                select(variables.c.name, variables.c.value).where(variables.c.scope_key == key)
            ).all()
            conn.rollback()
        values = {name: json.loads(value) for name, value in rows}
        return {n: values[n] for n in names if n in values} if names else values
