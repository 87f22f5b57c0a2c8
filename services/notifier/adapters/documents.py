"""Generated documents attached to e-mails, read through the documents service's client."""

from __future__ import annotations

from contracts.clients.base import NotFound
from contracts.clients.documents import DocumentsClient
from services.notifier.domain.courriels import Fichier, PieceJointeCourriel


class DocumentsPiecesJointes:
    def __init__(self, client: DocumentsClient) -> None:
        self.client = client

    async def lire(self, piece: PieceJointeCourriel) -> Fichier | None:
        """The file, or None if unknown; unreachable (`ServiceUnavailable`): the queue tries later."""
        try:
            lu = await self.client.document_genere(piece.dossier_id, piece.document_id)
        except NotFound:
            return None
        return Fichier(nom=piece.nom_fichier, contenu=lu.contenu, type_media=lu.type_media)
