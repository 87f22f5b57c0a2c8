"""The documents service's internal API."""

from __future__ import annotations

from fastapi import APIRouter

from plumbing.authentication import REFUS_ACTEUR
from services.documents.api.catalogue import build_catalogue_router
from services.documents.api.complements import build_complements_router
from services.documents.api.generes import build_generes_router
from services.documents.api.pieces import build_pieces_router
from services.documents.domain.ports import DocumentsTransactions
from services.documents.usecases.complements import Complements
from services.documents.usecases.generes import DocumentsGeneres
from services.documents.usecases.justificatifs import Justificatifs


def build_api_router(
    *,
    justificatifs: Justificatifs,
    complements: Complements,
    generes: DocumentsGeneres,
    transactions: DocumentsTransactions,
) -> APIRouter:
    router = APIRouter(responses=REFUS_ACTEUR)
    router.include_router(build_catalogue_router())
    router.include_router(build_pieces_router(justificatifs))
    router.include_router(build_complements_router(complements, transactions))
    router.include_router(build_generes_router(generes))
    return router
