"""identity's internal API: accounts, sessions, fiches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import APIRouter

from plumbing.authentication import REFUS_ACTEUR
from services.identity.api.comptes import build_comptes_router
from services.identity.api.fiches import build_fiches_router
from services.identity.api.sessions import build_sessions_router

if TYPE_CHECKING:
    from services.identity.wiring import IdentityParts


def build_api_router(parts: IdentityParts) -> APIRouter:
    router = APIRouter(responses=REFUS_ACTEUR)
    router.include_router(build_comptes_router(parts))
    router.include_router(build_sessions_router(parts))
    router.include_router(build_fiches_router(parts))
    return router
