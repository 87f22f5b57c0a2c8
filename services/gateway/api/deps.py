"""What the pages are built with, and the visitor behind the session cookie."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from contracts.clients.base import ServiceUnavailable
from contracts.identity import FicheDemandeur, SessionCourante
from contracts.notifier import EtatNotification, PageNotifications
from plumbing.dsfr.security import Security
from services.gateway.api.pages import Pages, Visiteur
from services.gateway.api.security import SESSION_COOKIE
from services.gateway.domain.ports import Comptes, Demandes, Justificatifs, Notifications

DANS_LA_CLOCHE = 5  # notifications listed under the bell


class ConnexionRequise(Exception):
    """A page of the personal space was asked without a session: the visitor signs in first."""


class FormulairePerime(ConnexionRequise):
    """A form posted without a session (it expired while the page was open): refused, 403."""


class Redirection(Exception):
    """The page asked is not the one to show now (a step not reached yet, a deposited dossier…)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


@dataclass(frozen=True)
class Connecte:
    """The signed-in applicant as the pages act for them: their session and their fiche."""

    session: SessionCourante
    jeton: str
    fiche: FicheDemandeur

    @property
    def acteur(self) -> str:
        return self.session.acteur


@dataclass(frozen=True)
class GatewayDeps:
    comptes: Comptes
    notifications: Notifications
    demandes: Demandes
    justificatifs: Justificatifs
    pages: Pages
    security: Security

    async def connecte(self, request: Request) -> Connecte | None:
        """The applicant behind the cookie (one call: identity's session), or None."""
        jeton = request.cookies.get(SESSION_COOKIE)
        if not jeton or len(jeton) > 200:
            return None
        session = await self.comptes.session(jeton)
        if session is None or session.demandeur is None:
            return None
        return Connecte(session, jeton, session.demandeur)

    async def demandeur(self, request: Request, *, formulaire: bool = False) -> Connecte:
        """The signed-in applicant, or `ConnexionRequise` (the sign-in page); for a posted form,
        `FormulairePerime` (nothing is done, the visitor is told why)."""
        connecte = await self.connecte(request)
        if connecte is None:
            raise FormulairePerime() if formulaire else ConnexionRequise()
        return connecte

    async def cloche(self, connecte: Connecte) -> Visiteur:
        """The header of a signed-in page: the name and the bell (one call: the notifier)."""
        session, jeton = connecte.session, connecte.jeton
        try:
            page = await self.notifications.non_lues(session.acteur, nombre=DANS_LA_CLOCHE)
        except ServiceUnavailable:
            return Visiteur(session, jeton, None, [])
        return Visiteur(session, jeton, page.total, list(page.elements))

    async def cloche_de(self, connecte: Connecte, toutes: PageNotifications) -> Visiteur:
        """The bell from a page of all the applicant's notifications already read for the page
        (no call when it holds them all; the notifier's count otherwise)."""
        if toutes.total > len(toutes.elements):
            return await self.cloche(connecte)
        non_lues = [n for n in toutes.elements if n.etat is EtatNotification.NON_LUE]
        return Visiteur(connecte.session, connecte.jeton, len(non_lues), non_lues[:DANS_LA_CLOCHE])

    async def visiteur(self, request: Request) -> Visiteur | None:
        """The signed-in applicant with the bell (two calls: identity's session, the notifier)."""
        connecte = await self.connecte(request)
        return None if connecte is None else await self.cloche(connecte)
