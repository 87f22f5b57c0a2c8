"""The internal API from "Je commence" to "Déposer la demande": drafts, steps, French messages."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from contracts.dossier import (
    ADRESSE_DU_REGISTRE,
    HORS_PROCEDURE_AGE,
    HORS_PROCEDURE_POUR,
    HORS_PROCEDURE_TITRE,
    MESSAGE_NON_ELIGIBLE,
)
from contracts.identity import Adresse
from services.dossier.api.errors import SERVICE_INDISPONIBLE
from tests.services.dossier.conftest import AGENT_59, HUIT, SEPT, entetes, fiche_huit, fiche_sept
from tests.services.dossier.factices import PASSEPORT_MANQUANT, FichesFactices, PiecesFactices
from tests.services.dossier.parcours import ETAPE_1, ETAPE_2, creer

pytestmark = pytest.mark.integration


async def test_a_draft_is_created_once_then_resumed(client: httpx.AsyncClient) -> None:
    pour = {"pour": "moi-meme"}
    premier = await client.post("/dossiers", json=pour, headers=entetes(SEPT))
    second = await client.post("/dossiers", json=pour, headers=entetes(SEPT))
    assert (premier.status_code, second.status_code) == (201, 200)
    assert premier.json()["id"] == second.json()["id"]
    corps = premier.json()
    assert corps["statut"] == "brouillon" and corps["libelleStatut"] == "Demande en cours de saisie"
    assert corps["etatCivil"]["nomNaissance"] == "ETRANGER" and corps["derniereEtape"] == 0
    liste = await client.get("/dossiers", headers=entetes(SEPT))
    assert [d["id"] for d in liste.json()] == [corps["id"]]


async def test_the_internal_token_and_an_applicant_are_required(client: httpx.AsyncClient) -> None:
    pour = {"pour": "moi-meme"}
    assert (await client.post("/dossiers", json=pour)).status_code == 401
    assert (await client.post("/dossiers", json=pour, headers=entetes(AGENT_59))).status_code == 403


async def test_the_draft_copies_the_registers_fiche_not_what_the_client_sends(
    client: httpx.AsyncClient, fiches: FichesFactices
) -> None:
    """A fiche in the request (the old contract) is ignored: identity's is read."""
    fausse = fiche_sept().model_copy(update={"id": "demandeur-huit"}).model_dump(mode="json")
    response = await client.post(
        "/dossiers", json={"pour": "moi-meme", "fiche": fausse}, headers=entetes(HUIT)
    )
    assert response.status_code == 201, response.text
    assert response.json()["etatCivil"]["prenoms"] == "HUIT" and fiches.lectures == 1


@pytest.mark.parametrize(
    ("pour", "titre", "naissance", "message"),
    [
        ("mineur-protection-internationale", None, None, HORS_PROCEDURE_POUR),
        ("moi-meme", {"type": "En tant qu'étudiant", "mention": "Étudiant"}, None, HORS_PROCEDURE_TITRE),
        ("moi-meme", {"mention": "Salarié"}, None, HORS_PROCEDURE_TITRE),
        ("moi-meme", None, date(2008, 1, 1), HORS_PROCEDURE_AGE),
    ],
)
async def test_who_may_start_is_checked_by_the_dossier(
    client: httpx.AsyncClient,
    fiches: FichesFactices,
    pour: str,
    titre: dict[str, str] | None,
    naissance: date | None,
    message: str,
) -> None:
    """« Moi-même (à partir de 16 ans) » and a title « MNA placé avant 16 ans » « VIE PRIVÉE ET
    FAMILIALE » only: anyone else is told in French that this procedure is not theirs."""
    fiche = fiches.fiches["demandeur-sept"]
    if titre:
        fiche = fiche.model_copy(update={"titre_en_cours": fiche.titre_en_cours.model_copy(update=titre)})
    if naissance:
        civil = fiche.etat_civil.model_copy(update={"date_naissance": naissance})
        fiche = fiche.model_copy(update={"etat_civil": civil})
    fiches.fiches["demandeur-sept"] = fiche
    response = await client.post("/dossiers", json={"pour": pour}, headers=entetes(SEPT))
    assert response.status_code == 403
    assert response.json() == {"detail": message}
    assert (await client.get("/dossiers", headers=entetes(SEPT))).json() == []


async def test_the_title_is_compared_without_case_or_accents(
    client: httpx.AsyncClient, fiches: FichesFactices
) -> None:
    fiche = fiches.fiches["demandeur-sept"]
    titre = fiche.titre_en_cours.model_copy(
        update={"type": "MNA place avant 16 ans", "mention": "vie privée et familiale"}
    )
    fiches.fiches["demandeur-sept"] = fiche.model_copy(update={"titre_en_cours": titre})
    response = await client.post("/dossiers", json={"pour": "moi-meme"}, headers=entetes(SEPT))
    assert response.status_code == 201


async def test_a_creation_without_pour_is_refused_in_french(client: httpx.AsyncClient) -> None:
    response = await client.post("/dossiers", json={}, headers=entetes(SEPT))
    assert response.status_code == 422


async def test_identity_down_answers_503_in_french(client: httpx.AsyncClient, fiches: FichesFactices) -> None:
    fiches.fiches.clear()
    response = await client.post("/dossiers", json={"pour": "moi-meme"}, headers=entetes(SEPT))
    assert response.status_code == 503
    assert response.json() == {"detail": SERVICE_INDISPONIBLE}


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


async def test_step_1_keeps_the_registers_address_and_refuses_another(
    client: httpx.AsyncClient, fiches: FichesFactices
) -> None:
    dossier_id = (await creer(client, SEPT, fiche_sept()))["id"]
    chemin = f"/dossiers/{dossier_id}/etapes/informations-personnelles"
    tapee = {**ETAPE_1, "adresse": {**ETAPE_1["adresse"], "voie": "RUE DE PARIS"}}
    response = await client.put(chemin, json=tapee, headers=entetes(SEPT))
    assert response.status_code == 422
    assert response.json()["erreurs"] == [{"champ": "adresse", "message": ADRESSE_DU_REGISTRE}]
    meme = {**ETAPE_1, "adresse": {**ETAPE_1["adresse"], "voie": " rue  nationale "}}
    assert (await client.put(chemin, json=meme, headers=entetes(SEPT))).status_code == 200
    arras = Adresse(voie="RUE GAMBETTA", code_postal="62000", ville="ARRAS")
    fiches.demenager("demandeur-sept", arras)  # declared to identity meanwhile
    sans_adresse = {k: v for k, v in ETAPE_1.items() if k != "adresse"}
    response = await client.put(chemin, json=sans_adresse, headers=entetes(SEPT))
    assert response.status_code == 200
    assert response.json()["adresse"]["ville"] == "ARRAS"


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
