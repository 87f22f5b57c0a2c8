"""`JustificatifsDomicile` on the documents service's typed client (`contracts.clients.documents`)."""

from __future__ import annotations

from contracts.clients.base import NotFound, RequestRefused, ServiceUnavailable
from contracts.clients.documents import DocumentsClient
from contracts.documents import PieceCode
from contracts.identity import JustificatifDomicile
from plumbing.actors import Actor

IDENTITY = Actor("service", "identity")


class DocumentsJustificatifsDomicile:
    """Checked as the applicant (documents shows them their own files only), sealed as identity."""

    def __init__(self, client: DocumentsClient) -> None:
        self.client = client

    async def verifier(self, acteur: Actor, justificatif: JustificatifDomicile) -> bool:
        try:
            pieces = await self.client.as_actor(acteur).pieces(justificatif.dossier_id)
        except NotFound:
            return False
        except RequestRefused as refus:
            raise ServiceUnavailable(f"Service documents : requête refusée (HTTP {refus.status}).") from None
        return any(
            fichier.id == justificatif.fichier_id
            for piece in pieces.pieces
            if piece.code is PieceCode.JUSTIFICATIF_DOMICILE
            for fichier in piece.fichiers
        )

    async def sceller(self, justificatif: JustificatifDomicile, prefecture: str) -> None:
        try:
            await self.client.as_actor(IDENTITY).sceller(justificatif.dossier_id, prefecture=prefecture)
        except RequestRefused as refus:
            raise ServiceUnavailable(f"Service documents : requête refusée (HTTP {refus.status}).") from None


class JustificatifsNonConfigures:
    """Where no documents service is wired (the demo seed): declaring a move is impossible."""

    async def verifier(self, acteur: Actor, justificatif: JustificatifDomicile) -> bool:
        raise ServiceUnavailable("Service documents non configuré.")

    async def sceller(self, justificatif: JustificatifDomicile, prefecture: str) -> None:
        raise ServiceUnavailable("Service documents non configuré.")
