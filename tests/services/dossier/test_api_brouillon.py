"""The internal API from "Je commence" to "Déposer la demande": drafts, steps, French messages."""

from __future__ import annotations

import httpx
import pytest

from contracts.dossier import MESSAGE_NON_ELIGIBLE
from tests.services.dossier.conftest import AGENT_59, HUIT, SEPT, entetes, fiche_huit, fiche_sept
from tests.services.dossier.factices import PASSEPORT_MANQUANT, PiecesFactices
from tests.services.dossier.parcours import ETAPE_1, ETAPE_2, creer

pytestmark = pytest.mark.integration


async def test_a_draft_is_created_once_then_resumed(client: httpx.AsyncClient) -> None:
    fiche = {"fiche": fiche_sept().model_dump(mode="json")}
    premier = await client.post("/dossiers", json=fiche, headers=entetes(SEPT))
    second = await client.post("/dossiers", json=fiche, headers=entetes(SEPT))
    assert (premier.status_code, second.status_code) == (201, 200)
    assert premier.json()["id"] == second.json()["id"]
    corps = premier.json()
    assert corps["statut"] == "brouillon" and corps["libelleStatut"] == "Demande en cours de saisie"
    assert corps["etatCivil"]["nomNaissance"] == "ETRANGER" and corps["derniereEtape"] == 0
    liste = await client.get("/dossiers", headers=entetes(SEPT))
    assert [d["id"] for d in liste.json()] == [corps["id"]]


async def test_the_internal_token_and_the_applicants_own_fiche_are_required(
    client: httpx.AsyncClient,
) -> None:
    fiche = {"fiche": fiche_sept().model_dump(mode="json")}
    assert (await client.post("/dossiers", json=fiche)).status_code == 401
    response = await client.post("/dossiers", json=fiche, headers=entetes(HUIT))
    assert response.status_code == 403
    assert response.json() == {"detail": "La fiche transmise n'est pas celle du demandeur connecté."}
    assert (await client.post("/dossiers", json=fiche, headers=entetes(AGENT_59))).status_code == 403


async def test_nobody_else_sees_a_draft(client: httpx.AsyncClient) -> None:
    dossier = await creer(client, SEPT, fiche_sept())
    for acteur in (HUIT, AGENT_59):
        response = await client.get(f"/dossiers/{dossier['id']}", headers=entetes(acteur))
        assert response.status_code == 404 and response.json() == {"detail": "Dossier introuvable."}
    response = await client.put(
        f"/dossiers/{dossier['id']}/etapes/informations-personnelles", json=ETAPE_1, headers=entetes(HUIT)
    )
    assert response.status_code == 404


async def test_step_1_answers_french_messages_per_field(client: httpx.AsyncClient) -> None:
    dossier_id = (await creer(client, SEPT, fiche_sept()))["id"]
    chemin = f"/dossiers/{dossier_id}/etapes/informations-personnelles"
    response = await client.put(chemin, json={**ETAPE_1, "telephone": "abc"}, headers=entetes(SEPT))
    assert response.status_code == 422
    assert response.json()["erreurs"][0]["champ"] == "telephone"
    assert response.json()["erreurs"][0]["message"].startswith("Le numéro de téléphone n'est pas valide")
    incomplet = {"adresse": ETAPE_1["adresse"]}
    response = await client.put(chemin, json=incomplet, headers=entetes(SEPT))
    assert response.status_code == 422
    assert response.json() == {
        "detail": "La requête contient des données invalides.",
        "erreurs": [{"champ": "telephone", "message": "Ce champ est obligatoire."}],
    }
    trop_long = {**ETAPE_1, "adresse": {**ETAPE_1["adresse"], "voie": "RUE " * 100}}
    response = await client.put(chemin, json=trop_long, headers=entetes(SEPT))
    assert response.status_code == 422
    assert response.json()["erreurs"] == [
        {"champ": "adresse.voie", "message": "Ce champ ne doit pas dépasser 200 caractères."}
    ]
    malforme = await client.put(
        chemin, content=b'{"telephone": ', headers={**entetes(SEPT), "Content-Type": "application/json"}
    )
    assert malforme.status_code == 400
    assert malforme.json() == {"detail": "Le corps de la requête n'est pas un JSON valide."}
    response = await client.put(chemin, json=ETAPE_1, headers=entetes(SEPT))
    assert response.status_code == 200 and response.json()["cas"] == "mineur"


