"""The durable e-mail queue: stream `NOTIFIER_COURRIELS`, one durable pull consumer.

A message is acknowledged only once the SMTP relay accepted the e-mail (or it became a dead
letter); while the relay is down it is negatively acknowledged with a growing delay, so JetStream
keeps it and delivers it again. Nothing is lost if the notifier or the relay stops meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeout
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig

from contracts.courriel import CONSERVATION_COURRIELS_S, STREAM_COURRIELS, SUBJECTS_COURRIELS
from plumbing.messaging import ensure_stream, message_headers
from services.notifier.domain.courriels import Issue, PolitiqueReessai
from services.notifier.usecases.courriels import EnvoiCourriels, Livraison, Resultat

log = logging.getLogger(__name__)

CONSUMER = "notifier-courriels"
Observateur = Callable[[Resultat], None]


async def preparer_flux(js: JetStreamContext) -> None:
    """Declare the e-mail stream (other services publish into it as soon as it exists)."""
    await ensure_stream(js, STREAM_COURRIELS, SUBJECTS_COURRIELS, max_age=CONSERVATION_COURRIELS_S)


class FileCourriels:
    def __init__(
        self,
        js: JetStreamContext,
        envoi: EnvoiCourriels,
        politique: PolitiqueReessai,
        *,
        ack_wait: float = 60.0,
        observateur: Observateur | None = None,
    ) -> None:
        self.js, self.envoi, self.politique = js, envoi, politique
        self.ack_wait = ack_wait
        self.observateur = observateur

    async def run(self, batch: int = 10, attente: float = 1.0) -> None:
        """Deliver queued e-mails until cancelled."""
        await preparer_flux(self.js)
        subscription = await self.js.pull_subscribe(
            SUBJECTS_COURRIELS[0],
            durable=CONSUMER,
            stream=STREAM_COURRIELS,
            config=ConsumerConfig(ack_policy=AckPolicy.EXPLICIT, ack_wait=self.ack_wait, max_deliver=-1),
        )
        try:
            while True:
                for message in await self._fetch(subscription, batch, attente):
                    await self.traiter(message)
        finally:
            with contextlib.suppress(Exception):
                await subscription.unsubscribe()

    async def _fetch(
        self, subscription: JetStreamContext.PullSubscription, batch: int, attente: float
    ) -> list[Msg]:
        try:
            return await subscription.fetch(batch, timeout=attente)
        except (NatsTimeout, TimeoutError):  # nats-py raises either when the queue stays empty
            return []
        except Exception:  # server restarting: the client reconnects by itself
            log.exception("lecture de la file des courriels en échec")
            await asyncio.sleep(attente)
            return []

    async def traiter(self, message: Msg) -> None:
        numero = message.metadata.num_delivered or 1
        try:
            resultat = await self.envoi.livrer(Livraison(message.subject, message.data, numero))
        except Exception:  # our own storage failed: keep the message and try again later
            log.exception("traitement d'un courriel en échec", extra={"livraison": numero})
            with contextlib.suppress(Exception):
                await message.nak(delay=self.politique.delai(numero))
            return
        if resultat.issue is Issue.REESSAI:
            await message.nak(delay=resultat.delai)
        else:
            await self._acquitter(message)
        if self.observateur is not None:
            self.observateur(resultat)

    @staticmethod
    async def _acquitter(message: Msg) -> None:
        """Wait for the server's confirmation; if lost, the redelivery finds the e-mail sent already."""
        try:
            await message.ack_sync(timeout=5)
        except Exception:
            log.warning("acquittement non confirmé, le doublon sera ignoré")


async def rejouer(js: JetStreamContext, echec_id: int, subject: str, demande: str) -> None:
    """Queue a dead letter again, under a fresh message id so JetStream does not drop it."""
    await js.publish(subject, demande.encode(), headers=message_headers(f"rejeu-{echec_id}"))
