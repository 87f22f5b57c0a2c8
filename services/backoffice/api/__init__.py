"""The back-office's pages (`build_pages_router`), its security and its error pages."""

from __future__ import annotations

from fastapi import APIRouter

from services.backoffice.api.connexion import build_connexion_router
from services.backoffice.api.deps import BackofficeDeps
from services.backoffice.api.fichiers import build_fichiers_router
from services.backoffice.api.tache import build_tache_router
from services.backoffice.api.taches import build_taches_router


def build_pages_router(deps: BackofficeDeps) -> APIRouter:
    router = APIRouter()
    router.include_router(build_connexion_router(deps))
    router.include_router(build_taches_router(deps))
    router.include_router(build_tache_router(deps))
    router.include_router(build_fichiers_router(deps))
    return router
