"""The dossier, documents and notifier internal APIs (`contracts.clients.*`) as `domain.ports.Dossiers`.

Every call is made as the agent themself: each service checks the dossier is of their préfecture.
"""

from __future__ import annotations

from contracts.clients.base import FichierLu, RequestRefused, ServiceUnavailable
from contracts.clients.documents import DocumentsClient
from contracts.clients.dossier import DossierClient
from contracts.clients.notifier import NotifierClient
from contracts.dossier import ActionAgentSaisie, DossierComplet, DossierVue
from contracts.notifier import PAR_PAGE_MAX, NotificationResume
from plumbing.actors import Actor
from services.backoffice.domain.ports import ActionNonJournalisee, Fichier


def _fichier(lu: FichierLu) -> Fichier:
    return Fichier(lu.contenu, lu.type_media, lu.nom)


class DossierDossiers:
    def __init__(self, client: DossierClient, documents: DocumentsClient, notifier: NotifierClient) -> None:
        self.client, self.documents, self.notifier = client, documents, notifier

    async def dossier(self, agent: Actor, dossier_id: str) -> DossierVue:
        return await self.client.as_actor(agent).dossier(dossier_id)

    async def complet(self, agent: Actor, dossier_id: str) -> DossierComplet:
        return await self.client.as_actor(agent).complet(dossier_id)

    async def notifications(
        self, agent: Actor, demandeur_id: str, dossier_id: str
    ) -> list[NotificationResume]:
        page = await self.notifier.as_actor(agent).notifications(
            par_page=PAR_PAGE_MAX, demandeur=demandeur_id
        )
        return sorted((n for n in page.elements if n.dossier_id == dossier_id), key=lambda n: n.date)

    async def fichier(self, agent: Actor, dossier_id: str, fichier_id: str) -> Fichier:
        return _fichier(await self.documents.as_actor(agent).fichier(dossier_id, fichier_id))

    async def document_genere(self, agent: Actor, dossier_id: str, document_id: str) -> Fichier:
        return _fichier(await self.documents.as_actor(agent).document_genere(dossier_id, document_id))

    async def noter_action(self, agent: Actor, dossier_id: str, action: ActionAgentSaisie) -> None:
        try:
            await self.client.as_actor(agent).noter_action(dossier_id, action)
        except (ServiceUnavailable, RequestRefused) as erreur:
            raise ActionNonJournalisee(type(erreur).__name__) from None
