"""Internal API: the list of documents and their rendering (previews for the back-office, tests).

    GET  /modeles            -> [{modele, titre}]
    POST /rendus/{modele}    the process variables (JSON object) -> the PDF (application/pdf)

Both need the internal token and an actor (`plumbing.actors`); nothing is stored. An applicant may
only have the public documents (Annexe 1): the others would be official-looking papers made of
whatever data the caller sends.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Response
from fastapi.responses import JSONResponse

from plumbing.actors import CurrentActor
from services.pdf.domain.documents import DOCUMENTS, definition
from services.pdf.domain.erreurs import DocumentImpossible, DonneesInvalides, ModeleInconnu
from services.pdf.ports import DepotIndisponible
from services.pdf.usecases import GenerationDocuments

APERCU_RESERVE = "Seuls les agents et les services peuvent obtenir un aperçu de ce document."
VariablesDocument = Annotated[dict[str, Any], Body(description="les variables du processus")]


def build_api_router(generation: GenerationDocuments) -> APIRouter:
    router = APIRouter(tags=["pdf"])

    @router.get("/modeles")
    async def lister_modeles(_acteur: CurrentActor) -> list[dict[str, str]]:
        return [{"modele": modele.value, "titre": d.titre} for modele, d in DOCUMENTS.items()]

    @router.post("/rendus/{modele}", response_class=Response)
    async def rendre(modele: str, variables: VariablesDocument, acteur: CurrentActor) -> Response:
        try:
            if acteur.is_applicant and not definition(modele).public:
                return JSONResponse(status_code=403, content={"detail": APERCU_RESERVE})
            document, pdf = await generation.rendre(modele, variables)
        except (DocumentImpossible, DepotIndisponible) as erreur:
            return reponse_erreur(erreur)
        disposition = f'inline; filename="{document.nom_fichier}"'
        return Response(pdf, media_type="application/pdf", headers={"Content-Disposition": disposition})

    return router


def reponse_erreur(erreur: DocumentImpossible | DepotIndisponible) -> JSONResponse:
    """The French answer for what prevents a rendering."""
    if isinstance(erreur, ModeleInconnu):
        return JSONResponse(status_code=404, content={"detail": str(erreur)})
    if isinstance(erreur, DonneesInvalides):
        erreurs = [{"champ": champ, "message": etat} for champ, etat in erreur.champs]
        return JSONResponse(status_code=422, content={"detail": str(erreur), "erreurs": erreurs})
    if isinstance(erreur, DepotIndisponible):
        detail = "Le catalogue des pièces justificatives est momentanément indisponible, réessayez plus tard."
        return JSONResponse(status_code=503, content={"detail": detail})
    return JSONResponse(status_code=502, content={"detail": str(erreur)})
