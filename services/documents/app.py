"""documents' FastAPI application (the tests build it too)."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI

from plumbing.health import ReadinessCheck, database_check
from plumbing.settings import PlatformSettings
from plumbing.web import create_app
from services.documents.api import build_api_router
from services.documents.api.erreurs import installer_erreurs
from services.documents.dependances import Dependances, construire_dependances
from services.documents.settings import DocumentsSettings


def build_app(
    settings: DocumentsSettings,
    platform: PlatformSettings,
    deps: Dependances | None = None,
    readiness: Mapping[str, ReadinessCheck] | None = None,
) -> FastAPI:
    """The internal API; `deps` lets the caller share them with the worker (or use another storage)."""
    deps = deps or construire_dependances(settings)
    checks = {"base de données": database_check(deps.engine), **(readiness or {})}
    app = create_app("documents", checks)
    app.state.internal_api_token = platform.internal_api_token
    installer_erreurs(app)
    app.include_router(build_api_router(deps))
    return app
