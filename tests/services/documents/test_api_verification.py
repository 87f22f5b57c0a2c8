"""Catalogue, Annexe 1, e-photo number and the verification the dossier service makes before a deposit."""

from __future__ import annotations

import httpx
import pytest

from tests.services.documents import echantillons
from tests.services.documents.conftest import (
    AUTRE_DEMANDEUR,
    DEMANDEUR,
    DOSSIER_SERVICE,
    PDF_SERVICE,
    entetes,
)
from tests.services.documents.outils import joindre

pytestmark = pytest.mark.integration

EPHOTO = "1234567890123456789012"


async def verifier(
    client: httpx.AsyncClient, corps: dict[str, str], dossier: str = "dos-1"
) -> httpx.Response:
    return await client.post(
        f"/dossiers/{dossier}/pieces/verification", json=corps, headers=entetes(DOSSIER_SERVICE)
    )


async def test_le_catalogue_d_un_mineur(client: httpx.AsyncClient) -> None:
    reponse = await client.get("/catalogue?cas=mineur", headers=entetes(DEMANDEUR))
    assert reponse.status_code == 200
    pieces = {p["code"]: p for p in reponse.json()}
    assert pieces["accord-representant-legal"]["obligatoire"] is True
    domicile = pieces["justificatif-domicile"]
    assert [liste["titre"] for liste in domicile["autresListes"]] == [
        "Si hébergement à l'hôtel :",
        "Si hébergement chez un particulier :",
    ]
    assert pieces["photographie-identite"]["nature"] == "numero-ephoto"
    assert pieces["justificatifs-activite"]["fichiersMax"] == 3
    assert "insertion" not in pieces  # Annexe 1 only
    assert [p["code"] for p in reponse.json() if p["rubrique"] == "DOMICILIATION"] == [
        "justificatif-domicile"
    ]


async def test_un_cas_inconnu_est_refuse(client: httpx.AsyncClient) -> None:
    assert (await client.get("/catalogue?cas=adulte", headers=entetes(DEMANDEUR))).status_code == 422


async def test_l_annexe_1_pour_le_service_pdf(client: httpx.AsyncClient) -> None:
    reponse = await client.get("/catalogue/annexe", headers=entetes(PDF_SERVICE))
    annexe = reponse.json()
    assert annexe["sousTitre"] == "Liste des documents justificatifs à fournir"
    titres = [p["titre"] for section in annexe["sections"] for p in section["pieces"]]
    assert "Justificatif d'émancipation" not in titres and "Insertion dans la société française" in titres


async def test_le_numero_ephoto(client: httpx.AsyncClient) -> None:
    url, en_tetes = "/dossiers/dos-1/ephoto", entetes(DEMANDEUR)
    mauvais = await client.put(url, json={"numeroEphoto": "123"}, headers=en_tetes)
    assert mauvais.status_code == 422
    assert mauvais.json()["detail"] == "Le numéro ephoto doit comporter exactement 22 chiffres."
    bon = await client.put(url, json={"numeroEphoto": "1234 5678 9012 3456 7890 12"}, headers=en_tetes)
    assert bon.json() == {"numeroEphoto": EPHOTO}
    assert (await client.get(url, headers=en_tetes)).json() == {"numeroEphoto": EPHOTO}
    assert (await client.get(url, headers=entetes(AUTRE_DEMANDEUR))).status_code == 404
    await client.put(url, json={"numeroEphoto": None}, headers=en_tetes)
    assert (await client.get(url, headers=en_tetes)).json() == {"numeroEphoto": None}


async def test_un_dossier_sans_rien_manque_de_toutes_les_pieces_obligatoires(
    client: httpx.AsyncClient,
) -> None:
    reponse = await verifier(client, {"cas": "mineur"}, dossier="inconnu")
    assert reponse.json()["complet"] is False
    assert [m["libelle"] for m in reponse.json()["manquantes"]] == [
        "Photographie d'identité récente",
        "Accord du parent/représentant légal ou du mandataire",
        "Justificatif de domicile datant de moins de 6 mois",
        "Décision de placement par l'autorité judiciaire au service de l'Aide Sociale à l'Enfance (ASE)",
        "Justificatifs d'activité professionnelle",
        "Nature des liens avec la famille restée dans le pays d'origine",
    ]


async def test_un_dossier_complet_de_mineur_emancipe(client: httpx.AsyncClient) -> None:
    await client.put("/dossiers/dos-1/ephoto", json={"numeroEphoto": EPHOTO}, headers=entetes(DEMANDEUR))
    requises = [
        "justificatif-nationalite",
        "justificatif-identite",
        "justificatif-emancipation",
        "justificatif-domicile",
        "decision-placement-ase",
        "justificatifs-activite",
    ]
    for numero, piece in enumerate(requises):
        fichier = (f"{piece}.png", echantillons.image("PNG", taille=(10 + numero, 10)), "image/png")
        assert (await joindre(client, DEMANDEUR, piece, fichier)).status_code == 201
    situation = {"cas": "mineur_emancipe"}
    manque = (await verifier(client, situation)).json()
    assert manque["manquantes"] == [
        {
            "code": "liens-familiaux",
            "libelle": "Nature des liens avec la famille restée dans le pays d'origine",
        }
    ]
    await joindre(client, DEMANDEUR, "liens-familiaux", ("actes.pdf", echantillons.pdf(), "application/pdf"))
    assert (await verifier(client, situation)).json() == {"complet": True, "manquantes": []}


async def test_un_ancien_code_du_justificatif_de_domicile_range_le_fichier_sous_la_piece_du_guide(
    client: httpx.AsyncClient,
) -> None:
    fichier = ("hotel.png", echantillons.png(), "image/png")
    depot = await joindre(client, DEMANDEUR, "justificatif-domicile-hotel", fichier)
    assert depot.status_code == 201 and depot.json()[0]["piece"] == "justificatif-domicile"
    pieces = (await client.get("/dossiers/dos-1/pieces", headers=entetes(DEMANDEUR))).json()["pieces"]
    assert [p["code"] for p in pieces] == ["justificatif-domicile"]


async def test_la_verification_d_un_dossier_d_autrui_est_introuvable(client: httpx.AsyncClient) -> None:
    await joindre(client, DEMANDEUR, "insertion", ("a.png", echantillons.png(), "image/png"))
    reponse = await client.post(
        "/dossiers/dos-1/pieces/verification", json={"cas": "majeur"}, headers=entetes(AUTRE_DEMANDEUR)
    )
    assert reponse.status_code == 404
