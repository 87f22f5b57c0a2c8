"""Signing in with identity's agent accounts, and signing out."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from contracts.clients.base import RequestRefused
from plumbing.actors import actor_from_token
from plumbing.web import client_address
from services.backoffice.api.deps import BackofficeDeps
from services.backoffice.api.security import DEVICE_COOKIE, SESSION_COOKIE
from services.backoffice.domain.console.acces import page_d_accueil
from services.backoffice.domain.ports import ConnexionBloquee

IDENTIFIANTS_INCORRECTS = "Identifiant ou mot de passe incorrect."


def build_connexion_router(deps: BackofficeDeps) -> APIRouter:
    router = APIRouter()
    pages = deps.pages

    @router.get("/")
    async def accueil(request: Request) -> Response:
        """The public home; a signed-in agent goes straight to their tasks (a process owner, the console)."""
        if connecte := await deps.connecte(request):
            return RedirectResponse(page_d_accueil(connecte.acteur), status_code=303)
        return pages.render(request, "accueil.html")

    @router.get("/connexion")
    async def formulaire(request: Request) -> Response:
        return pages.render(request, "connexion.html", identifiant="", erreur=None)

    @router.post("/connexion")
    async def connecter(request: Request) -> Response:
        valeurs = await deps.formulaire(request)
        identifiant, mot_de_passe = valeurs.get("identifiant", "").strip(), valeurs.get("mot_de_passe", "")
        erreur = "Saisissez votre identifiant et votre mot de passe."
        if identifiant and mot_de_passe:
            appareil = request.cookies.get(DEVICE_COOKIE, "")[:200] or None
            try:
                ouverte = await deps.agents.connecter(
                    identifiant[:254], mot_de_passe, client_address(request), appareil
                )
            except ConnexionBloquee as bloquee:
                erreur = bloquee.message
            except RequestRefused:
                erreur = IDENTIFIANTS_INCORRECTS  # never says which one was wrong
            else:
                response = RedirectResponse(page_d_accueil(actor_from_token(ouverte.acteur)), status_code=303)
                deps.security.set_cookie(response, SESSION_COOKIE, ouverte.jeton)
                if ouverte.appareil:
                    deps.security.set_device_cookie(response, DEVICE_COOKIE, ouverte.appareil)
                return response
        return pages.render(request, "connexion.html", status=401, identifiant=identifiant, erreur=erreur)

    @router.post("/deconnexion")
    async def deconnecter(request: Request) -> Response:
        await deps.formulaire(request)
        if jeton := request.cookies.get(SESSION_COOKIE):
            await deps.agents.deconnecter(jeton)
        response = RedirectResponse("/connexion", status_code=303)
        deps.security.delete_cookie(response, SESSION_COOKIE)
        return response

    return router
