"""identity's FastAPI application (the tests build it too)."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI

from plumbing.health import ReadinessCheck, database_check
from plumbing.settings import PlatformSettings
from plumbing.web import create_app
from services.identity.api import build_api_router
from services.identity.api.erreurs import installer_erreurs
from services.identity.dependances import Dependances, construire_dependances
from services.identity.settings import IdentitySettings


def build_app(
    settings: IdentitySettings,
    platform: PlatformSettings,
    deps: Dependances | None = None,
    readiness: Mapping[str, ReadinessCheck] | None = None,
) -> FastAPI:
    """The internal API; `deps` lets the caller share them with the worker (or a test clock)."""
    deps = deps or construire_dependances(settings)
    checks = {"base de données": database_check(deps.engine), **(readiness or {})}
    app = create_app("identity", checks)
    app.state.internal_api_token = platform.internal_api_token
    installer_erreurs(app)
    app.include_router(build_api_router(deps))
    return app
