"""The PiecesJustificatives port on the documents client, against the documents service run in-process."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from contracts.clients.base import ServiceUnavailable
from contracts.clients.documents import DocumentsClient
from contracts.documents import PieceCode
from contracts.dossier import Cas
from plumbing.actors import Actor
from plumbing.database import upgrade_database
from plumbing.settings import PlatformSettings
from services.documents.__main__ import MIGRATIONS, VERSION_TABLE
from services.documents.settings import DocumentsSettings
from services.documents.wiring import build_app, build_parts
from services.dossier.adapters.documents import DOSSIER, DocumentsPiecesJustificatives
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

pytestmark = pytest.mark.integration
TOKEN = "jeton-interne-de-test"
SEPT = Actor("demandeur", "demandeur-sept")


@pytest.fixture
async def documents(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    url = f"sqlite:///{tmp_path / 'documents.db'}"
    upgrade_database(url, MIGRATIONS, VERSION_TABLE)
    settings = DocumentsSettings(database_url=url, repertoire=tmp_path / "fichiers")
    deps = build_parts(settings)
    app = trust_test_tokens(build_app(settings, PlatformSettings(), deps))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://documents"
    ) as client:
        yield client
    deps.engine.dispose()


def pieces_justificatives(http: httpx.AsyncClient) -> DocumentsPiecesJustificatives:
    return DocumentsPiecesJustificatives(DocumentsClient(http, TEST_TOKENS, DOSSIER))


def png() -> bytes:
    tampon = io.BytesIO()
    Image.new("RGB", (24, 16), "white").save(tampon, "PNG")
    return tampon.getvalue()


async def test_missing_pieces_come_from_the_documents_service(documents: httpx.AsyncClient) -> None:
    port = pieces_justificatives(documents)
    avant = await port.manquantes("d-1", cas=Cas.MINEUR_EMANCIPE)
    codes = {p.code for p in avant}
    assert {PieceCode.JUSTIFICATIF_EMANCIPATION, PieceCode.DECISION_PLACEMENT_ASE} <= codes
    response = await documents.post(
        "/dossiers/d-1/pieces/justificatif-emancipation/fichiers",
        files={"fichiers": ("emancipation.png", png(), "image/png")},
        data={"demandeurId": SEPT.id, "prefecture": "59"},
        headers=TEST_TOKENS.headers(SEPT),
    )
    assert response.status_code == 201, response.text
    apres = await port.manquantes("d-1", cas=Cas.MINEUR_EMANCIPE)
    assert {p.code for p in apres} == codes - {PieceCode.JUSTIFICATIF_EMANCIPATION}


async def test_a_complement_round_opens_in_documents_and_replaced_pieces_are_seen(
    documents: httpx.AsyncClient,
) -> None:
    port = pieces_justificatives(documents)
    await documents.post(
        "/dossiers/d-1/pieces/justificatif-nationalite/fichiers",
        files={"fichiers": ("passeport.png", png(), "image/png")},
        data={"demandeurId": SEPT.id, "prefecture": "59"},
        headers=TEST_TOKENS.headers(SEPT),
    )
    scelle = await documents.post(
        "/dossiers/d-1/scellement", headers=TEST_TOKENS.headers(Actor("service", "dossier"))
    )
    assert scelle.status_code == 200, scelle.text
    await port.ouvrir_complements("d-1", ronde=1, pieces=["justificatif-nationalite"])
    await port.ouvrir_complements("d-1", ronde=1, pieces=["justificatif-nationalite"])  # idempotent
    assert await port.pieces_remplacees("d-1", ronde=1) == set()
    response = await documents.post(
        "/dossiers/d-1/pieces/justificatif-nationalite/versions",
        files={"fichiers": ("passeport-lisible.png", png(), "image/png")},
        data={"ronde": "1"},
        headers=TEST_TOKENS.headers(SEPT),
    )
    assert response.status_code == 201, response.text
    assert await port.pieces_remplacees("d-1", ronde=1) == {"justificatif-nationalite"}


async def test_a_new_e_photo_number_is_the_photos_new_version(documents: httpx.AsyncClient) -> None:
    port = pieces_justificatives(documents)
    await documents.put(
        "/dossiers/d-1/ephoto",
        json={"numeroEphoto": "1234567890123456789012"},
        params={"demandeurId": SEPT.id, "prefecture": "59"},
        headers=TEST_TOKENS.headers(SEPT),
    )
    await documents.post("/dossiers/d-1/scellement", headers=TEST_TOKENS.headers(Actor("service", "dossier")))
    await port.ouvrir_complements("d-1", ronde=1, pieces=["photographie-identite"])
    assert await port.pieces_remplacees("d-1", ronde=1) == set()
    nouveau = await documents.put(
        "/dossiers/d-1/ephoto",
        json={"numeroEphoto": "9876543210987654321098"},
        headers=TEST_TOKENS.headers(SEPT),
    )
    assert nouveau.status_code == 200, nouveau.text
    assert await port.pieces_remplacees("d-1", ronde=1) == {"photographie-identite"}


async def test_an_unreachable_documents_service_is_reported() -> None:
    async def refuse(_request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refusé")

    async with httpx.AsyncClient(
        transport=httpx.MockTransport(refuse), base_url="http://documents"
    ) as client:
        with pytest.raises(ServiceUnavailable):
            await pieces_justificatives(client).manquantes("d-1", cas=Cas.MAJEUR)
