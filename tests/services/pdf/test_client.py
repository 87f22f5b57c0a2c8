"""PdfClient against the real pdf app (and the real documents app behind it, for the catalogue)."""

from collections.abc import AsyncIterator

import httpx
import pytest

from contracts.clients.base import NotFound, RequestRefused
from contracts.clients.pdf import PdfClient
from plumbing.actors import Actor
from plumbing.settings import PlatformSettings
from services.pdf.usecases.generation import GenerationDocuments
from services.pdf.wiring import build_app
from tests.services.pdf.donnees import NUMERO_DEMANDE, variables_processus
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

pytestmark = pytest.mark.integration
AGENT = Actor("agent", "agt-1", frozenset({"59"}), frozenset({"instructeur"}))


@pytest.fixture
async def http(generation: GenerationDocuments) -> AsyncIterator[httpx.AsyncClient]:
    app = trust_test_tokens(build_app(PlatformSettings(), generation))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://pdf") as client:
        yield client


async def test_an_agent_lists_and_previews_documents(http: httpx.AsyncClient) -> None:
    client = PdfClient(http, TEST_TOKENS, AGENT)
    assert "liste-pieces" in {m.modele for m in await client.modeles()}
    apercu = await client.rendre("confirmation-depot", variables_processus())
    assert apercu.type_media == "application/pdf"
    assert apercu.nom == f"confirmation-depot-{NUMERO_DEMANDE}.pdf"
    assert apercu.contenu.startswith(b"%PDF")


async def test_an_applicant_downloads_the_list_of_pieces_but_no_official_document(
    http: httpx.AsyncClient,
) -> None:
    client = PdfClient(http, TEST_TOKENS, Actor("demandeur", "cpt-7"))
    liste = await client.liste_des_pieces()
    assert liste.contenu.startswith(b"%PDF")
    assert liste.nom == "liste-pieces.pdf"
    with pytest.raises(RequestRefused) as refus:
        await client.rendre("attestation-decision-favorable", variables_processus())
    assert refus.value.status == 403


async def test_an_unknown_template_and_missing_data_are_refused_in_french(http: httpx.AsyncClient) -> None:
    client = PdfClient(http, TEST_TOKENS, AGENT)
    with pytest.raises(NotFound, match="Modèle de document inconnu"):
        await client.rendre("titre-disponible", {})
    with pytest.raises(RequestRefused) as refus:
        await client.rendre("confirmation-depot", {"numeroDemande": NUMERO_DEMANDE})
    assert {"champ": "dateDepot", "message": "manquant"} in refus.value.erreurs
