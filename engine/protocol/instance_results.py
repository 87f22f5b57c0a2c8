"""Waiting for a process instance to end (created with a result, over gRPC or REST) and reading its variables."""

from __future__ import annotations

import asyncio
from typing import Any

from engine.errors import DeadlineExceeded, FailedPrecondition
from engine.notifications import InstanceWaiters
from engine.queries.process_instances import process_instance_state
from engine.queries.variables import process_variables
from engine.state.unit_of_work import Store


class InstanceResults:
    def __init__(self, store: Store, waiters: InstanceWaiters) -> None:
        self.store = store
        self.waiters = waiters
        self.shared_database = store.engine.dialect.name != "sqlite"

    def _state(self, key: int) -> str | None:
        return process_instance_state(self.store, key)

    async def wait(self, key: int, timeout_s: float | None) -> str | None:
        """'COMPLETED' or 'TERMINATED', or None when the timeout passed first."""
        # No await between the check and the registration: no commit can slip in between. Another engine
        # on the same database cannot wake us, so there the table is read as well.
        state = self.waiters.recently_finished.get(key)
        if state is None and self.shared_database:
            state = self._state(key)
        if state is not None and state != "ACTIVE":
            return state
        future = self.waiters.register(key)
        loop = asyncio.get_running_loop()
        end = None if timeout_s is None else loop.time() + timeout_s
        try:
            while True:
                remaining = None if end is None else end - loop.time()
                if remaining is not None and remaining <= 0:
                    return None
                step = remaining if not self.shared_database else min(remaining or 1.0, 1.0)
                try:
                    return await asyncio.wait_for(asyncio.shield(future), step)
                except TimeoutError:
                    if self.shared_database and (state := self._state(key)) not in (None, "ACTIVE"):
                        return state
        finally:
            self.waiters.unregister(key, future)

    async def completed_variables(
        self, key: int, timeout_s: float | None, names: list[str]
    ) -> dict[str, Any]:
        """The instance's variables once it completed; rejected when it is terminated or not done in time."""
        outcome = await self.wait(key, timeout_s)
        if outcome is None:
            raise DeadlineExceeded(
                f"Expected to receive the result of process instance '{key}' before the request timeout, "
                "but it was not completed in time"
            )
        if outcome != "COMPLETED":
            raise FailedPrecondition(
                f"Expected process instance '{key}' to complete, but it was {outcome.lower()}"
            )
        return self.variables(key, names)

    def variables(self, key: int, names: list[str]) -> dict[str, Any]:
        """Those the completing command handed over; read from the tables only when it is long gone
        (or was completed by another engine on the same database)."""
        values = self.waiters.recent_results.get(key)
        if values is None:
            values = process_variables(self.store, key)
        return {n: values[n] for n in names if n in values} if names else values
