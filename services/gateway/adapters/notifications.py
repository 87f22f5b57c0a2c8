"""The notifier's « Mes Notifications » (`contracts.clients.notifier`), as `domain.ports.Notifications`."""

from __future__ import annotations

from contracts.clients.notifier import NotifierClient
from contracts.notifier import (
    PAR_PAGE_MAX,
    FiltreLecture,
    NotificationDetail,
    NotificationResume,
    OuvertureDemande,
    PageNotifications,
)
from contracts.process import Modele
from plumbing.actors import actor_from_token


class NotifierNotifications:
    """Every call as the applicant themself: the notifier shows them their own notifications only."""

    def __init__(self, client: NotifierClient) -> None:
        self.client = client

    def _pour(self, acteur: str) -> NotifierClient:
        return self.client.as_actor(actor_from_token(acteur))

    async def non_lues(self, acteur: str, *, nombre: int) -> PageNotifications:
        return await self._pour(acteur).notifications(lecture=FiltreLecture.NON_LUES, par_page=nombre)

    async def lister(
        self, acteur: str, *, lecture: FiltreLecture, page: int, par_page: int
    ) -> PageNotifications:
        return await self._pour(acteur).notifications(lecture=lecture, page=page, par_page=par_page)

    async def ouvrir(self, acteur: str, notification_id: str) -> NotificationDetail:
        return await self._pour(acteur).notification(notification_id)

    async def ouvrir_demande(
        self, acteur: str, dossier_id: str, numero: int, *, nombre: int
    ) -> OuvertureDemande:
        return await self._pour(acteur).ouvrir_demande_de_complement(dossier_id, numero, cloche=nombre)

    async def demandes_de_complement(self, acteur: str) -> list[NotificationResume]:
        page = await self._pour(acteur).notifications(type=Modele.DEMANDE_COMPLEMENTS, par_page=PAR_PAGE_MAX)
        return page.elements
