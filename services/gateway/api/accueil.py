"""The public home, the sign-in page, the signed-in home and the entries outside this procedure."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from services.gateway.api.deps import GatewayDeps

HORS_PROCEDURE = {
    "valider-mon-vls-ts": "Valider mon VLS-TS",
    "acheter-un-timbre-fiscal": "Acheter un timbre fiscal électronique",
    "document-de-voyage": "Document de voyage",
}


def build_accueil_router(deps: GatewayDeps) -> APIRouter:
    router = APIRouter()
    pages = deps.pages

    @router.get("/")
    async def accueil(request: Request) -> Response:
        visiteur = await deps.visiteur(request)
        if visiteur is not None:
            return pages.render(request, "espace/accueil.html", visiteur=visiteur)
        return pages.render(request, "accueil.html")

    @router.get("/connexion")
    async def connexion(request: Request) -> Response:
        if await deps.visiteur(request) is not None:
            return RedirectResponse("/", status_code=303)
        return pages.render(request, "connexion.html")

    @router.get("/demarches/{demarche}")
    async def hors_procedure(request: Request, demarche: str) -> Response:
        if demarche not in HORS_PROCEDURE:
            raise HTTPException(status_code=404)
        visiteur = await deps.visiteur(request)
        titre = HORS_PROCEDURE[demarche]
        return pages.render(request, "hors_procedure.html", titre=titre, visiteur=visiteur)

    return router
