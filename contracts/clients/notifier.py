"""Client of the notifier's internal API (routes in `contracts.notifier`).

The applicant site lists "Mes Notifications", shows the bell's count, opens a notification (the
applicant's first opening is the acknowledgement of receipt) and answers a demande de compléments;
the platform and its administrators list and replay the e-mails given up.
"""

from __future__ import annotations

from typing import Any

from contracts.clients.base import InternalApiClient, path
from contracts.notifier import (
    PAR_PAGE_DEFAUT,
    CompteurNotifications,
    CourrielEnEchec,
    FiltreLecture,
    NotificationDetail,
    OuvertureDemande,
    PageNotifications,
    PieceJointe,
)
from contracts.process import Modele


class NotifierClient(InternalApiClient):
    service = "notifier"

    async def notifications(
        self,
        *,
        lecture: FiltreLecture = FiltreLecture.TOUTES,
        type: Modele | None = None,
        page: int = 1,
        par_page: int = PAR_PAGE_DEFAUT,
        demandeur: str | None = None,
    ) -> PageNotifications:
        """One page of the notifications the actor may see, newest first (`demandeur`: for an
        agent or a service, the applicant whose notifications they want)."""
        params: dict[str, Any] = {"lecture": lecture.value, "page": page, "parPage": par_page}
        if type is not None:
            params["type"] = type.value
        if demandeur is not None:
            params["demandeur"] = demandeur
        return await self.get_model(PageNotifications, "/notifications", params=params)

    async def compteur(self, *, demandeur: str | None = None) -> CompteurNotifications:
        """The bell's count of unread notifications (a service names the applicant)."""
        params = {"demandeur": demandeur} if demandeur is not None else {}
        return await self.get_model(CompteurNotifications, "/notifications/compteur", params=params)

    async def notification(self, notification_id: str) -> NotificationDetail:
        """One notification; when the applicant opens it the first time, its receipt is acknowledged."""
        return await self.get_model(NotificationDetail, path("notifications", notification_id))

    async def ouvrir_demande_de_complement(
        self, dossier_id: str, ronde: int, *, cloche: int
    ) -> OuvertureDemande:
        """The demand of round `ronde` of the dossier, opened (the applicant's acknowledgement of
        receipt), with the bell's `cloche` newest unread notifications and their count."""
        params = {"dossier": dossier_id, "ronde": ronde, "cloche": cloche}
        return await self.get_model(
            OuvertureDemande, "/notifications/demandes-de-complement/ouverture", params=params
        )

    async def pieces_jointes(self, notification_id: str) -> list[PieceJointe]:
        url = path("notifications", notification_id, "pieces-jointes")
        return await self.get_model(list[PieceJointe], url)

    async def courriels_en_echec(self, *, limite: int = 100) -> list[CourrielEnEchec]:
        """E-mails given up after their last delivery (the platform or an administrator)."""
        return await self.get_model(list[CourrielEnEchec], "/courriels/echecs", params={"limite": limite})

    async def rejouer_courriel(self, echec_id: int) -> None:
        """Queue a dead letter again (`NotFound` if unknown or replayed already)."""
        await self.request("POST", path("courriels", "echecs", echec_id, "rejeu"))
