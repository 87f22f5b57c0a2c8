"""The engine through pyzeebe's ZeebeClient (embedded engine or Camunda 8, same protocol)."""

from __future__ import annotations

import contextlib
from typing import Any

from pyzeebe import ZeebeClient
from pyzeebe.errors import MessageAlreadyExistsError, ProcessInstanceNotFoundError


class ZeebeMoteur:
    def __init__(self, client: ZeebeClient, *, message_ttl_ms: int) -> None:
        self.client, self.message_ttl_ms = client, message_ttl_ms

    async def demarrer(self, process_id: str, variables: dict[str, Any]) -> int:
        response = await self.client.run_process(process_id, variables=variables)
        return int(response.process_instance_key)

    async def publier_message(
        self, nom: str, cle_correlation: str, variables: dict[str, Any], message_id: str
    ) -> None:
        with contextlib.suppress(MessageAlreadyExistsError):  # published before: done
            await self.client.publish_message(
                name=nom,
                correlation_key=cle_correlation,
                variables=variables,
                time_to_live_in_milliseconds=self.message_ttl_ms,
                message_id=message_id,
            )

    async def annuler_instance(self, process_instance_key: int) -> None:
        with contextlib.suppress(ProcessInstanceNotFoundError):
            await self.client.cancel_process_instance(process_instance_key)
