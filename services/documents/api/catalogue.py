"""The catalogue of pieces per case, and Annexe 1 for the pdf service."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.documents import AnnexePieces, Cas, PieceCatalogue
from plumbing.authentication import CurrentActor
from services.documents.domain.annexe import annexe
from services.documents.domain.catalogue import Situation
from services.documents.domain.pieces import CATALOGUE


def build_catalogue_router() -> APIRouter:
    router = APIRouter(tags=["catalogue"])

    @router.get("/catalogue")
    async def catalogue(_acteur: CurrentActor, cas: Cas) -> list[PieceCatalogue]:
        """The pieces of step 3 for this case, each required or not."""
        return CATALOGUE.pour(Situation(cas))

    @router.get("/catalogue/annexe")
    async def annexe_1(_acteur: CurrentActor) -> AnnexePieces:
        """Annexe 1 « Liste des pièces justificatives », the same for everybody."""
        return annexe()

    return router
