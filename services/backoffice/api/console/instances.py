"""Instances: the filtered list, one instance's page, retrying an incident, cancelling (confirmed)."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.backoffice.api.console.deps import ConsoleDeps
from services.backoffice.domain.console.filtres import PAR_PAGE, lire_filtre
from services.backoffice.domain.console.modeles import ETATS_INSTANCE
from services.backoffice.usecases.console.definitions import processus
from services.backoffice.usecases.console.instances import (
    annuler_instance,
    fiche_instance,
    reessayer_incident,
)

REPRISES = {"echec", "reussie", "en-cours"}


def build_instances_router(deps: ConsoleDeps) -> APIRouter:
    router = APIRouter(prefix="/console/instances")
    pages, referentiel = deps.site.pages, deps.referentiel

    @router.get("")
    async def liste(request: Request) -> Response:
        connecte = await deps.responsable(request)
        filtre = lire_filtre(dict(request.query_params))
        trouvees = await referentiel.instances(filtre.recherche())
        pages_en_tout = max(1, -(-trouvees.total // PAR_PAGE))
        return pages.render(
            request,
            "console/instances.html",
            agent=connecte,
            filtre=filtre,
            instances=trouvees,
            etats=ETATS_INSTANCE,
            processus=await processus(agent=connecte.acteur, referentiel=referentiel),
            pages_en_tout=pages_en_tout,
            lien=lambda **changes: "?" + urlencode(filtre.parametres(**changes)),
            rubrique="instances",
        )

    @router.get("/{cle}")
    async def fiche(request: Request, cle: str, reprise: str = "", annulee: int = 0) -> Response:
        connecte = await deps.responsable(request)
        vue = await fiche_instance(agent=connecte.acteur, cle=cle, referentiel=referentiel)
        return pages.render(
            request,
            "console/instance.html",
            agent=connecte,
            fiche=vue,
            reprise=reprise if reprise in REPRISES else "",
            annulee=bool(annulee),
            rubrique="instances",
        )

    @router.post("/{cle}/incidents/{incident}/reprise")
    async def reprendre(request: Request, cle: str, incident: str) -> Response:
        connecte = await deps.responsable(request)
        await deps.site.formulaire(request)
        reprise = await reessayer_incident(
            agent=connecte.acteur,
            instance=cle,
            incident=incident,
            referentiel=referentiel,
            attendre=deps.attendre,
        )
        # the new incident's message is shown from the engine, never carried in the address
        suite = "echec" if reprise.nouvel_incident else "reussie" if reprise.termine else "en-cours"
        return RedirectResponse(f"/console/instances/{cle}?reprise={suite}#incidents", status_code=303)

    @router.get("/{cle}/annulation")
    async def confirmer(request: Request, cle: str) -> Response:
        connecte = await deps.responsable(request)
        vue = await fiche_instance(agent=connecte.acteur, cle=cle, referentiel=referentiel)
        return pages.render(
            request, "console/annulation.html", agent=connecte, fiche=vue, rubrique="instances"
        )

    @router.post("/{cle}/annulation")
    async def annuler(request: Request, cle: str) -> Response:
        connecte = await deps.responsable(request)
        await deps.site.formulaire(request)
        await annuler_instance(agent=connecte.acteur, cle=cle, referentiel=referentiel)
        return RedirectResponse(f"/console/instances/{cle}?annulee=1", status_code=303)

    return router
