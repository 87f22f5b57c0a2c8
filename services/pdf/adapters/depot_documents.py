"""`DepotDocuments` over the documents service's typed client (`contracts.clients.documents`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from contracts.clients.base import RequestRefused, ServiceUnavailable
from contracts.clients.documents import DocumentsClient, FichierEnvoye
from contracts.documents import AnnexePieces, DocumentGenere
from services.pdf.domain.ports import DepotIndisponible, DepotRefuse, DocumentADeposer


class DocumentsServiceDepot:
    """Unreachable or failing (5xx, 429): `DepotIndisponible`, retried; refused (4xx): `DepotRefuse`."""

    def __init__(self, client: DocumentsClient) -> None:
        self.client = client

    async def deposer(self, document: DocumentADeposer) -> DocumentGenere:
        fichier = FichierEnvoye(document.nom_fichier, document.contenu, "application/pdf")
        with _echecs_du_depot():
            return await self.client.deposer_document_genere(
                document.dossier_id,
                fichier,
                modele=document.modele,
                idempotence=document.cle_idempotence,
                demandeur_id=document.proprietaire.demandeur_id,
                prefecture=document.proprietaire.prefecture,
            )

    async def annexe(self) -> AnnexePieces:
        with _echecs_du_depot():
            return await self.client.annexe()


@contextmanager
def _echecs_du_depot() -> Iterator[None]:
    """The client's errors as the port's: messages name the service and the status, not the data."""
    try:
        yield
    except ServiceUnavailable as erreur:
        raise DepotIndisponible(str(erreur)) from None
    except RequestRefused as erreur:
        raise DepotRefuse(f"Service documents : {erreur.detail} (HTTP {erreur.status}).") from None
