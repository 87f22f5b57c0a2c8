"""Process definitions: every process with its versions, one version's diagram, forms and XML."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.backoffice.api.console.deps import ConsoleDeps
from services.backoffice.usecases.console.definitions import fiche_definition, processus, xml_de
from services.backoffice.usecases.console.deploiement import avertissements_du_deploye


def build_definitions_router(deps: ConsoleDeps) -> APIRouter:
    router = APIRouter(prefix="/console")
    pages, referentiel = deps.site.pages, deps.referentiel

    @router.get("")
    async def accueil(request: Request) -> Response:
        await deps.responsable(request)
        return RedirectResponse("/console/processus", status_code=303)

    @router.get("/processus")
    async def liste(request: Request) -> Response:
        connecte = await deps.responsable(request)
        tous = await processus(agent=connecte.acteur, referentiel=referentiel)
        return pages.render(
            request, "console/processus.html", agent=connecte, processus=tous, rubrique="processus"
        )

    @router.get("/processus/{cle}")
    async def fiche(request: Request, cle: str, deploye: int = 0) -> Response:
        connecte = await deps.responsable(request)
        vue = await fiche_definition(agent=connecte.acteur, cle=cle, referentiel=referentiel)
        avertissements = (
            await avertissements_du_deploye(
                agent=connecte.acteur, cle=cle, linter=deps.linter, referentiel=referentiel
            )
            if deploye
            else []
        )
        return pages.render(
            request,
            "console/definition.html",
            agent=connecte,
            fiche=vue,
            deploye=deploye,
            avertissements=avertissements,
            rubrique="processus",
        )

    @router.get("/processus/{cle}/xml")
    async def xml(request: Request, cle: str) -> Response:
        connecte = await deps.responsable(request)
        texte = await xml_de(agent=connecte.acteur, cle=cle, referentiel=referentiel)
        return Response(
            texte,
            media_type="application/xml",
            headers={"Content-Disposition": f'inline; filename="processus-{cle}.bpmn"'},
        )

    return router
