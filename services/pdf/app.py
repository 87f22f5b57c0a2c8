"""The pdf service's application: its internal API on the plumbing's app factory."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI

from plumbing.health import ReadinessCheck
from plumbing.settings import PlatformSettings
from plumbing.web import create_app
from services.pdf.api import build_api_router
from services.pdf.settings import PdfSettings
from services.pdf.usecases import GenerationDocuments


def build_app(
    settings: PdfSettings,
    platform: PlatformSettings,
    generation: GenerationDocuments,
    readiness: Mapping[str, ReadinessCheck] | None = None,
) -> FastAPI:
    """The API over `generation` (owned by the caller: `dependances.generation_documents`)."""
    app = create_app("pdf", readiness)
    app.state.internal_api_token = platform.internal_api_token
    app.include_router(build_api_router(generation))
    return app
