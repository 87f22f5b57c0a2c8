"""« Mes Notifications »: the list with its filter and pages, and one notification opened.

Opening a notification is, for the administration, the acknowledgement of receipt: the notifier
records it on the applicant's first opening (« Lue le … ») and the deadline of a demande de
complément starts then. Its attached PDF is a document generated for the applicant's dossier,
downloaded through `/demande/{dossier}/documents/{document}` (the documents service checks whose).
"""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from services.gateway.api.deps import GatewayDeps
from services.gateway.domain.notifications import FILTRES, RESULTATS_PAR_PAGE, lire_consultation

NotificationId = Annotated[str, Path(max_length=64)]
Parametre = Annotated[str, Query()]


def build_notifications_router(deps: GatewayDeps) -> APIRouter:
    router = APIRouter()
    pages = deps.pages

    @router.get("/espace/notifications")
    async def mes_notifications(
        request: Request, lecture: Parametre = "", page: Parametre = "", par_page: Parametre = ""
    ) -> Response:
        """« Vous pouvez suivre votre correspondance avec l'administration ci-dessous. »"""
        connecte = await deps.demandeur(request)
        consultation = lire_consultation(lecture, page, par_page)
        liste, visiteur = await asyncio.gather(
            deps.notifications.lister(
                connecte.acteur,
                lecture=consultation.lecture,
                page=consultation.page,
                par_page=consultation.par_page,
            ),
            deps.cloche(connecte),
        )
        return pages.render(
            request,
            "notifications/liste.html",
            visiteur=visiteur,
            liste=liste,
            consultation=consultation,
            filtres=FILTRES,
            resultats_par_page=RESULTATS_PAR_PAGE,
        )

    @router.get("/espace/notifications/{notification_id}")
    async def notification(request: Request, notification_id: NotificationId) -> Response:
        """The notification (another applicant's: the notifier answers 404, so does the page)."""
        connecte = await deps.demandeur(request)
        detail = await deps.notifications.ouvrir(connecte.acteur, notification_id)
        visiteur = await deps.cloche(connecte)  # after the opening: the bell no longer counts it
        return pages.render(
            request, "notifications/notification.html", visiteur=visiteur, notification=detail
        )

    return router
