"""Signing in with identity's sessions, and signing out."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from contracts.clients.base import RequestRefused
from contracts.identity import DemandeConnexion
from plumbing.web import client_address
from services.gateway.api.deps import GatewayDeps
from services.gateway.api.formulaire import FormulaireRecu
from services.gateway.api.security import DEVICE_COOKIE, SESSION_COOKIE
from services.gateway.domain.ports import ConnexionBloquee

IDENTIFIANTS_INCORRECTS = "Identifiant ou mot de passe incorrect."


def build_connexion_router(deps: GatewayDeps) -> APIRouter:
    router = APIRouter()
    pages = deps.pages

    @router.post("/connexion")
    async def connecter(request: Request, form: FormulaireRecu) -> Response:
        erreurs = form.erreurs()
        identifiant, mot_de_passe = form.champ("identifiant").strip(), form.champ("mot_de_passe")
        if not erreurs and not (identifiant and mot_de_passe):
            erreurs.formulaire = "Saisissez votre identifiant et votre mot de passe."
        if not erreurs:
            demande = DemandeConnexion(
                identifiant=identifiant[:254],
                mot_de_passe=mot_de_passe,
                adresse_client=client_address(request),
                appareil=request.cookies.get(DEVICE_COOKIE, "")[:200] or None,
            )
            try:
                ouverte = await deps.comptes.connecter(demande)
            except ConnexionBloquee as bloquee:
                erreurs.formulaire = bloquee.message
            except RequestRefused:
                erreurs.formulaire = IDENTIFIANTS_INCORRECTS  # never says which one was wrong
            else:
                response = RedirectResponse("/", status_code=303)
                deps.security.set_cookie(response, SESSION_COOKIE, ouverte.jeton)
                if ouverte.appareil:
                    deps.security.set_device_cookie(response, DEVICE_COOKIE, ouverte.appareil)
                return response
        valeurs = {"identifiant": identifiant}
        statut = form.statut() if not form.jeton_valide else 401
        return pages.render(
            request, "connexion.html", status=statut, valeurs=valeurs, erreurs_connexion=erreurs
        )

    @router.post("/deconnexion")
    async def deconnecter(request: Request, form: FormulaireRecu) -> Response:
        jeton = request.cookies.get(SESSION_COOKIE)
        if not form.jeton_valide:
            return pages.render(
                request,
                "erreur.html",
                status=403,
                titre="Déconnexion refusée",
                message=form.erreurs().formulaire,
            )
        if jeton:
            await deps.comptes.deconnecter(jeton)
        response = RedirectResponse("/", status_code=303)
        deps.security.delete_cookie(response, SESSION_COOKIE)
        return response

    return router
