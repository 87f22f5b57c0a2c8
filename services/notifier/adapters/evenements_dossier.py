"""The dossier's events the notifier follows: `dossier.dossier.complements-deposes` marks the round's
« Demande de complément » answered (« Demande de complément répondu » in « Mes Notifications »).

One durable pull consumer on the dossier's stream: an event is acknowledged once its effect is
committed; while the demand is not there yet (the answer came before the notification was made)
or the database fails, it is delivered again later.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable

from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeout
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig
from pydantic import ValidationError

from contracts.dossier import STREAM_DOSSIER, SUBJECTS_DOSSIER, EvenementDossier, EvenementDossierPayload
from plumbing.messaging import ensure_stream

log = logging.getLogger(__name__)

CONSUMER = "notifier-complements-deposes"
SUJET = EvenementDossier.COMPLEMENTS_DEPOSES.subject
REESSAI_S = 5.0
LIVRAISONS_MAX = 50  # about four minutes of waiting for a notification that does not come

# (dossier_id, ronde, date) -> True once recorded, False when the demand is not there yet
NoterReponse = Callable[[EvenementDossierPayload, int], Awaitable[bool]]


class ReponsesAuxComplements:
    def __init__(self, js: JetStreamContext, noter: NoterReponse) -> None:
        self.js, self.noter = js, noter

    async def run(self, batch: int = 10, attente: float = 1.0) -> None:
        """Follow the event until cancelled (the dossier's stream is declared if it is not yet)."""
        await ensure_stream(self.js, STREAM_DOSSIER, SUBJECTS_DOSSIER)
        subscription = await self.js.pull_subscribe(
            SUJET,
            durable=CONSUMER,
            stream=STREAM_DOSSIER,
            config=ConsumerConfig(ack_policy=AckPolicy.EXPLICIT, ack_wait=30, max_deliver=LIVRAISONS_MAX),
        )
        try:
            while True:
                for message in await self._fetch(subscription, batch, attente):
                    await self.traiter(message)
        finally:
            with contextlib.suppress(Exception):
                await subscription.unsubscribe()

    @staticmethod
    async def _fetch(
        subscription: JetStreamContext.PullSubscription, batch: int, attente: float
    ) -> list[Msg]:
        try:
            return await subscription.fetch(batch, timeout=attente)
        except (NatsTimeout, TimeoutError):
            return []
        except Exception:  # server restarting: the client reconnects by itself
            log.exception("lecture des événements du dossier en échec")
            await asyncio.sleep(attente)
            return []

    async def traiter(self, message: Msg) -> None:
        try:
            evenement = EvenementDossierPayload.model_validate(json.loads(message.data))
            ronde = int(evenement.details.get("ronde") or 0)
        except (ValueError, TypeError, ValidationError):
            log.warning("événement du dossier illisible, ignoré", extra={"sujet": message.subject})
            await message.ack()
            return
        try:
            fait = await self.noter(evenement, ronde)
        except Exception:
            log.exception("réponse aux compléments non notée", extra={"dossier_id": evenement.dossier_id})
            fait = False
        if fait:
            with contextlib.suppress(Exception):
                await message.ack_sync(timeout=5)
        else:
            with contextlib.suppress(Exception):
                await message.nak(delay=REESSAI_S)
