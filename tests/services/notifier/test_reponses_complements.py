"""« Demande de complément répondu » from the dossier's event, through a real JetStream: the
dossier's outbox publishes `dossier.dossier.complements-deposes`, the notifier marks the round's
demand answered; an event that comes before its demand waits for it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import nats
import pytest
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

from contracts.dossier import STREAM_DOSSIER, EvenementDossier, EvenementDossierPayload, Statut
from plumbing.messaging import publish_event
from services.notifier.adapters import evenements_dossier
from services.notifier.wiring import NotifierDeps, build_reponses
from tests.services.notifier.conftest import executer_job, make_job

pytestmark = pytest.mark.integration

ENVOI = datetime(2023, 9, 14, 9, 30, tzinfo=UTC)


@pytest.fixture
async def js(nats_url: str) -> AsyncIterator[JetStreamContext]:
    """A clean dossier stream on the session's nats-server."""
    client = await nats.connect(nats_url)
    context = client.jetstream()
    with contextlib.suppress(NotFoundError):
        await context.delete_stream(STREAM_DOSSIER)
    yield context
    await client.close()


async def publier(js: JetStreamContext, ronde: int, numero: int) -> None:
    """What the dossier's outbox relays when « Valider et envoyer » is committed."""
    payload = EvenementDossierPayload(
        dossier_id="dossier-1",
        demandeur_id="compte-sept",
        prefecture="prefecture-59",
        statut=Statut.COMPLEMENTS_DEPOSES,
        date=ENVOI,
        details={"ronde": ronde},
    )
    subject = EvenementDossier.COMPLEMENTS_DEPOSES.subject
    await publish_event(js, subject, payload.model_dump(mode="json"), message_id=f"dossier-{numero}")


async def repondue_le(deps: NotifierDeps, notification_id: str) -> datetime | None:
    async with asyncio.timeout(15):
        while True:
            notification = await deps.uow.run_async(lambda r: r.notifications.par_id(notification_id))
            if notification is not None and notification.repondue_le is not None:
                return notification.repondue_le
            await asyncio.sleep(0.05)


async def test_the_dossiers_event_marks_the_demand_answered_even_when_it_comes_first(
    js: JetStreamContext, deps: NotifierDeps, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(evenements_dossier, "REESSAI_S", 0.1)
    consommateur = asyncio.create_task(build_reponses(deps, js).run(attente=0.2))
    try:
        premiere = await executer_job(deps, make_job(rondeComplements=1))
        await publier(js, 1, 1)
        assert await repondue_le(deps, premiere) == ENVOI

        await publier(js, 2, 2)  # answered before the notifier made round 2's demand
        await asyncio.sleep(0.3)
        seconde = await executer_job(deps, make_job(rondeComplements=2))
        assert await repondue_le(deps, seconde) == ENVOI
    finally:
        consommateur.cancel()
        await asyncio.gather(consommateur, return_exceptions=True)
