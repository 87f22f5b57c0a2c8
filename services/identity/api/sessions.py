"""Logging in and out, and the session behind a visitor's cookie (called by gateway, back-office)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Header, Response

from contracts.identity import (
    SESSION_HEADER,
    DemandeConnexion,
    SessionCourante,
    SessionOuverte,
    SessionResume,
    SessionsFermees,
)
from plumbing.erreurs_requete import refus
from services.identity.api import views
from services.identity.api.acteurs import ActeurService
from services.identity.api.hachages import Hachages
from services.identity.usecases.connexion import connecter_agent, connecter_demandeur
from services.identity.usecases.sessions import (
    fermer_les_autres_sessions,
    fermer_session,
    fermer_une_session,
    lister_sessions,
    session_courante,
)

if TYPE_CHECKING:
    from services.identity.wiring import IdentityParts

JetonSession = Annotated[str, Header(alias=SESSION_HEADER, max_length=200)]
CONNEXION = refus(401, 429, 503)  # wrong credentials, locked out, too many hashes waiting
SESSION = refus(401)  # no session behind the token


def build_sessions_router(parts: IdentityParts) -> APIRouter:
    router = APIRouter(tags=["sessions"])
    run, outils = parts.unit_of_work.run, parts.outils
    hachages = Hachages()

    @router.post("/sessions", status_code=201, responses=CONNEXION)
    async def connecter(demande: DemandeConnexion, _acteur: ActeurService) -> SessionOuverte:
        """Connexion d'un demandeur : N° étranger (ou email s'il n'en a pas) et mot de passe."""
        connexion = await hachages.executer(
            lambda: connecter_demandeur(transactions=run, outils=outils, demande=demande)
        )
        return views.session_ouverte(connexion, parts.emetteur)

    @router.post("/agents/sessions", status_code=201, responses=CONNEXION)
    async def connecter_un_agent(demande: DemandeConnexion, _acteur: ActeurService) -> SessionOuverte:
        """Connexion d'un agent : identifiant et mot de passe."""
        connexion = await hachages.executer(
            lambda: connecter_agent(transactions=run, outils=outils, demande=demande)
        )
        return views.session_ouverte(connexion, parts.emetteur)

    @router.get("/sessions/current", responses=SESSION)
    def courante(jeton: JetonSession, _acteur: ActeurService) -> SessionCourante:
        """Qui tient ce jeton de session (demandeur avec sa fiche, ou agent) ; 401 sinon."""
        tenue = run(lambda d: session_courante(depots=d, outils=outils, jeton=jeton))
        return views.session_courante(tenue, parts.emetteur)

    @router.delete("/sessions/current", status_code=204)
    def deconnecter(jeton: JetonSession, _acteur: ActeurService) -> Response:
        """Déconnexion (sans effet si la session est déjà fermée)."""
        run(lambda d: fermer_session(depots=d, outils=outils, jeton=jeton))
        return Response(status_code=204)

    @router.get("/sessions", responses=SESSION)
    def lister(jeton: JetonSession, _acteur: ActeurService) -> list[SessionResume]:
        """Les sessions ouvertes du titulaire de ce jeton."""
        return views.sessions_ouvertes(run(lambda d: lister_sessions(depots=d, outils=outils, jeton=jeton)))

    @router.delete("/sessions/{session_id}", status_code=204, responses=refus(401, 404))
    def fermer_une(session_id: str, jeton: JetonSession, _acteur: ActeurService) -> Response:
        """Fermer une de ses sessions (404 pour celles des autres)."""
        run(lambda d: fermer_une_session(depots=d, outils=outils, jeton=jeton, session_id=session_id))
        return Response(status_code=204)

    @router.delete("/sessions", responses=SESSION)
    def fermer_les_autres(jeton: JetonSession, _acteur: ActeurService) -> SessionsFermees:
        """Fermer toutes ses autres sessions (« se déconnecter partout ailleurs »)."""
        fermees = run(lambda d: fermer_les_autres_sessions(depots=d, outils=outils, jeton=jeton))
        return SessionsFermees(sessions_fermees=fermees)

    return router