async def test_step_2_refuses_a_placement_after_16_with_the_seeds_message(client: httpx.AsyncClient) -> None:
    dossier_id = (await creer(client, SEPT, fiche_sept()))["id"]
    chemin = f"/dossiers/{dossier_id}/etapes/motif-sejour"
    avant = await client.put(chemin, json=ETAPE_2, headers=entetes(SEPT))
    assert avant.status_code == 409
    assert avant.json() == {"detail": "Veuillez d'abord enregistrer l'étape précédente."}
    await client.put(
        f"/dossiers/{dossier_id}/etapes/informations-personnelles", json=ETAPE_1, headers=entetes(SEPT)
    )
    response = await client.put(
        chemin, json={**ETAPE_2, "datePriseEnChargeAse": "2022-07-02"}, headers=entetes(SEPT)
    )
    assert response.status_code == 422
    assert response.json()["detail"] == MESSAGE_NON_ELIGIBLE
    assert response.json()["titre"] == "Demandeur non éligible"
    mauvaise_date = await client.put(
        chemin, json={**ETAPE_2, "datePriseEnChargeAse": "03/05/2019"}, headers=entetes(SEPT)
    )
    assert mauvaise_date.json()["erreurs"] == [
        {"champ": "datePriseEnChargeAse", "message": "Date invalide : format attendu AAAA-MM-JJ."}
    ]
    mauvaise_situation = await client.put(
        chemin, json={**ETAPE_2, "situationFamiliale": "x"}, headers=entetes(SEPT)
    )
    assert mauvaise_situation.json()["erreurs"][0]["message"].startswith("Valeur non autorisée")
    assert (await client.put(chemin, json=ETAPE_2, headers=entetes(SEPT))).status_code == 200


async def test_step_3_needs_every_required_piece_from_documents(
    client: httpx.AsyncClient, pieces: PiecesFactices
) -> None:
    dossier_id = (await creer(client, HUIT, fiche_huit()))["id"]
    await client.put(
        f"/dossiers/{dossier_id}/etapes/informations-personnelles", json=ETAPE_1, headers=entetes(HUIT)
    )
    await client.put(f"/dossiers/{dossier_id}/etapes/motif-sejour", json=ETAPE_2, headers=entetes(HUIT))
    pieces.manquantes_par_dossier[dossier_id] = [PASSEPORT_MANQUANT]
    chemin = f"/dossiers/{dossier_id}/etapes/justificatifs"
    response = await client.put(chemin, json={}, headers=entetes(HUIT))
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Des justificatifs obligatoires sont manquants.",
        "manquants": [
            {
                "etape": "justificatifs",
                "champ": "pieces.justificatif-nationalite",
                "libelle": "Justificatif de nationalité",
            }
        ],
    }
    assert pieces.verifications[-1][1:] == ("majeur",)
    pieces.manquantes_par_dossier.clear()
    # A site that still sends the housing question is not refused: the answer is simply not kept.
    response = await client.put(chemin, json={"hebergement": "hotel"}, headers=entetes(HUIT))
    assert response.status_code == 200
    assert response.json()["derniereEtape"] == 3 and "hebergement" not in response.json()


async def test_an_abandoned_draft_lets_the_applicant_start_again(client: httpx.AsyncClient) -> None:
    premier = (await creer(client, SEPT, fiche_sept()))["id"]
    response = await client.post(f"/dossiers/{premier}/abandon", headers=entetes(SEPT))
    assert response.status_code == 200 and response.json()["statut"] == "abandonnee"
    etape = await client.put(
        f"/dossiers/{premier}/etapes/informations-personnelles", json=ETAPE_1, headers=entetes(SEPT)
    )
    assert etape.status_code == 409 and etape.json() == {"detail": "Cette demande a été abandonnée."}
    second = (await creer(client, SEPT, fiche_sept()))["id"]
    assert second != premier


async def test_observations_are_limited_in_length(client: httpx.AsyncClient) -> None:
    dossier_id = (await creer(client, SEPT, fiche_sept()))["id"]
    response = await client.put(
        f"/dossiers/{dossier_id}/etapes/depot", json={"observations": "x" * 4001}, headers=entetes(SEPT)
    )
    assert response.status_code == 422
    assert response.json()["erreurs"] == [
        {"champ": "observations", "message": "Ce champ ne doit pas dépasser 4000 caractères."}
    ]
