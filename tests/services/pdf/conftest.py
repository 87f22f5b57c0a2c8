"""Fixtures of the pdf service's tests: one renderer for the session, the real documents service in-process."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from contracts.clients.documents import DocumentsClient
from plumbing.actors import Actor
from plumbing.database import upgrade_database
from plumbing.settings import PlatformSettings
from services.documents.__main__ import MIGRATIONS, VERSION_TABLE
from services.documents.settings import DocumentsSettings
from services.documents.wiring import build_app as build_documents_app
from services.documents.wiring import build_parts
from services.pdf.adapters.depot_documents import DocumentsServiceDepot
from services.pdf.adapters.rendu_pdf import WeasyPrintRendu
from services.pdf.usecases.generation import GenerationDocuments
from services.pdf.wiring import ACTEUR
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

JETON = "jeton-interne-de-test"
AUJOURDHUI = date(2023, 9, 12)  # the day of the seed's attestations
SERVICE = TEST_TOKENS.headers(Actor("service", "dossier"))


class HorlogeFixe:
    """The seed's day of attestations, whatever the machine's clock says."""

    def now(self) -> datetime:
        return datetime(2023, 9, 12, 10, tzinfo=UTC)

    def today(self) -> date:
        return AUJOURDHUI


@pytest.fixture(scope="session")
def rendu() -> Iterator[WeasyPrintRendu]:
    moteur = WeasyPrintRendu()
    yield moteur
    moteur.fermer()


@pytest.fixture(scope="session")
def base_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documents service's database, migrated once; each test works on a copy."""
    chemin = tmp_path_factory.mktemp("documents") / "documents.db"
    upgrade_database(f"sqlite:///{chemin}", MIGRATIONS, VERSION_TABLE)
    return chemin


@pytest.fixture
def app_documents(tmp_path: Path, base_documents: Path) -> Iterator[FastAPI]:
    """The documents service (services.documents.build_app) with SQLite and files under tmp_path."""
    copie = tmp_path / "documents.db"
    shutil.copyfile(base_documents, copie)
    settings = DocumentsSettings(database_url=f"sqlite:///{copie}", repertoire=tmp_path / "fichiers")
    deps = build_parts(settings)
    yield trust_test_tokens(build_documents_app(settings, PlatformSettings(), deps))
    deps.engine.dispose()


@pytest.fixture
async def client_documents(app_documents: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app_documents)
    async with httpx.AsyncClient(transport=transport, base_url="http://documents") as client:
        yield client


def depot_documents(client: httpx.AsyncClient) -> DocumentsServiceDepot:
    """The adapter of the service, over the documents client acting as the pdf service."""
    return DocumentsServiceDepot(DocumentsClient(client, TEST_TOKENS, ACTEUR))


@pytest.fixture
def depot(client_documents: httpx.AsyncClient) -> DocumentsServiceDepot:
    return depot_documents(client_documents)


@pytest.fixture
def generation(rendu: WeasyPrintRendu, depot: DocumentsServiceDepot) -> GenerationDocuments:
    return GenerationDocuments(rendu, depot, horloge=HorlogeFixe())


async def documents_generes(client_documents: httpx.AsyncClient, dossier_id: str) -> list[dict[str, object]]:
    """What the documents service keeps for the dossier, as another service reads it."""
    reponse = await client_documents.get(f"/dossiers/{dossier_id}/documents-generes", headers=SERVICE)
    reponse.raise_for_status()
    return reponse.json()  # type: ignore[no-any-return]


async def contenu_genere(client_documents: httpx.AsyncClient, dossier_id: str, document_id: str) -> bytes:
    reponse = await client_documents.get(
        f"/dossiers/{dossier_id}/documents-generes/{document_id}", headers=SERVICE
    )
    reponse.raise_for_status()
    return reponse.content
