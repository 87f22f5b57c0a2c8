"""Generated PDFs posted by the pdf service's worker, kept with the dossier, read by its owner and agents."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from services.documents.storage.tables import outbox
from services.documents.wiring import DocumentsParts
from tests.services.documents import echantillons
from tests.services.documents.conftest import (
    AGENT_59,
    AUTRE_DEMANDEUR,
    DEMANDEUR,
    DOSSIER_SERVICE,
    PDF_SERVICE,
    entetes,
)
from tests.services.documents.outils import joindre, sceller

pytestmark = pytest.mark.integration

CONFIRMATION = echantillons.pdf(pages=2)


async def poster(
    client: httpx.AsyncClient,
    contenu: bytes = CONFIRMATION,
    cle: str = "job-1",
    acteur=PDF_SERVICE,
    **champs: str,
) -> httpx.Response:
    return await client.post(
        "/dossiers/dos-1/documents-generes",
        files={"fichier": ("confirmation-depot.pdf", contenu, "application/pdf")},
        data={"modele": "confirmation-depot", "idempotence": cle, **champs},
        headers=entetes(acteur),
    )


@pytest.fixture
async def depose(client: httpx.AsyncClient) -> None:
    await joindre(client, DEMANDEUR, "insertion", ("a.png", echantillons.png(), "image/png"))
    await sceller(client, DOSSIER_SERVICE)


async def test_un_document_genere_une_seule_fois_par_cle(client: httpx.AsyncClient, depose: None) -> None:
    premier = await poster(client)
    assert premier.status_code == 201, premier.text
    second = await poster(client)
    assert second.status_code == 200
    assert second.json() == premier.json()
    assert (await poster(client, cle="job-2")).json()["id"] != premier.json()["id"]
    liste = await client.get("/dossiers/dos-1/documents-generes", headers=entetes(DEMANDEUR))
    assert [d["modele"] for d in liste.json()] == ["confirmation-depot", "confirmation-depot"]


async def test_le_demandeur_et_l_agent_le_telechargent(client: httpx.AsyncClient, depose: None) -> None:
    document = (await poster(client)).json()
    url = f"/dossiers/dos-1/documents-generes/{document['id']}"
    for acteur in (DEMANDEUR, AGENT_59):
        reponse = await client.get(url, headers=entetes(acteur))
        assert reponse.content == CONFIRMATION
        assert reponse.headers["content-type"] == "application/pdf"
    assert (await client.get(url, headers=entetes(AUTRE_DEMANDEUR))).status_code == 404
    assert (
        await client.get("/dossiers/dos-1/documents-generes/inconnu", headers=entetes(DEMANDEUR))
    ).status_code == 404


async def test_seul_un_pdf_d_un_service_est_garde(client: httpx.AsyncClient, depose: None) -> None:
    assert (await poster(client, contenu=echantillons.png())).status_code == 415
    assert (await poster(client, acteur=DEMANDEUR)).status_code == 403
    sans_cle = await client.post(
        "/dossiers/dos-1/documents-generes",
        files={"fichier": ("a.pdf", CONFIRMATION, "application/pdf")},
        data={"modele": "inconnu"},
        headers=entetes(PDF_SERVICE),
    )
    assert sans_cle.status_code == 422


async def test_un_dossier_encore_inconnu_recoit_son_demandeur(client: httpx.AsyncClient) -> None:
    sans_demandeur = await poster(client)
    assert sans_demandeur.status_code == 422
    assert "demandeurId" in sans_demandeur.json()["detail"]
    assert (await poster(client, demandeurId="demandeur-1", prefecture="prefecture-59")).status_code == 201
    assert (
        await client.get("/dossiers/dos-1/documents-generes", headers=entetes(DEMANDEUR))
    ).status_code == 200


async def test_les_evenements_partent_par_l_outbox(
    client: httpx.AsyncClient, deps: DocumentsParts, depose: None
) -> None:
    await poster(client)
    with deps.engine.connect() as connexion:
        lignes = connexion.execute(select(outbox.c.subject, outbox.c.payload).order_by(outbox.c.id)).all()
    assert [ligne.subject for ligne in lignes] == [
        "documents.document.depose",
        "documents.document.scelle",
        "documents.document.genere",
    ]
    assert set(lignes[0].payload) == {"dossierId", "piece", "fichierIds", "version"}  # identifiers only
