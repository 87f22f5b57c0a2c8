"""Wiring: from settings to the use cases every entry point (API, worker) shares."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from plumbing.settings import PlatformSettings
from services.pdf.depot_http import HttpxDepotDocuments
from services.pdf.rendu import WeasyPrintRendu
from services.pdf.settings import PdfSettings
from services.pdf.usecases import GenerationDocuments


@asynccontextmanager
async def generation_documents(
    settings: PdfSettings, platform: PlatformSettings
) -> AsyncIterator[GenerationDocuments]:
    """The use cases with their real adapters, closed on exit."""
    rendu = WeasyPrintRendu()
    async with httpx.AsyncClient(
        base_url=settings.documents_url, timeout=settings.documents_timeout_seconds
    ) as client:
        try:
            yield GenerationDocuments(rendu, HttpxDepotDocuments(client, platform.internal_api_token))
        finally:
            rendu.fermer()
