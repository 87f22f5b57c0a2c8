"""What the use cases need from the outside world: a PDF renderer and the documents service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from contracts.documents import AnnexePieces, DocumentGenere
from services.pdf.domain.documents import DocumentPrepare
from services.pdf.domain.erreurs import DocumentImpossible


@dataclass(frozen=True)
class Proprietaire:
    """Whose dossier it is, for the documents service to register it if it does not know it yet."""

    demandeur_id: str | None = None
    prefecture: str | None = None


@dataclass(frozen=True)
class DocumentADeposer:
    """A rendered PDF to keep with its dossier; the same `cle_idempotence` stores it once."""

    dossier_id: str
    modele: str
    nom_fichier: str
    contenu: bytes
    cle_idempotence: str
    proprietaire: Proprietaire


class MoteurRendu(Protocol):
    async def rendre(self, document: DocumentPrepare) -> bytes:
        """The PDF of a prepared document."""
        ...


class DepotDocuments(Protocol):
    """The documents service: where generated PDFs are kept, and the catalogue of pieces.

    Fails with `DepotIndisponible` (retrying may help) or `DepotRefuse` (it will not).
    """

    async def deposer(self, document: DocumentADeposer) -> DocumentGenere:
        """Store a generated PDF with its dossier, once per `cle_idempotence`."""
        ...

    async def annexe(self) -> AnnexePieces:
        """The rubriques of Annexe 1 (liste des pièces justificatives), the same for everybody."""
        ...


class DepotIndisponible(Exception):
    """The documents service could not be reached or failed: retrying may help."""


class DepotRefuse(DocumentImpossible):
    """The documents service refused the request (4xx): retrying the same request will not help."""
