"""The documents service (`contracts.clients.documents`) and the pdf service's public list of
pieces (`contracts.clients.pdf`), as `domain.ports.Justificatifs`."""

from __future__ import annotations

from contracts.clients.base import FichierLu, NotFound
from contracts.clients.documents import DocumentsClient, FichierEnvoye
from contracts.clients.pdf import PdfClient
from contracts.documents import (
    Cas,
    DocumentGenere,
    FichierPiece,
    NumeroEphoto,
    PieceCatalogue,
    PieceCode,
    PiecesDossier,
)
from plumbing.actors import actor_from_token
from services.gateway.domain.ports import Fichier


def _fichier(lu: FichierLu, nom: str) -> Fichier:
    return Fichier(nom=lu.nom or nom, contenu=lu.contenu, type_media=lu.type_media)


class DocumentsJustificatifs:
    """The catalogue is the same for everybody of a case: it is asked once per case and kept."""

    def __init__(self, documents: DocumentsClient, pdf: PdfClient) -> None:
        self.documents, self.pdf = documents, pdf
        self._catalogues: dict[Cas, list[PieceCatalogue]] = {}

    def _pour(self, acteur: str) -> DocumentsClient:
        return self.documents.as_actor(actor_from_token(acteur))

    async def catalogue(self, cas: Cas) -> list[PieceCatalogue]:
        if cas not in self._catalogues:
            self._catalogues[cas] = await self.documents.catalogue(cas)
        return self._catalogues[cas]

    async def pieces(self, acteur: str, dossier_id: str) -> PiecesDossier:
        """A draft without any file yet is unknown to documents (404): it has no pieces. The pages
        ask the dossier service first, which answers 404 for anyone else's dossier."""
        try:
            return await self._pour(acteur).pieces(dossier_id)
        except NotFound:
            return PiecesDossier(dossier_id=dossier_id, scelle=False, pieces=[])

    async def joindre(
        self, acteur: str, dossier_id: str, piece: PieceCode, fichiers: list[Fichier], prefecture: str
    ) -> list[FichierPiece]:
        envoyes = [FichierEnvoye(f.nom, f.contenu, f.type_media) for f in fichiers]
        return await self._pour(acteur).joindre(dossier_id, piece, envoyes, prefecture=prefecture)

    async def retirer(self, acteur: str, dossier_id: str, fichier_id: str) -> None:
        await self._pour(acteur).retirer(dossier_id, fichier_id)

    async def remplacer(
        self, acteur: str, dossier_id: str, piece: PieceCode, fichiers: list[Fichier], ronde: int
    ) -> list[FichierPiece]:
        envoyes = [FichierEnvoye(f.nom, f.contenu, f.type_media) for f in fichiers]
        return await self._pour(acteur).remplacer(dossier_id, piece, envoyes, ronde=ronde)

    async def definir_ephoto(
        self, acteur: str, dossier_id: str, numero: str | None, prefecture: str
    ) -> NumeroEphoto:
        return await self._pour(acteur).definir_ephoto(dossier_id, numero, prefecture=prefecture)

    async def fichier(self, acteur: str, dossier_id: str, fichier_id: str) -> Fichier:
        return _fichier(await self._pour(acteur).fichier(dossier_id, fichier_id), "document")

    async def documents_generes(self, acteur: str, dossier_id: str) -> list[DocumentGenere]:
        try:
            return await self._pour(acteur).documents_generes(dossier_id)
        except NotFound:  # nothing stored for this dossier yet (its owner was checked first)
            return []

    async def document_genere(self, acteur: str, dossier_id: str, document_id: str) -> Fichier:
        lu = await self._pour(acteur).document_genere(dossier_id, document_id)
        return _fichier(lu, "confirmation-depot.pdf")

    async def liste_des_pieces(self) -> Fichier:
        return _fichier(await self.pdf.liste_des_pieces(), "liste-des-pieces-justificatives.pdf")
