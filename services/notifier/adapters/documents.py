"""Generated documents attached to e-mails, read through the documents service's client."""

from __future__ import annotations

from contracts.clients.base import NotFound
from contracts.clients.documents import DocumentsClient
from contracts.notifier import FichierExamine
from services.notifier.domain.courriels import Fichier, PieceJointeCourriel
from services.notifier.domain.redaction import JustificatifsExamines


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


class JustificatifsDuDossier:
    """The files the agent examined, for a demande de compléments (« VOIR LE DOCUMENT »)."""

    def __init__(self, client: DocumentsClient) -> None:
        self.client = client

    async def examines(self, dossier_id: str) -> JustificatifsExamines:
        """The current files of each piece; unreachable (`ServiceUnavailable`): the job is retried."""
        try:
            pieces = await self.client.pieces(dossier_id)
        except NotFound:
            return JustificatifsExamines()
        fichiers = {
            p.code.value: tuple(FichierExamine(id=f.id, nom_fichier=f.nom_fichier) for f in p.fichiers)
            for p in pieces.pieces
        }
        return JustificatifsExamines(fichiers=fichiers, numero_ephoto=pieces.numero_ephoto)
