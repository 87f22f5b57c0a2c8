"""The proofs of address on the documents client, against the documents service run in-process."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from contracts.clients.documents import DocumentsClient
from contracts.identity import JustificatifDomicile
from plumbing.actors import Actor
from plumbing.database import upgrade_database
from plumbing.settings import PlatformSettings
from services.documents.__main__ import MIGRATIONS, VERSION_TABLE
from services.documents.settings import DocumentsSettings
from services.documents.wiring import build_app, build_parts
from services.identity.adapters.documents import IDENTITY, DocumentsJustificatifsDomicile
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

pytestmark = pytest.mark.integration
TOKEN = "jeton-interne-de-test"
SEPT, ONZE = Actor("demandeur", "compte-sept"), Actor("demandeur", "compte-onze")
AGENT_62 = Actor("agent", "agent-62", frozenset({"62"}), frozenset({"instructeur"}))


@pytest.fixture
async def documents(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    url = f"sqlite:///{tmp_path / 'documents.db'}"
    upgrade_database(url, MIGRATIONS, VERSION_TABLE)
    settings = DocumentsSettings(database_url=url, repertoire=tmp_path / "fichiers")
    deps = build_parts(settings)
    app = trust_test_tokens(build_app(settings, PlatformSettings(), deps))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://documents") as client:
        yield client
    deps.engine.dispose()


def png() -> bytes:
    tampon = io.BytesIO()
    Image.new("RGB", (24, 16), "white").save(tampon, "PNG")
    return tampon.getvalue()


async def test_the_applicants_own_proof_is_found_then_sealed_for_the_new_prefecture(
    documents: httpx.AsyncClient,
) -> None:
    port = DocumentsJustificatifsDomicile(DocumentsClient(documents, TEST_TOKENS, IDENTITY))
    envoi = await documents.post(
        "/dossiers/adresse-1/pieces/justificatif-domicile/fichiers",
        files={"fichiers": ("facture.png", png(), "image/png")},
        data={"prefecture": "59"},
        headers=TEST_TOKENS.headers(SEPT),
    )
    assert envoi.status_code == 201, envoi.text
    preuve = JustificatifDomicile(dossier_id="adresse-1", fichier_id=envoi.json()[0]["id"])
    assert await port.verifier(SEPT, preuve)
    assert not await port.verifier(ONZE, preuve)  # someone else's file
    assert not await port.verifier(SEPT, preuve.model_copy(update={"fichier_id": "autre"}))
    assert not await port.verifier(SEPT, preuve.model_copy(update={"dossier_id": "adresse-inconnue"}))
    await port.sceller(preuve, "62")
    await port.sceller(preuve, "62")  # a retried declaration seals once
    lu = await documents.get("/dossiers/adresse-1/pieces", headers=TEST_TOKENS.headers(AGENT_62))
    assert lu.status_code == 200 and lu.json()["scelle"] is True  # the Pas-de-Calais's agents read it
    retrait = await documents.delete(
        f"/dossiers/adresse-1/fichiers/{preuve.fichier_id}", headers=TEST_TOKENS.headers(SEPT)
    )
    assert retrait.status_code == 409  # no longer removable by the applicant
