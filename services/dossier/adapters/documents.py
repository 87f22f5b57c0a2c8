"""`PiecesJustificatives` on the documents service's typed client (`contracts.clients.documents`)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TypeVar

from contracts.clients.base import RequestRefused, ServiceUnavailable
from contracts.clients.documents import DocumentsClient
from contracts.documents import Cas as CasDocuments
from contracts.documents import (
    DocumentGenere,
    OuvertureComplements,
    PieceCode,
    PieceManquante,
    PiecesDossier,
    VerificationPiecesRequest,
)
from contracts.dossier import Cas
from plumbing.actors import Actor

T = TypeVar("T")
DOSSIER = Actor("service", "dossier")


class DocumentsPiecesJustificatives:
    """The dossier asks as itself; a refusal of its own request is as unusable as no answer."""

    def __init__(self, client: DocumentsClient) -> None:
        self.client = client

    async def manquantes(self, dossier_id: str, *, cas: Cas) -> list[PieceManquante]:
        demande = VerificationPiecesRequest(cas=CasDocuments(cas.value))
        return (await _reponse(self.client.verifier_pieces(dossier_id, demande))).manquantes

    async def ouvrir_complements(self, dossier_id: str, *, ronde: int, pieces: list[str]) -> None:
        ouverture = OuvertureComplements(ronde=ronde, pieces=[PieceCode(p) for p in pieces])
        await _reponse(self.client.ouvrir_complements(dossier_id, ouverture))

    async def pieces_remplacees(self, dossier_id: str, *, ronde: int) -> set[str]:
        """The pieces given a new version in round `ronde`: new files, or a new e-photo number."""
        dossier = await _reponse(self.client.pieces(dossier_id))
        remplacees = {p.code.value for p in dossier.pieces if any(f.ronde == ronde for f in p.fichiers)}
        if dossier.ephoto_ronde == ronde:
            remplacees.add(PieceCode.PHOTOGRAPHIE_IDENTITE.value)
        return remplacees

    async def documents(self, dossier_id: str) -> tuple[PiecesDossier, list[DocumentGenere]]:
        return await asyncio.gather(
            _reponse(self.client.pieces(dossier_id)), _reponse(self.client.documents_generes(dossier_id))
        )


async def _reponse(appel: Awaitable[T]) -> T:
    try:
        return await appel
    except RequestRefused as refus:
        raise ServiceUnavailable(f"Service documents : requête refusée (HTTP {refus.status}).") from None
