"""The notifier's FastAPI app, built the same way by `__main__` and by the tests."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import FastAPI

from plumbing.database import create_database_engine, create_session_factory
from plumbing.health import ReadinessCheck, database_check
from plumbing.settings import PlatformSettings
from plumbing.web import create_app
from services.notifier.api import build_api_router, build_courriels_router
from services.notifier.dependances import Dependances
from services.notifier.settings import NotifierSettings


def build_dependances(settings: NotifierSettings) -> tuple[Dependances, ReadinessCheck]:
    engine = create_database_engine(settings.database())
    deps = Dependances(sessions=create_session_factory(engine), lien_connexion=settings.lien_connexion)
    return deps, database_check(engine)


def build_app(
    settings: NotifierSettings,
    platform: PlatformSettings,
    *,
    deps: Dependances | None = None,
    readiness: Mapping[str, ReadinessCheck] | None = None,
) -> FastAPI:
    """The internal API; without `deps`, storage is opened from the settings (schema migrated)."""
    checks = dict(readiness or {})
    if deps is None:
        deps, checks["database"] = build_dependances(settings)
    app = create_app("notifier", checks)
    app.state.internal_api_token = platform.internal_api_token
    app.state.dependances = deps
    app.include_router(build_api_router(deps))
    app.include_router(build_courriels_router(deps))
    return app
