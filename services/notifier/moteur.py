"""Publish the messages the notifier owes the engine, until the engine acknowledges each one.

The message is written in the transaction that decided it (e.g. the first opening of a
notification); this relay publishes it with its `message_id`, so the engine keeps one copy even
if the relay crashes between publishing and recording the acknowledgement.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from pyzeebe import ZeebeClient
from pyzeebe.errors import MessageAlreadyExistsError

from services.notifier.domain.ports import MessageMoteur
from services.notifier.storage.messages import SqlFileMessagesMoteur

log = logging.getLogger(__name__)


class PublicateurMessages(Protocol):
    async def publier(self, message: MessageMoteur) -> None:
        """Return once the engine acknowledged the message; raise otherwise."""


class ZeebePublicateur:
    """`PublishMessage` through the Zeebe gateway protocol (embedded engine or Camunda 8)."""

    def __init__(self, client: ZeebeClient, ttl_ms: int) -> None:
        self.client, self.ttl_ms = client, ttl_ms

    async def publier(self, message: MessageMoteur) -> None:
        with contextlib.suppress(MessageAlreadyExistsError):  # acknowledged before: done
            await self.client.publish_message(
                name=message.nom,
                correlation_key=message.cle_correlation,
                variables=message.variables,
                time_to_live_in_milliseconds=self.ttl_ms,
                message_id=message.message_id,
            )


class RelaisMessagesMoteur:
    def __init__(
        self,
        file: SqlFileMessagesMoteur,
        publicateur: PublicateurMessages,
        horloge: Callable[[], datetime],
        *,
        delai_initial: float = 0.5,
        delai_maximum: float = 30.0,
        attente: float = 2.0,
    ) -> None:
        self.file, self.publicateur, self.horloge = file, publicateur, horloge
        self.delai_initial, self.delai_maximum, self.attente = delai_initial, delai_maximum, attente
        self.reveil = asyncio.Event()
        self.loop: asyncio.AbstractEventLoop | None = None

    def signaler(self) -> None:
        """Something was written: publish now rather than at the next idle tick (any thread)."""
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self.reveil.set)

    async def run(self) -> None:
        self.loop = asyncio.get_running_loop()
        echecs = 0
        while True:
            self.reveil.clear()  # before reading: a signal that comes during the read is kept
            try:
                publies = await self.publier_en_attente()
                echecs = 0
            except Exception as error:
                echecs += 1
                log.warning("moteur injoignable, nouvel essai", extra={"erreur": type(error).__name__})
                await asyncio.sleep(min(self.delai_maximum, self.delai_initial * 2 ** (echecs - 1)))
                continue
            if not publies:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.reveil.wait(), self.attente)

    async def publier_en_attente(self) -> int:
        """Publish pending messages in order; stop at the first failure (raised)."""
        pending = await asyncio.to_thread(self.file.en_attente)
        for item in pending:
            try:
                await self.publicateur.publier(item.message)
            except Exception as error:
                await asyncio.to_thread(self.file.echec, item.id, type(error).__name__)
                raise
            await asyncio.to_thread(self.file.publie, item.id, self.horloge())
            log.info("message publié au moteur", extra={"nom_message": item.message.nom, "ligne": item.id})
        return len(pending)
