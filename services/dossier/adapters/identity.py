"""`FichesDemandeurs` on identity's typed client (`contracts.clients.identity`)."""

from __future__ import annotations

from contracts.clients.base import RequestRefused, ServiceUnavailable
from contracts.clients.identity import IdentityClient
from contracts.identity import FicheDemandeur


class IdentityFiches:
    """The dossier reads as itself (`service:dossier`): a refusal is as unusable as no answer."""

    def __init__(self, client: IdentityClient) -> None:
        self.client = client

    async def fiche(self, demandeur_id: str) -> FicheDemandeur:
        try:
            return await self.client.fiche(demandeur_id)
        except RequestRefused as refus:
            raise ServiceUnavailable(f"Service identity : requête refusée (HTTP {refus.status}).") from None
