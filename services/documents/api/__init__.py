"""The documents service's internal API."""

from __future__ import annotations

from fastapi import APIRouter

from services.documents.api.catalogue import build_catalogue_router
from services.documents.api.complements import build_complements_router
from services.documents.api.generes import build_generes_router
from services.documents.api.pieces import build_pieces_router
from services.documents.dependances import Dependances


def build_api_router(deps: Dependances) -> APIRouter:
    router = APIRouter()
    router.include_router(build_catalogue_router())
    router.include_router(build_pieces_router(deps.justificatifs))
    router.include_router(build_complements_router(deps.complements, deps.registre))
    router.include_router(build_generes_router(deps.generes))
    return router
