"""The dossier in one call (`GET /dossiers/{id}/complet`) and the agents' audit trail."""

from __future__ import annotations

import httpx
import pytest

from contracts.clients.base import NotFound, RequestRefused
from contracts.clients.dossier import DossierClient
from contracts.dossier import ActionAgent, ActionAgentSaisie
from contracts.process import JobType
from services.dossier.wiring import DossierParts
from tests.services.dossier.conftest import AGENT_59, AGENT_62, SEPT, entetes, fiche_sept
from tests.services.dossier.factices import HorlogeFixe, PiecesFactices, job, traiter
from tests.services.dossier.parcours import deposer
from tests.support.actor_tokens import TEST_TOKENS

pytestmark = pytest.mark.integration
PIECES = [{"piece": "justificatif-nationalite", "observation": "Passeport illisible."}]


async def test_one_call_gives_the_dossier_its_history_rounds_actions_and_documents(
    client: httpx.AsyncClient, composants: DossierParts, horloge: HorlogeFixe
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    await traiter(
        composants,
        job(JobType.DOSSIER_OUVRIR_COMPLEMENTS, {"dossierId": dossier_id, "piecesDemandees": PIECES}),
    )
    agent = DossierClient(client, TEST_TOKENS, AGENT_59)
    horloge.avancer(minutes=5)
    saisie = ActionAgentSaisie(
        action=ActionAgent.TERMINEE,
        tache="Examiner la demande",
        resultat="Suite proposée : Demander des compléments",
        agent_nom="Camille DURAND",
    )
    notee = await agent.noter_action(dossier_id, saisie)
    assert (notee.agent_id, notee.libelle, notee.date) == ("agent-59", "Tâche terminée", horloge.now())

    complet = await agent.complet(dossier_id)
    assert complet.dossier.id == dossier_id and complet.dossier.statut.value == "complements_demandes"
    assert "deposee" in [c.statut.value for c in complet.historique]
    assert [r.numero for r in complet.rondes] == [1]
    assert complet.rondes[0].pieces[0].observation == "Passeport illisible."
    assert [(a.action, a.agent_id, a.agent_nom, a.resultat) for a in complet.actions] == [
        (ActionAgent.TERMINEE, "agent-59", "Camille DURAND", "Suite proposée : Demander des compléments")
    ]
    assert complet.pieces is not None and complet.pieces.dossier_id == dossier_id
    assert complet.documents_indisponibles is False

    # the applicant reads the same bundle, without the agents' trail
    du_demandeur = await DossierClient(client, TEST_TOKENS, SEPT).complet(dossier_id)
    assert du_demandeur.actions == [] and [r.numero for r in du_demandeur.rondes] == [1]


async def test_the_bundle_says_when_the_documents_service_cannot_answer(
    client: httpx.AsyncClient, pieces: PiecesFactices
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    pieces.documents_indisponibles = True
    complet = await DossierClient(client, TEST_TOKENS, AGENT_59).complet(dossier_id)
    assert complet.documents_indisponibles and complet.pieces is None and complet.documents_generes == []


async def test_only_an_agent_of_the_prefecture_records_an_action(client: httpx.AsyncClient) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    saisie = ActionAgentSaisie(action=ActionAgent.PRISE, tache="Examiner la demande")
    with pytest.raises(NotFound):
        await DossierClient(client, TEST_TOKENS, AGENT_62).noter_action(dossier_id, saisie)
    with pytest.raises(NotFound):
        await DossierClient(client, TEST_TOKENS, AGENT_62).complet(dossier_id)
    with pytest.raises(RequestRefused) as refus:
        await DossierClient(client, TEST_TOKENS, SEPT).noter_action(dossier_id, saisie)
    assert refus.value.status == 403
    trop_long = {"action": "prise", "tache": "x" * 201}
    reponse = await client.post(f"/dossiers/{dossier_id}/actions", json=trop_long, headers=entetes(AGENT_59))
    assert reponse.status_code == 422
    assert (await DossierClient(client, TEST_TOKENS, AGENT_59).complet(dossier_id)).actions == []
