"""The typed client of the dossier's internal API, against the app built by the wiring."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from contracts.clients.base import Conflict, NotFound, RequestRefused
from contracts.clients.dossier import DossierClient, refus_depot
from contracts.dossier import (
    Attestation,
    Cas,
    Etape,
    EtapeDepot,
    EtapeInformationsPersonnelles,
    EtapeJustificatifs,
    EtapeMotifSejour,
    ReponseComplement,
    ReponsePieceComplement,
    SituationFamiliale,
    Statut,
)
from contracts.process import JobType
from services.dossier.wiring import DossierParts
from tests.services.dossier.conftest import AGENT_59, AGENT_62, HUIT, SEPT, adresse_lille, fiche_sept
from tests.services.dossier.factices import PASSEPORT_MANQUANT, PiecesFactices, job, traiter
from tests.services.dossier.parcours import deposer
from tests.support.actor_tokens import TEST_TOKENS

pytestmark = pytest.mark.integration
ETAPE_1 = EtapeInformationsPersonnelles(adresse=adresse_lille(), telephone="06 12 34 56 78")
ETAPE_2 = EtapeMotifSejour(
    date_prise_en_charge_ase=date(2019, 5, 3),
    situation_familiale=SituationFamiliale.CELIBATAIRE,
    enfants_a_charge=False,
    attestations=[Attestation.BESOIN_TITRE, Attestation.SANCTIONS_PENALES],
)


@pytest.fixture
def sept(client: httpx.AsyncClient) -> DossierClient:
    return DossierClient(client, TEST_TOKENS, SEPT)


async def test_the_applicant_fills_in_deposits_and_withdraws(sept: DossierClient) -> None:
    brouillon = await sept.creer_brouillon()
    assert (await sept.creer_brouillon()).id == brouillon.id  # resumed
    for saisie in (ETAPE_1, ETAPE_2, EtapeJustificatifs(), EtapeDepot()):
        vue = await sept.enregistrer_etape(brouillon.id, saisie)
    assert vue.derniere_etape == Etape.DEPOT.numero and vue.telephone == "0612345678"
    depose = await sept.deposer(brouillon.id, EtapeDepot(observations="RAS"))
    assert depose.statut is Statut.DEPOSEE and depose.observations == "RAS" and depose.cas is Cas.MINEUR
    assert [d.id for d in await sept.mes_dossiers()] == [brouillon.id]
    assert (await sept.dossier(brouillon.id)).date_depot == date(2023, 8, 18)
    retire = await sept.se_desister(brouillon.id)
    assert retire.statut is Statut.DESISTEMENT
    historique = await sept.historique(brouillon.id)
    assert [c.statut for c in historique.changements] == [
        Statut.BROUILLON,
        Statut.DEPOSEE,
        Statut.DESISTEMENT,
    ]


async def test_an_abandoned_draft_and_the_agents_list(client: httpx.AsyncClient, sept: DossierClient) -> None:
    abandonne = await sept.abandonner((await sept.creer_brouillon()).id)
    assert abandonne.statut is Statut.ABANDONNEE
    dossier_id = await deposer(client, SEPT, fiche_sept())
    agent = sept.as_actor(AGENT_59)
    page = await agent.dossiers_agent(prefecture="59", statut=Statut.DEPOSEE, cas=Cas.MINEUR, par_page=5)
    assert [d.id for d in page.elements] == [dossier_id] and (page.total, page.par_page) == (1, 5)
    assert (await agent.dossiers_agent(numero_demande="5901202308180000001")).total == 0
    assert (await agent.dossier(dossier_id)).id == dossier_id
    with pytest.raises(NotFound):
        await agent.as_actor(AGENT_62).dossier(dossier_id)


async def test_the_applicant_answers_a_complement_round(
    client: httpx.AsyncClient, sept: DossierClient, composants: DossierParts
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    pieces = [{"piece": "justificatif-nationalite", "observation": "Illisible."}]
    await traiter(
        composants,
        job(JobType.DOSSIER_OUVRIR_COMPLEMENTS, {"dossierId": dossier_id, "piecesDemandees": pieces}),
    )
    assert [r.numero for r in await sept.rondes(dossier_id)] == [1]
    assert (await sept.ronde(dossier_id, 1)).pieces[0].observation == "Illisible."
    maintien = ReponsePieceComplement(reponse=ReponseComplement.MAINTENIR, motif="Lisible en couleur")
    ronde = await sept.repondre_piece(dossier_id, 1, "justificatif-nationalite", maintien)
    assert ronde.pieces[0].reponse is ReponseComplement.MAINTENIR
    assert (await sept.envoyer_ronde(dossier_id, 1)).envoyee_le is not None


async def test_refusals_come_back_as_the_base_clients_errors(
    client: httpx.AsyncClient, sept: DossierClient, pieces: PiecesFactices
) -> None:
    brouillon = await sept.creer_brouillon()
    with pytest.raises(NotFound) as introuvable:
        await sept.as_actor(HUIT).dossier(brouillon.id)
    assert introuvable.value.detail == "Dossier introuvable."
    with pytest.raises(NotFound):
        await sept.ronde(brouillon.id, 1)
    with pytest.raises(RequestRefused) as invalide:
        await sept.enregistrer_etape(brouillon.id, ETAPE_1.model_copy(update={"telephone": "abc"}))
    assert invalide.value.status == 422 and invalide.value.erreurs[0]["champ"] == "telephone"
    for saisie in (ETAPE_1, ETAPE_2):
        await sept.enregistrer_etape(brouillon.id, saisie)
    pieces.manquantes_par_dossier[brouillon.id] = [PASSEPORT_MANQUANT]
    with pytest.raises(RequestRefused) as incomplet:
        await sept.deposer(brouillon.id)
    refus = refus_depot(incomplet.value)
    assert refus is not None and [m.champ for m in refus.manquants][-1] == "pieces.justificatif-nationalite"
    assert refus_depot(invalide.value) is None


async def test_a_deposited_dossier_cannot_be_abandoned(
    client: httpx.AsyncClient, sept: DossierClient
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    with pytest.raises(Conflict) as conflit:
        await sept.abandonner(dossier_id)
    assert conflit.value.status == 409 and "déposée" in conflit.value.detail
