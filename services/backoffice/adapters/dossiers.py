"""The dossier service's internal API (`contracts.clients.dossier`) as `domain.ports.Dossiers`."""

from __future__ import annotations

from contracts.clients.dossier import DossierClient
from contracts.dossier import DossierVue
from plumbing.actors import Actor


class DossierDossiers:
    def __init__(self, client: DossierClient) -> None:
        self.client = client

    async def dossier(self, agent: Actor, dossier_id: str) -> DossierVue:
        """As the agent themself: the dossier service checks the préfecture too."""
        return await self.client.as_actor(agent).dossier(dossier_id)
