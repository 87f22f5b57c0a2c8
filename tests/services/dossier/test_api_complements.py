"""Complement rounds answered by the applicant, and the withdrawal: each sends one engine message."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from contracts.process import JobType
from services.dossier.wiring import DossierParts
from tests.services.dossier.conftest import AGENT_59, HUIT, SEPT, entetes, fiche_sept
from tests.services.dossier.factices import MoteurFactice, PiecesFactices, job, traiter
from tests.services.dossier.parcours import deposer

pytestmark = pytest.mark.integration
PIECES = [
    {
        "piece": "justificatif-nationalite",
        "observation": "Veuillez fournir une copie lisible de votre passeport.",
    },
    {"piece": "justificatif-domicile", "observation": "Justificatif de plus de 6 mois."},
]


async def ouvrir(client: httpx.AsyncClient, composants: DossierParts) -> str:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    tache = job(JobType.DOSSIER_OUVRIR_COMPLEMENTS, {"dossierId": dossier_id, "piecesDemandees": PIECES})
    await traiter(composants, tache)
    return dossier_id


async def test_the_applicant_reads_the_round_with_the_agents_observations(
    client: httpx.AsyncClient, composants: DossierParts
) -> None:
    dossier_id = await ouvrir(client, composants)
    ronde = (await client.get(f"/dossiers/{dossier_id}/complements/1", headers=entetes(SEPT))).json()
    assert ronde["numero"] == 1 and ronde["envoyeeLe"] is None
    assert [(p["piece"], p["observation"], p["reponse"]) for p in ronde["pieces"]] == [
        ("justificatif-nationalite", "Veuillez fournir une copie lisible de votre passeport.", None),
        ("justificatif-domicile", "Justificatif de plus de 6 mois.", None),
    ]
    # the agent's form gives only the codes: the applicant reads the catalogue's labels
    assert [p["libelle"] for p in ronde["pieces"]] == [
        "Justificatif de nationalité",
        "Justificatif de domicile datant de moins de 6 mois",
    ]
    assert (
        len((await client.get(f"/dossiers/{dossier_id}/complements", headers=entetes(AGENT_59))).json()) == 1
    )
    assert (
        await client.get(f"/dossiers/{dossier_id}/complements/1", headers=entetes(HUIT))
    ).status_code == 404
    assert (
        await client.get(f"/dossiers/{dossier_id}/complements/2", headers=entetes(SEPT))
    ).status_code == 404


async def test_a_round_number_out_of_range_is_bad_input_not_a_server_error(
    client: httpx.AsyncClient, composants: DossierParts
) -> None:
    dossier_id = await ouvrir(client, composants)
    for methode, suite, corps in (
        ("GET", "", None),
        ("PUT", "/pieces/justificatif-nationalite", {"reponse": "maintenir", "motif": "Lisible."}),
        ("POST", "/envoi", None),
    ):
        for numero in ("0", str(2**70)):
            chemin = f"/dossiers/{dossier_id}/complements/{numero}{suite}"
            response = await client.request(methode, chemin, json=corps, headers=entetes(SEPT))
            assert response.status_code == 422, (methode, numero)
            assert response.json()["erreurs"][0]["champ"] == "numero"


async def test_maintaining_a_document_needs_a_reason(
    client: httpx.AsyncClient, composants: DossierParts
) -> None:
    dossier_id = await ouvrir(client, composants)
    chemin = f"/dossiers/{dossier_id}/complements/1/pieces/justificatif-nationalite"
    response = await client.put(chemin, json={"reponse": "maintenir"}, headers=entetes(SEPT))
    assert response.status_code == 422
    assert response.json()["erreurs"] == [
        {"champ": "motif", "message": "Veuillez préciser les raisons du maintien du document."}
    ]
    response = await client.put(
        chemin, json={"reponse": "maintenir", "motif": "La copie comporte 2 pages"}, headers=entetes(SEPT)
    )
    assert response.status_code == 200
    assert response.json()["pieces"][0]["motif"] == "La copie comporte 2 pages"
    inconnue = f"/dossiers/{dossier_id}/complements/1/pieces/insertion"
    assert (
        await client.put(inconnue, json={"reponse": "maintenir", "motif": "x"}, headers=entetes(SEPT))
    ).status_code == 404
    agent = await client.put(chemin, json={"reponse": "maintenir", "motif": "x"}, headers=entetes(AGENT_59))
    assert agent.status_code == 403


async def test_submitting_needs_every_answer_and_the_new_files(
    client: httpx.AsyncClient, composants: DossierParts, pieces: PiecesFactices, moteur: MoteurFactice
) -> None:
    dossier_id = await ouvrir(client, composants)
    base = f"/dossiers/{dossier_id}/complements/1"
    envoi = await client.post(f"{base}/envoi", headers=entetes(SEPT))
    assert envoi.status_code == 422
    assert envoi.json()["detail"] == "Votre réponse à la demande de complément est incomplète."
    assert {e["message"] for e in envoi.json()["erreurs"]} == {"Votre réponse est obligatoire."}
    await client.put(
        f"{base}/pieces/justificatif-nationalite",
        json={"reponse": "maintenir", "motif": "Lisible"},
        headers=entetes(SEPT),
    )
    await client.put(
        f"{base}/pieces/justificatif-domicile",
        json={"reponse": "mettre_a_jour", "message": "Voici la facture du mois"},
        headers=entetes(SEPT),
    )
    sans_fichier = await client.post(f"{base}/envoi", headers=entetes(SEPT))
    assert sans_fichier.json()["erreurs"] == [
        {
            "champ": "pieces.justificatif-domicile.fichiers",
            "message": "Joignez le nouveau document avant d'envoyer votre réponse.",
        }
    ]
    assert moteur.messages == []
    pieces.remplacees[(dossier_id, 1)] = {"justificatif-domicile"}
    reponses = await asyncio.gather(*[client.post(f"{base}/envoi", headers=entetes(SEPT)) for _ in range(3)])
    assert {r.status_code for r in reponses} == {200}
    assert reponses[0].json()["envoyeeLe"] is not None
    assert [(m.nom, m.cle_correlation, m.variables) for m in moteur.messages] == [
        ("complements-deposes", dossier_id, {"rondeComplements": 1})
    ]
    assert moteur.messages[0].message_id == f"complements-deposes-{dossier_id}-1"
    dossier = (await client.get(f"/dossiers/{dossier_id}", headers=entetes(SEPT))).json()
    assert dossier["statut"] == "complements_deposes"
    assert dossier["libelleStatut"] == "Demande de complément répondu"
    apres = await client.put(
        f"{base}/pieces/justificatif-nationalite",
        json={"reponse": "maintenir", "motif": "Autre"},
        headers=entetes(SEPT),
    )
    assert apres.status_code == 409


async def test_withdrawal_sends_one_desistement_message(
    client: httpx.AsyncClient, moteur: MoteurFactice, composants: DossierParts
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    reponses = await asyncio.gather(
        *[client.post(f"/dossiers/{dossier_id}/desistement", headers=entetes(SEPT)) for _ in range(2)]
    )
    assert {r.status_code for r in reponses} == {200}
    assert reponses[0].json()["statut"] == "desistement"
    assert reponses[0].json()["libelleStatut"] == "Demande clôturée : désistement"
    assert [(m.nom, m.cle_correlation, m.message_id) for m in moteur.messages] == [
        ("desistement", dossier_id, f"desistement-{dossier_id}")
    ]
    await traiter(
        composants, job(JobType.DOSSIER_CLOTURER, {"dossierId": dossier_id}, {"motif": "desistement"})
    )
    historique = (await client.get(f"/dossiers/{dossier_id}/historique", headers=entetes(SEPT))).json()
    assert [c["statut"] for c in historique["changements"]] == ["brouillon", "deposee", "desistement"]
    assert (
        await client.post("/dossiers", json={"pour": "moi-meme"}, headers=entetes(SEPT))
    ).status_code == 201


async def test_no_withdrawal_after_the_decision_nor_for_a_draft(
    client: httpx.AsyncClient, composants: DossierParts, moteur: MoteurFactice
) -> None:
    dossier_id = await deposer(client, SEPT, fiche_sept())
    await traiter(
        composants,
        job(
            JobType.DOSSIER_ENREGISTRER_DECISION,
            {"dossierId": dossier_id, "decision": "defavorable", "dateDecision": "2023-08-18"},
        ),
    )
    response = await client.post(f"/dossiers/{dossier_id}/desistement", headers=entetes(SEPT))
    assert response.status_code == 409 and "décision" in response.json()["detail"]
    assert moteur.messages == []
