"""Logging in and out, and the session behind a visitor's cookie (called by gateway, back-office)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response

from contracts.identity import DemandeConnexion, SessionCourante, SessionOuverte, SessionResume
from services.identity.api.erreurs import ActeurService
from services.identity.dependances import Dependances
from services.identity.usecases.connexion import connecter_agent, connecter_demandeur
from services.identity.usecases.contexte import accepter
from services.identity.usecases.sessions import (
    fermer_les_autres_sessions,
    fermer_session,
    fermer_une_session,
    lister_sessions,
    session_courante,
)

JetonSession = Annotated[str, Header(alias="X-Jeton-Session", max_length=200)]


def build_sessions_router(deps: Dependances) -> APIRouter:
    router = APIRouter(tags=["sessions"])
    outils = deps.outils

    @router.post("/sessions", status_code=201)
    def connecter(demande: DemandeConnexion, _acteur: ActeurService) -> SessionOuverte:
        """Connexion d'un demandeur : N° étranger (ou email s'il n'en a pas) et mot de passe."""
        with deps.transactions() as depots:
            resultat = connecter_demandeur(depots=depots, outils=outils, demande=demande)
        return accepter(resultat)

    @router.post("/agents/sessions", status_code=201)
    def connecter_un_agent(demande: DemandeConnexion, _acteur: ActeurService) -> SessionOuverte:
        """Connexion d'un agent : identifiant et mot de passe."""
        with deps.transactions() as depots:
            resultat = connecter_agent(depots=depots, outils=outils, demande=demande)
        return accepter(resultat)

    @router.get("/sessions/current")
    def courante(jeton: JetonSession, _acteur: ActeurService) -> SessionCourante:
        """Qui tient ce jeton de session (demandeur avec sa fiche, ou agent) ; 401 sinon."""
        with deps.transactions() as depots:
            return session_courante(depots=depots, outils=outils, jeton=jeton)

    @router.delete("/sessions/current", status_code=204)
    def deconnecter(jeton: JetonSession, _acteur: ActeurService) -> Response:
        """Déconnexion (sans effet si la session est déjà fermée)."""
        with deps.transactions() as depots:
            fermer_session(depots=depots, outils=outils, jeton=jeton)
        return Response(status_code=204)

    @router.get("/sessions")
    def lister(jeton: JetonSession, _acteur: ActeurService) -> list[SessionResume]:
        """Les sessions ouvertes du titulaire de ce jeton."""
        with deps.transactions() as depots:
            return lister_sessions(depots=depots, outils=outils, jeton=jeton)

    @router.delete("/sessions/{session_id}", status_code=204)
    def fermer_une(session_id: str, jeton: JetonSession, _acteur: ActeurService) -> Response:
        """Fermer une de ses sessions (404 pour celles des autres)."""
        with deps.transactions() as depots:
            fermer_une_session(depots=depots, outils=outils, jeton=jeton, session_id=session_id)
        return Response(status_code=204)

    @router.delete("/sessions")
    def fermer_les_autres(jeton: JetonSession, _acteur: ActeurService) -> dict[str, int]:
        """Fermer toutes ses autres sessions (« se déconnecter partout ailleurs »)."""
        with deps.transactions() as depots:
            return {"sessionsFermees": fermer_les_autres_sessions(depots=depots, outils=outils, jeton=jeton)}

    return router
