"""The deposit and after: completeness, freezing, one process start, history, agents' views."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from contracts.identity import Adresse
from contracts.process import PROCESS_ID
from services.dossier.wiring import DossierParts
from tests.services.dossier.conftest import AGENT_59, AGENT_62, HUIT, SEPT, entetes, fiche_huit, fiche_sept
from tests.services.dossier.factices import (
    PASSEPORT_MANQUANT,
    FichesFactices,
    HorlogeFixe,
    MoteurFactice,
    PiecesFactices,
)
from tests.services.dossier.parcours import ETAPE_1, creer, deposer, remplir

pytestmark = pytest.mark.integration


async def test_an_incomplete_deposit_lists_what_is_missing(
    client: httpx.AsyncClient, pieces: PiecesFactices, moteur: MoteurFactice
) -> None:
    dossier_id = (await creer(client, SEPT, fiche_sept()))["id"]
    pieces.manquantes_par_dossier[dossier_id] = [PASSEPORT_MANQUANT]
    response = await client.post(f"/dossiers/{dossier_id}/depot", headers=entetes(SEPT))
    assert response.status_code == 422
    corps = response.json()
    assert corps["detail"].startswith("Votre demande est incomplète")
    assert [(m["etape"], m["champ"]) for m in corps["manquants"]] == [
        ("informations-personnelles", "telephone"),
        ("motif-sejour", "datePriseEnChargeAse"),
        ("motif-sejour", "situationFamiliale"),
        ("motif-sejour", "enfantsACharge"),
        ("motif-sejour", "attestations.besoin_titre"),
        ("motif-sejour", "attestations.sanctions_penales"),
        ("justificatifs", "justificatifs"),
        ("justificatifs", "pieces.justificatif-nationalite"),
    ]
    assert moteur.demarrages == []


async def test_a_deposit_freezes_the_dossier_and_starts_one_process_instance(
    client: httpx.AsyncClient, moteur: MoteurFactice
) -> None:
    dossier_id = await remplir(client, SEPT, fiche_sept())
    reponses = await asyncio.gather(
        *[
            client.post(f"/dossiers/{dossier_id}/depot", json={"observations": "RAS"}, headers=entetes(SEPT))
            for _ in range(3)
        ]
    )
    assert {r.status_code for r in reponses} == {200}
    corps = reponses[0].json()
    assert corps["statut"] == "deposee" and corps["libelleStatut"] == "Demande déposée"
    assert corps["dateDepot"] == "2023-08-18" and corps["observations"] == "RAS" and corps["cas"] == "mineur"
    encore = await client.post(f"/dossiers/{dossier_id}/depot", headers=entetes(SEPT))
    assert encore.status_code == 200
    assert len(moteur.demarrages) == 1
    process_id, variables = moteur.demarrages[0]
    assert process_id == PROCESS_ID
    assert variables["dossierId"] == dossier_id and variables["demandeurId"] == "demandeur-sept"
    assert variables["cas"] == "mineur" and variables["prefecture"] == "prefecture-59"
    assert variables["dateFinValiditeTitre"] == "2023-09-12" and variables["correlationId"]
    modification = await client.put(
        f"/dossiers/{dossier_id}/etapes/informations-personnelles", json=ETAPE_1, headers=entetes(SEPT)
    )
    assert modification.status_code == 409
    assert modification.json() == {"detail": "La demande a été déposée : elle ne peut plus être modifiée."}


async def test_one_application_in_progress_per_applicant(client: httpx.AsyncClient) -> None:
    await deposer(client, SEPT, fiche_sept())
    response = await client.post("/dossiers", json={"pour": "moi-meme"}, headers=entetes(SEPT))
    assert response.status_code == 409
    assert "déjà une demande en cours" in response.json()["detail"]


async def test_the_applicant_sees_the_status_history_with_the_labels(client: httpx.AsyncClient) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    response = await client.get(f"/dossiers/{dossier_id}/historique", headers=entetes(SEPT))
    assert [(c["statut"], c["libelle"]) for c in response.json()["changements"]] == [
        ("brouillon", "Demande en cours de saisie"),
        ("deposee", "Demande déposée"),
    ]
    assert (await client.get(f"/dossiers/{dossier_id}/historique", headers=entetes(HUIT))).status_code == 404


async def test_agents_see_only_deposited_dossiers_of_their_prefecture(client: httpx.AsyncClient) -> None:
    depose = await deposer(client, SEPT, fiche_sept())
    await creer(client, HUIT, fiche_huit())  # a draft: invisible to agents
    assert (await client.get(f"/dossiers/{depose}", headers=entetes(AGENT_59))).status_code == 200
    assert (await client.get(f"/dossiers/{depose}", headers=entetes(AGENT_62))).status_code == 404
    page = (await client.get("/agent/dossiers", headers=entetes(AGENT_59))).json()
    assert page["total"] == 1 and page["elements"][0]["id"] == depose
    assert page["elements"][0]["nomNaissance"] == "ETRANGER" and page["pages"] == 1
    filtre = await client.get("/agent/dossiers", params={"statut": "acceptee"}, headers=entetes(AGENT_59))
    assert filtre.json()["total"] == 0
    autre = await client.get("/agent/dossiers", params={"prefecture": "59"}, headers=entetes(AGENT_62))
    assert autre.json()["total"] == 0
    assert (await client.get("/agent/dossiers", headers=entetes(SEPT))).status_code == 403
    mauvaise_page = await client.get("/agent/dossiers", params={"parPage": 0}, headers=entetes(AGENT_59))
    assert mauvaise_page.status_code == 422
    assert mauvaise_page.json()["erreurs"][0]["message"] == "La valeur doit être au moins 1."


async def test_a_deposit_while_the_engine_is_down_starts_the_process_later(
    client: httpx.AsyncClient, moteur: MoteurFactice, composants: DossierParts, horloge: HorlogeFixe
) -> None:
    moteur.pannes = 1
    dossier_id = await deposer(client, SEPT, fiche_sept())
    assert moteur.demarrages == []
    assert await composants.relay.send_pending() == 0  # backing off
    horloge.avancer(seconds=5)
    assert await composants.relay.send_pending() == 1
    assert await composants.relay.send_pending() == 0
    assert [v["dossierId"] for _, v in moteur.demarrages] == [dossier_id]


async def test_the_documents_service_being_down_answers_503(
    client: httpx.AsyncClient, pieces: PiecesFactices
) -> None:
    from contracts.clients.base import ServiceUnavailable

    async def en_panne(*_args: object, **_kwargs: object) -> list[object]:
        raise ServiceUnavailable("ConnectError")

    dossier_id = (await creer(client, SEPT, fiche_sept()))["id"]
    pieces.manquantes = en_panne  # type: ignore[method-assign,assignment]
    response = await client.post(f"/dossiers/{dossier_id}/depot", headers=entetes(SEPT))
    assert response.status_code == 503
    assert response.json() == {
        "detail": "Un service de la plateforme est momentanément indisponible. Veuillez réessayer."
    }


async def test_the_deposit_is_routed_by_the_registers_address_read_from_identity(
    client: httpx.AsyncClient, fiches: FichesFactices, moteur: MoteurFactice
) -> None:
    """A move declared after step 1 still routes the deposit: identity is read at the deposit."""
    dossier_id = await remplir(client, SEPT, fiche_sept())
    arras = Adresse(voie="RUE GAMBETTA", numero_voie="3", code_postal="62000", ville="ARRAS")
    fiches.demenager("demandeur-sept", arras)
    response = await client.post(f"/dossiers/{dossier_id}/depot", headers=entetes(SEPT))
    assert response.status_code == 200, response.text
    assert response.json()["prefecture"] == "62"
    assert response.json()["adresse"]["ville"] == "ARRAS"
    assert moteur.demarrages[-1][1]["prefecture"] == "prefecture-62"
