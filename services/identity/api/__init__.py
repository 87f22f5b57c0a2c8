"""identity's internal API: accounts, sessions, fiches."""

from __future__ import annotations

from fastapi import APIRouter

from services.identity.api.comptes import build_comptes_router
from services.identity.api.fiches import build_fiches_router
from services.identity.api.sessions import build_sessions_router
from services.identity.dependances import Dependances


def build_api_router(deps: Dependances) -> APIRouter:
    router = APIRouter()
    router.include_router(build_comptes_router(deps))
    router.include_router(build_sessions_router(deps))
    router.include_router(build_fiches_router(deps))
    return router
