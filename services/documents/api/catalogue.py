"""The catalogue of pieces per case and situation, and Annexe 1 for the pdf service."""

from __future__ import annotations

from fastapi import APIRouter

from contracts.documents import AnnexePieces, Cas, Hebergement, PieceCatalogue
from plumbing.authentication import CurrentActor
from services.documents.domain.annexe import annexe_pour
from services.documents.domain.catalogue import Situation
from services.documents.domain.pieces import CATALOGUE


def build_catalogue_router() -> APIRouter:
    router = APIRouter(tags=["catalogue"])

    @router.get("/catalogue")
    async def catalogue(
        _acteur: CurrentActor, cas: Cas, hebergement: Hebergement = Hebergement.PERSONNEL
    ) -> list[PieceCatalogue]:
        """The pieces of step 3 for this case and housing, each required or not."""
        return CATALOGUE.pour(Situation(cas, hebergement))

    @router.get("/catalogue/annexe")
    async def annexe(_acteur: CurrentActor, cas: Cas) -> AnnexePieces:
        """Annexe 1 « Liste des pièces justificatives » of this case."""
        return annexe_pour(cas)

    return router
