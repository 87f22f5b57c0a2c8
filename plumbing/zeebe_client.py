"""Engine commands over the Zeebe gateway protocol (pyzeebe): the embedded engine or Camunda 8."""

from __future__ import annotations

import contextlib
from typing import Any

from pyzeebe import ZeebeClient
from pyzeebe.errors import MessageAlreadyExistsError, ProcessInstanceNotFoundError


class ZeebeEngineCommands:
    """`plumbing.engine_outbox.EngineCommands` through pyzeebe's `ZeebeClient`."""

    def __init__(self, client: ZeebeClient, *, message_ttl_ms: int) -> None:
        self.client, self.message_ttl_ms = client, message_ttl_ms

    async def create_instance(self, process_id: str, variables: dict[str, Any]) -> int:
        response = await self.client.run_process(process_id, variables=variables)
        return int(response.process_instance_key)

    async def publish_message(
        self, name: str, correlation_key: str, variables: dict[str, Any], message_id: str
    ) -> None:
        with contextlib.suppress(MessageAlreadyExistsError):  # published before: done
            await self.client.publish_message(
                name=name,
                correlation_key=correlation_key,
                variables=variables,
                time_to_live_in_milliseconds=self.message_ttl_ms,
                message_id=message_id,
            )

    async def cancel_instance(self, process_instance_key: int) -> None:
        with contextlib.suppress(ProcessInstanceNotFoundError):  # already gone: cancelled
            await self.client.cancel_process_instance(process_instance_key)
