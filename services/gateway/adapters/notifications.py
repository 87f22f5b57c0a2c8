"""The notifier's « Mes Notifications » (`contracts.clients.notifier`), as `domain.ports.Notifications`."""

from __future__ import annotations

from contracts.clients.notifier import NotifierClient
from contracts.notifier import FiltreLecture, PageNotifications
from plumbing.actors import parse_actor


class NotifierNotifications:
    def __init__(self, client: NotifierClient) -> None:
        self.client = client

    async def non_lues(self, acteur: str, *, nombre: int) -> PageNotifications:
        """As the applicant themself: the notifier shows them their own notifications only."""
        client = self.client.as_actor(parse_actor(acteur))
        return await client.notifications(lecture=FiltreLecture.NON_LUES, par_page=nombre)
