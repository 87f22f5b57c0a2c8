"""The tasklist: the three views with their counts, claiming and unclaiming."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from services.backoffice.api.deps import BackofficeDeps
from services.backoffice.domain.taches import LIBELLES_VUES, Vue
from services.backoffice.usecases.taches import liste_des_taches, prendre, rendre


def build_taches_router(deps: BackofficeDeps) -> APIRouter:
    router = APIRouter(prefix="/taches")
    pages, moteur = deps.pages, deps.moteur

    @router.get("")
    async def liste(request: Request, vue: str = Vue.MES_GROUPES.value) -> Response:
        connecte = await deps.agent(request)
        choisie = Vue(vue) if vue in Vue._value2member_map_ else Vue.MES_GROUPES
        taches = await liste_des_taches(agent=connecte.acteur, moteur=moteur)
        return pages.render(
            request,
            "taches.html",
            agent=connecte,
            vue=choisie,
            vues=LIBELLES_VUES,
            comptes=taches.comptes(),
            taches=taches.vue(choisie),
        )

    @router.post("/{cle}/prendre")
    async def prendre_tache(request: Request, cle: str) -> Response:
        connecte = await deps.agent(request)
        await deps.formulaire(request)
        await prendre(agent=connecte.acteur, cle=cle, moteur=moteur)
        return RedirectResponse(f"/taches/{cle}", status_code=303)

    @router.post("/{cle}/rendre")
    async def rendre_tache(request: Request, cle: str) -> Response:
        connecte = await deps.agent(request)
        await deps.formulaire(request)
        await rendre(agent=connecte.acteur, cle=cle, moteur=moteur)
        return RedirectResponse(f"/taches?vue={Vue.NON_ASSIGNEES.value}", status_code=303)

    return router
