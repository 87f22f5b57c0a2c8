"""Engine calls decided in a transaction are made exactly once in effect, whatever crashes between."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import update

from contracts.dossier import STREAM_DOSSIER, SUBJECTS_DOSSIER
from contracts.process import JobType
from plumbing.messaging import connect_nats, ensure_stream
from plumbing.outbox import OutboxRelay
from plumbing.unit_of_work import UnitOfWork
from services.dossier.storage.repositories import SqlRepositories
from services.dossier.storage.tables import dossiers, engine_commands, outbox
from services.dossier.usecases.depot import id_demarrage
from services.dossier.wiring import DossierParts
from tests.services.dossier.conftest import SEPT, entetes, fiche_sept
from tests.services.dossier.factices import HorlogeFixe, MoteurFactice, job, traiter
from tests.services.dossier.parcours import deposer, remplir

pytestmark = pytest.mark.integration


async def test_a_start_recorded_but_never_sent_is_sent_by_the_loop(
    client: httpx.AsyncClient, composants: DossierParts, moteur: MoteurFactice
) -> None:
    """The crash between the commit and the call: the command waits in the table."""
    dossier_id = await remplir(client, SEPT, fiche_sept())
    envoyer = composants.relay.send

    async def crash(_commande_id: str) -> bool:
        return False  # the process died right after the commit

    composants.relay.send = crash  # type: ignore[method-assign]
    await client.post(f"/dossiers/{dossier_id}/depot", headers=entetes(SEPT))
    composants.relay.send = envoyer  # type: ignore[method-assign]
    assert moteur.demarrages == []
    assert await composants.relay.send_pending() == 1
    assert [v["dossierId"] for _, v in moteur.demarrages] == [dossier_id]


async def test_a_start_sent_but_not_recorded_leaves_one_instance(
    client: httpx.AsyncClient,
    composants: DossierParts,
    moteur: MoteurFactice,
    transactions: UnitOfWork[SqlRepositories],
) -> None:
    """The crash between the call and its record: the loop starts a second instance, which is cancelled."""
    dossier_id = await deposer(client, SEPT, fiche_sept())
    premiere = moteur.instances[dossier_id]
    with transactions.transaction() as repos:  # as if the engine's answer had been lost
        repos.session.execute(update(dossiers).values(process_instance_key=None))
        repos.session.execute(update(engine_commands).values(done_at=None, not_before=None))
    # meanwhile the first instance ran its first job, which binds the dossier to it
    await traiter(
        composants, job(JobType.DOSSIER_ENREGISTRER, {"dossierId": dossier_id}, process_instance_key=premiere)
    )
    assert await composants.relay.send_pending() == 1
    assert len(moteur.demarrages) == 2 and moteur.annulees == [premiere + 1]


async def test_a_message_is_published_with_its_id_until_acknowledged(
    composants: DossierParts, moteur: MoteurFactice, horloge: HorlogeFixe, client: httpx.AsyncClient
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    with composants.transactions.transaction() as repos:
        repos.commandes_moteur.publier_message(
            "desistement-x", "desistement", dossier_id, {}, maintenant=horloge.now()
        )
    moteur.pannes = 2
    assert not await composants.relay.send("desistement-x")
    assert not await composants.relay.send("desistement-x")  # leased until the back-off ends
    horloge.avancer(seconds=3)
    assert not await composants.relay.send("desistement-x")  # still down
    horloge.avancer(seconds=5)
    assert await composants.relay.send("desistement-x")
    assert not await composants.relay.send("desistement-x")  # done: never again
    assert [m.message_id for m in moteur.messages] == ["desistement-x"]
    assert id_demarrage(dossier_id) == f"demarrer-{dossier_id}"


async def test_dossier_events_reach_the_dossier_stream_without_personal_data(
    client: httpx.AsyncClient, composants: DossierParts, nats_url: str
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    nats = await connect_nats(nats_url, "test-dossier")
    try:
        js = nats.jetstream()
        await ensure_stream(js, STREAM_DOSSIER, SUBJECTS_DOSSIER)
        relais = OutboxRelay(
            outbox, composants.transactions.sessions, js, STREAM_DOSSIER, SUBJECTS_DOSSIER, "dossier"
        )
        assert await relais.relay_pending() == 6
        abonnement = await js.subscribe("dossier.dossier.>", ordered_consumer=True)
        recus = [await abonnement.next_msg(timeout=5) for _ in range(6)]
    finally:
        await nats.close()
    assert [m.subject for m in recus] == [
        "dossier.dossier.cree",
        *["dossier.dossier.etape-enregistree"] * 4,
        "dossier.dossier.depose",
    ]
    depose = json.loads(recus[-1].data)
    assert (
        depose["dossierId"] == dossier_id and depose["statut"] == "deposee" and depose["prefecture"] == "59"
    )
    assert not {"ETRANGER", "SEPT", "septetranger@yopmail.com"} & set(json.dumps(depose).split('"'))
