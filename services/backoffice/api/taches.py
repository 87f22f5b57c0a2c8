"""The tasklist: the three views with their counts, claiming and unclaiming."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from contracts.dossier import ActionAgent
from services.backoffice.api.deps import BackofficeDeps
from services.backoffice.api.filtres import lire_filtres, url_liste
from services.backoffice.domain.taches import LIBELLES_TRIS, LIBELLES_VUES, Vue
from services.backoffice.usecases.journal import noter
from services.backoffice.usecases.taches import liste_des_taches, prendre, rendre


def build_taches_router(deps: BackofficeDeps) -> APIRouter:
    router = APIRouter(prefix="/taches")
    pages, moteur = deps.pages, deps.moteur

    @router.get("")
    async def liste(request: Request, vue: str = Vue.MES_GROUPES.value, page: str = "1") -> Response:
        """A view of the tasklist, filtered, sorted (least time left first by default), one page."""
        connecte = await deps.agent(request)
        choisie = Vue(vue) if vue in Vue._value2member_map_ else Vue.MES_GROUPES
        filtres, erreurs = lire_filtres(request)
        taches, choix = await liste_des_taches(agent=connecte.acteur, moteur=moteur, filtres=filtres)
        numero = int(page) if page.isdecimal() and len(page) < 6 else 1
        une_page = taches.page(choisie, numero)
        return pages.render(
            request,
            "taches.html",
            agent=connecte,
            vue=choisie,
            vues=LIBELLES_VUES,
            comptes=taches.comptes(),
            page=une_page,
            taches=une_page.taches,
            filtres=filtres,
            erreurs=erreurs,
            choix=choix,
            tris=LIBELLES_TRIS,
            url_liste=url_liste,
        )

    @router.post("/{cle}/prendre")
    async def prendre_tache(request: Request, cle: str) -> Response:
        connecte = await deps.agent(request)
        await deps.formulaire(request)
        tache = await prendre(agent=connecte.acteur, cle=cle, moteur=moteur)
        if tache.assignee is None:  # taken now, not already the agent's
            await noter(
                agent=connecte.acteur,
                nom=connecte.nom_affiche,
                action=ActionAgent.PRISE,
                tache=tache,
                moteur=moteur,
                dossiers=deps.dossiers,
            )
        return RedirectResponse(f"/taches/{cle}", status_code=303)

    @router.post("/{cle}/rendre")
    async def rendre_tache(request: Request, cle: str) -> Response:
        connecte = await deps.agent(request)
        await deps.formulaire(request)
        tache = await rendre(agent=connecte.acteur, cle=cle, moteur=moteur)
        await noter(
            agent=connecte.acteur,
            nom=connecte.nom_affiche,
            action=ActionAgent.RENDUE,
            tache=tache,
            moteur=moteur,
            dossiers=deps.dossiers,
        )
        return RedirectResponse(f"/taches?vue={Vue.NON_ASSIGNEES.value}", status_code=303)

    return router
