"""The httpx adapter of `DepotDocuments` against the documents contract (in-process stand-in)."""

import httpx
import pytest
from fastapi import FastAPI

from contracts.documents import Cas
from contracts.process import Modele
from plumbing.correlation import bind_correlation_id
from services.pdf.depot_http import DepotRefuse, HttpxDepotDocuments
from services.pdf.ports import DepotIndisponible
from tests.services.pdf.conftest import JETON
from tests.services.pdf.documents_factice import DOSSIER_INCONNU

pytestmark = pytest.mark.integration
PDF = b"%PDF-1.7 test"


async def deposer(depot: HttpxDepotDocuments, cle: str = "pdf.generer-1", dossier: str = "dos-1"):  # type: ignore[no-untyped-def]
    return await depot.deposer(
        dossier_id=dossier,
        modele=Modele.CONFIRMATION_DEPOT,
        nom_fichier="confirmation-depot-1.pdf",
        contenu=PDF,
        cle_idempotence=cle,
    )


async def test_a_generated_pdf_is_stored_with_its_dossier(
    depot: HttpxDepotDocuments, app_documents: FastAPI
) -> None:
    document = await deposer(depot)
    assert (document.dossier_id, document.modele, document.nom_fichier) == (
        "dos-1",
        Modele.CONFIRMATION_DEPOT,
        "confirmation-depot-1.pdf",
    )
    assert document.type_media == "application/pdf"
    assert app_documents.state.contenus[document.id] == PDF


async def test_the_same_key_stores_one_document(depot: HttpxDepotDocuments, app_documents: FastAPI) -> None:
    premier, second = await deposer(depot), await deposer(depot)
    assert premier.id == second.id
    assert len(app_documents.state.documents) == 1
    assert (await deposer(depot, cle="pdf.generer-2")).id != premier.id


async def test_the_annexe_of_a_case_comes_from_the_catalogue(depot: HttpxDepotDocuments) -> None:
    annexe = await depot.annexe(Cas.MINEUR)
    assert annexe.cas == Cas.MINEUR
    assert annexe.sections[0].titre == "INFORMATIONS PERSONNELLES"


async def test_a_refusal_is_final_and_explained(depot: HttpxDepotDocuments) -> None:
    with pytest.raises(DepotRefuse, match=r"Dossier introuvable\. \(HTTP 404\)"):
        await deposer(depot, dossier=DOSSIER_INCONNU)


async def test_a_wrong_token_is_refused(app_documents: FastAPI) -> None:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app_documents), base_url="http://d"
    ) as client:
        with pytest.raises(DepotRefuse, match="HTTP 401"):
            await deposer(HttpxDepotDocuments(client, "mauvais-jeton"))


async def test_server_errors_and_unreachable_service_may_be_retried() -> None:
    en_panne = httpx.MockTransport(lambda _requete: httpx.Response(503, json={"detail": "indisponible"}))
    async with httpx.AsyncClient(transport=en_panne, base_url="http://d") as client:
        with pytest.raises(DepotIndisponible, match="HTTP 503"):
            await deposer(HttpxDepotDocuments(client, JETON))

    def injoignable(requete: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=requete)

    async with httpx.AsyncClient(transport=httpx.MockTransport(injoignable), base_url="http://d") as client:
        with pytest.raises(DepotIndisponible, match="ConnectError"):
            await HttpxDepotDocuments(client, JETON).annexe(Cas.MAJEUR)


async def test_calls_carry_the_service_actor_and_the_correlation_id() -> None:
    vues: list[httpx.Request] = []

    def noter(requete: httpx.Request) -> httpx.Response:
        vues.append(requete)
        return httpx.Response(404, json={"detail": "Dossier introuvable."})

    bind_correlation_id("corr-42")
    async with httpx.AsyncClient(transport=httpx.MockTransport(noter), base_url="http://d") as client:
        with pytest.raises(DepotRefuse):
            await deposer(HttpxDepotDocuments(client, JETON), dossier="dos/../1")
    (requete,) = vues
    assert requete.url.raw_path == b"/dossiers/dos%2F..%2F1/documents-generes"
    assert requete.headers["X-Acteur"] == "service:pdf"
    assert requete.headers["Authorization"] == f"Bearer {JETON}"
    assert requete.headers["X-Correlation-ID"] == "corr-42"
