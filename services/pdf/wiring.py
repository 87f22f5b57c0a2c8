"""From settings to the service's parts: the use cases with their adapters, the app, the task router."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from pyzeebe import ZeebeTaskRouter

from contracts.clients.documents import DocumentsClient
from plumbing.actors import Actor
from plumbing.health import ReadinessCheck
from plumbing.settings import PlatformSettings
from plumbing.web import create_app
from services.pdf.adapters.depot_documents import DocumentsServiceDepot
from services.pdf.adapters.rendu_pdf import WeasyPrintRendu
from services.pdf.api.errors import ERREURS
from services.pdf.api.routes import build_api_router
from services.pdf.settings import PdfSettings
from services.pdf.tasks import build_task_router
from services.pdf.usecases.generation import GenerationDocuments

ACTEUR = Actor("service", "pdf")


@asynccontextmanager
async def generation_documents(
    settings: PdfSettings, platform: PlatformSettings
) -> AsyncIterator[GenerationDocuments]:
    """The use cases with their real adapters, closed on exit."""
    rendu = WeasyPrintRendu()
    async with httpx.AsyncClient(
        base_url=settings.documents_url, timeout=settings.documents_timeout_seconds
    ) as http:
        try:
            client = DocumentsClient(
                http, platform.service_tokens("pdf", settings.engine_client_secret), ACTEUR
            )
            yield GenerationDocuments(rendu, DocumentsServiceDepot(client))
        finally:
            rendu.fermer()


def build_app(
    platform: PlatformSettings,
    generation: GenerationDocuments,
    readiness: Mapping[str, ReadinessCheck] | None = None,
) -> FastAPI:
    """The internal API over `generation` (owned by the caller: `generation_documents`)."""
    app = create_app("pdf", readiness, platform=platform, errors=ERREURS)
    app.include_router(build_api_router(generation))
    return app


def task_router(generation: GenerationDocuments) -> ZeebeTaskRouter:
    return build_task_router(generation)
