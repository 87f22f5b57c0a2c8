"""The dossier's FastAPI app, built the same way by `__main__` and by the tests."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI

from plumbing.health import ReadinessCheck
from plumbing.settings import PlatformSettings
from plumbing.web import create_app
from services.dossier.api import build_api_router
from services.dossier.api_erreurs import installer_gestionnaires_erreurs
from services.dossier.composition import Composants
from services.dossier.settings import DossierSettings


def build_app(
    settings: DossierSettings,
    platform: PlatformSettings,
    *,
    composants: Composants,
    readiness: Mapping[str, ReadinessCheck] | None = None,
) -> FastAPI:
    app = create_app("dossier", readiness)
    app.state.internal_api_token = platform.internal_api_token
    app.state.composants = composants
    installer_gestionnaires_erreurs(app)
    app.include_router(build_api_router(composants.api))
    return app
