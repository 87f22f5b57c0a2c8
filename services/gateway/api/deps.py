"""What the pages are built with, and the visitor behind the session cookie."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from contracts.clients.base import ServiceUnavailable
from services.gateway.api.pages import Pages, Visiteur
from services.gateway.api.security import SESSION_COOKIE, Security
from services.gateway.domain.ports import Comptes, Notifications

DANS_LA_CLOCHE = 5  # notifications listed under the bell


@dataclass(frozen=True)
class GatewayDeps:
    comptes: Comptes
    notifications: Notifications
    pages: Pages
    security: Security

    async def visiteur(self, request: Request) -> Visiteur | None:
        """The signed-in applicant (two calls: identity's session, the notifier's unread list)."""
        jeton = request.cookies.get(SESSION_COOKIE)
        if not jeton or len(jeton) > 200:
            return None
        session = await self.comptes.session(jeton)
        if session is None or session.demandeur is None:
            return None
        try:
            page = await self.notifications.non_lues(session.acteur, nombre=DANS_LA_CLOCHE)
        except ServiceUnavailable:
            return Visiteur(session, jeton, None, [])
        return Visiteur(session, jeton, page.total, list(page.elements))
