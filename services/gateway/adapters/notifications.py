"""The notifier's « Mes Notifications », as `domain.ports.Notifications`."""

from __future__ import annotations

from contracts.clients.base import InternalApiClient
from contracts.notifier import PageNotifications
from plumbing.actors import parse_actor


class NotifierApi(InternalApiClient):
    service = "notifier"


class NotifierNotifications:
    def __init__(self, client: NotifierApi) -> None:
        self.client = client

    async def non_lues(self, acteur: str, *, nombre: int) -> PageNotifications:
        client = self.client.as_actor(parse_actor(acteur))
        params = {"lecture": "non-lues", "page": 1, "par_page": nombre, "parPage": nombre}
        return await client.get_model(PageNotifications, "/notifications", params=params)
