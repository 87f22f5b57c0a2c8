"""Fixtures of the pdf service's tests: one renderer for the session, the documents service stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date

import httpx
import pytest

from services.pdf.depot_http import HttpxDepotDocuments
from services.pdf.rendu import WeasyPrintRendu
from services.pdf.usecases import GenerationDocuments
from tests.services.pdf.documents_factice import app_documents_factice

JETON = "jeton-interne-de-test"
AUJOURDHUI = date(2023, 9, 12)  # the day of the seed's attestations


@pytest.fixture(scope="session")
def rendu() -> Iterator[WeasyPrintRendu]:
    moteur = WeasyPrintRendu()
    yield moteur
    moteur.fermer()


@pytest.fixture
def app_documents():  # type: ignore[no-untyped-def]
    return app_documents_factice(JETON)


@pytest.fixture
async def depot(app_documents) -> AsyncIterator[HttpxDepotDocuments]:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=app_documents)
    async with httpx.AsyncClient(transport=transport, base_url="http://documents") as client:
        yield HttpxDepotDocuments(client, JETON)


@pytest.fixture
def generation(rendu: WeasyPrintRendu, depot: HttpxDepotDocuments) -> GenerationDocuments:
    return GenerationDocuments(rendu, depot, aujourdhui=lambda: AUJOURDHUI)
