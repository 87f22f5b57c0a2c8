"""The adapter of `DepotDocuments` (the documents client) against the documents service itself (in-process)."""

import io

import httpx
import pytest
from pypdf import PdfWriter

from contracts.clients.documents import DocumentsClient
from contracts.process import Modele
from plumbing.actors import Actor, actor_from_token
from plumbing.correlation import bind_correlation_id
from services.pdf.adapters.depot_documents import DocumentsServiceDepot
from services.pdf.domain.ports import DepotIndisponible, DepotRefuse, DocumentADeposer, Proprietaire
from services.pdf.wiring import ACTEUR
from tests.services.pdf.conftest import contenu_genere, depot_documents, documents_generes
from tests.support.actor_tokens import ActorTokens

pytestmark = pytest.mark.integration


def pdf_d_une_page() -> bytes:
    sortie = io.BytesIO()
    ecrivain = PdfWriter()
    ecrivain.add_blank_page(width=595, height=842)
    ecrivain.write(sortie)
    return sortie.getvalue()


PDF = pdf_d_une_page()
PROPRIETAIRE = Proprietaire(demandeur_id="cpt-7", prefecture="prefecture-59")


async def deposer(depot: DocumentsServiceDepot, cle: str = "pdf.generer-1", contenu: bytes = PDF):  # type: ignore[no-untyped-def]
    return await depot.deposer(
        DocumentADeposer(
            dossier_id="dos-1",
            modele=Modele.CONFIRMATION_DEPOT,
            nom_fichier="confirmation-depot-1.pdf",
            contenu=contenu,
            cle_idempotence=cle,
            proprietaire=PROPRIETAIRE,
        )
    )


async def test_a_generated_pdf_is_stored_with_its_dossier(
    depot: DocumentsServiceDepot, client_documents: httpx.AsyncClient
) -> None:
    document = await deposer(depot)
    assert (document.dossier_id, document.modele, document.nom_fichier) == (
        "dos-1",
        Modele.CONFIRMATION_DEPOT,
        "confirmation-depot-1.pdf",
    )
    assert document.type_media == "application/pdf"
    assert await contenu_genere(client_documents, "dos-1", document.id) == PDF


async def test_the_same_key_stores_one_document(
    depot: DocumentsServiceDepot, client_documents: httpx.AsyncClient
) -> None:
    premier, second = await deposer(depot), await deposer(depot)
    assert premier.id == second.id
    assert len(await documents_generes(client_documents, "dos-1")) == 1
    assert (await deposer(depot, cle="pdf.generer-2")).id != premier.id


async def test_the_annexe_comes_from_the_catalogue(depot: DocumentsServiceDepot) -> None:
    annexe = await depot.annexe()
    titres = [piece.titre for section in annexe.sections for piece in section.pieces]
    assert "Insertion dans la société française" in titres and "Justificatif d'émancipation" not in titres


async def test_a_refusal_is_final_and_explained(depot: DocumentsServiceDepot) -> None:
    with pytest.raises(DepotRefuse, match=r"Service documents : .+ \(HTTP 4\d\d\)\."):
        await deposer(depot, contenu=b"pas un PDF")


async def test_a_wrong_token_is_refused(client_documents: httpx.AsyncClient) -> None:
    with pytest.raises(DepotRefuse, match="HTTP 401"):
        # signed by a key the documents service does not trust
        await deposer(DocumentsServiceDepot(DocumentsClient(client_documents, ActorTokens(), ACTEUR)))


async def test_server_errors_and_unreachable_service_may_be_retried() -> None:
    en_panne = httpx.MockTransport(lambda _requete: httpx.Response(503, json={"detail": "indisponible"}))
    async with httpx.AsyncClient(transport=en_panne, base_url="http://d") as client:
        with pytest.raises(DepotIndisponible, match="HTTP 503"):
            await deposer(depot_documents(client))

    def injoignable(requete: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=requete)

    async with httpx.AsyncClient(transport=httpx.MockTransport(injoignable), base_url="http://d") as client:
        with pytest.raises(DepotIndisponible, match="ConnectError"):
            await depot_documents(client).annexe()


async def test_calls_carry_the_service_actor_the_owner_and_the_correlation_id() -> None:
    vues: list[httpx.Request] = []

    def noter(requete: httpx.Request) -> httpx.Response:
        vues.append(requete)
        return httpx.Response(404, json={"detail": "Dossier introuvable."})

    bind_correlation_id("corr-42")
    async with httpx.AsyncClient(transport=httpx.MockTransport(noter), base_url="http://d") as client:
        with pytest.raises(DepotRefuse, match=r"Dossier introuvable\. \(HTTP 404\)"):
            await depot_documents(client).deposer(
                DocumentADeposer(
                    dossier_id="dos/../1",
                    modele="confirmation-depot",
                    nom_fichier="c.pdf",
                    contenu=PDF,
                    cle_idempotence="k",
                    proprietaire=PROPRIETAIRE,
                )
            )
    (requete,) = vues
    assert requete.url.raw_path == b"/dossiers/dos%2F..%2F1/documents-generes"
    jeton = requete.headers["Authorization"].removeprefix("Bearer ")
    assert actor_from_token(jeton) == Actor("service", "pdf")
    assert requete.headers["X-Correlation-ID"] == "corr-42"
    corps = requete.read()
    assert b'name="demandeurId"\r\n\r\ncpt-7' in corps and b'name="prefecture"\r\n\r\nprefecture-59' in corps
