"""The applicant's path through the API, step by step, as the gateway drives it."""

from __future__ import annotations

from typing import Any

import httpx

from contracts.identity import FicheDemandeur
from plumbing.actors import Actor
from tests.services.dossier.conftest import adresse_lille, entetes

ETAPE_1: dict[str, Any] = {
    "mineurEmancipe": False,
    "adresse": adresse_lille().model_dump(mode="json"),
    "telephone": "06 12 34 56 78",
}
ETAPE_2: dict[str, Any] = {
    "datePriseEnChargeAse": "2019-05-03",
    "situationFamiliale": "celibataire",
    "enfantsACharge": False,
    "attestations": ["besoin_titre", "non_polygamie", "sanctions_penales"],
}


async def creer(client: httpx.AsyncClient, acteur: Actor, fiche: FicheDemandeur) -> dict[str, Any]:
    response = await client.post("/dossiers", json={"pour": "moi-meme"}, headers=entetes(acteur))
    assert response.status_code in (200, 201), response.text
    return dict(response.json())


async def remplir(client: httpx.AsyncClient, acteur: Actor, fiche: FicheDemandeur) -> str:
    """A draft with steps 1 to 3 saved; returns its id."""
    dossier_id = (await creer(client, acteur, fiche))["id"]
    for chemin, corps in (
        ("informations-personnelles", ETAPE_1),
        ("motif-sejour", ETAPE_2),
        ("justificatifs", {}),
    ):
        response = await client.put(
            f"/dossiers/{dossier_id}/etapes/{chemin}", json=corps, headers=entetes(acteur)
        )
        assert response.status_code == 200, response.text
    return str(dossier_id)


async def deposer(client: httpx.AsyncClient, acteur: Actor, fiche: FicheDemandeur) -> str:
    dossier_id = await remplir(client, acteur, fiche)
    response = await client.post(
        f"/dossiers/{dossier_id}/depot", json={"observations": "RAS"}, headers=entetes(acteur)
    )
    assert response.status_code == 200, response.text
    return dossier_id
