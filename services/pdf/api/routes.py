"""Internal API: the list of documents and their rendering (previews for the back-office, tests).

    GET  /modeles            -> [{modele, titre}]
    POST /rendus/{modele}    the process variables (JSON object) -> the PDF (application/pdf)

Both need the internal token and an actor (`plumbing.actors`); nothing is stored. An applicant may
only have the public documents (Annexe 1).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Response

from plumbing.authentication import REFUS_ACTEUR, CurrentActor
from plumbing.erreurs_requete import refus
from services.pdf.api import views
from services.pdf.usecases.generation import GenerationDocuments

VariablesDocument = Annotated[dict[str, Any], Body(description="les variables du processus")]
PDF = {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}


def build_api_router(generation: GenerationDocuments) -> APIRouter:
    router = APIRouter(tags=["pdf"], responses=REFUS_ACTEUR)

    @router.get("/modeles")
    async def lister_modeles(_acteur: CurrentActor) -> list[dict[str, str]]:
        return views.modeles()

    @router.post(
        "/rendus/{modele}",
        response_class=Response,
        responses={200: {"description": "Le document en PDF", **PDF}, **refus(404, 502, 503)},
    )
    async def rendre(modele: str, variables: VariablesDocument, acteur: CurrentActor) -> Response:
        document, pdf = await generation.rendre(modele, variables, par_un_demandeur=acteur.is_applicant)
        return views.reponse_pdf(document, pdf)

    return router
