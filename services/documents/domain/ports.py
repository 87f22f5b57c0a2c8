"""What the use cases need from the outside: the blob store, the repository, and transactions."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any, Protocol, TypeVar

from contracts.documents import Evenement, PieceCode
from contracts.process import Modele
from services.documents.domain.generes import DocumentGenereEnregistre
from services.documents.domain.modeles import DossierDocuments, Fichier

T = TypeVar("T")
R_co = TypeVar("R_co", covariant=True)


class BlobNotFound(Exception):
    """No content under this sha256 (lost or never written)."""


class BlobStore(Protocol):
    """Content-addressed storage of the files' bytes: writing the same content twice is harmless."""

    async def put(self, sha256: str, content: bytes) -> None:
        """Keep `content` under `sha256` (its digest), atomically: readers never see half a file."""

    def read(self, sha256: str) -> AsyncIterator[bytes]:
        """The content in chunks; raises `BlobNotFound` when there is none."""
        ...

    async def exists(self, sha256: str) -> bool: ...

    async def delete(self, sha256: str) -> None:
        """Forget the content (nothing happens when there is none)."""


class DocumentsRepository(Protocol):
    """Dossiers, their files and generated documents, and the events, in one transaction."""

    def dossier(self, dossier_id: str, *, verrou: bool = False) -> DossierDocuments | None:
        """The dossier, locked until the end of the transaction when `verrou`."""

    def ajouter_dossier(self, dossier: DossierDocuments) -> None: ...
    def enregistrer_dossier(self, dossier: DossierDocuments) -> None: ...
    def fichiers(self, dossier_id: str, piece: PieceCode | None = None) -> list[Fichier]:
        """Every version of the files (of one piece), in the order they were sent."""

    def fichier(self, dossier_id: str, fichier_id: str) -> Fichier | None: ...
    def ajouter_fichier(self, fichier: Fichier) -> None: ...
    def supprimer_fichier(self, fichier_id: str) -> None: ...
    def marquer_remplaces(self, fichier_ids: list[str], quand: datetime) -> None: ...
    def restaurer(self, fichier_ids: list[str]) -> None: ...
    def sceller_fichiers(self, dossier_id: str, quand: datetime) -> int:
        """Freeze every current file not yet frozen; answer how many current files are frozen."""

    def contenu_reference(self, sha256: str) -> bool:
        """Whether any file or generated document still points at this content."""

    def document_genere(self, dossier_id: str, document_id: str) -> DocumentGenereEnregistre | None: ...
    def document_genere_par_cle(
        self, dossier_id: str, modele: Modele, idempotence: str
    ) -> DocumentGenereEnregistre | None: ...
    def documents_generes(self, dossier_id: str) -> list[DocumentGenereEnregistre]: ...
    def ajouter_document_genere(self, document: DocumentGenereEnregistre) -> None: ...
    def publier(self, evenement: Evenement, payload: dict[str, Any]) -> None:
        """Queue an event, published once the transaction is committed."""


class Transactions(Protocol[R_co]):
    """Runs a step of a use case in one transaction (`plumbing.unit_of_work.UnitOfWork`).

    The step starts over on fresh data when a concurrent writer got there first, so it must only
    read and write through the repository it receives.
    """

    async def run_async(self, use_case: Callable[[R_co], T]) -> T: ...


DocumentsTransactions = Transactions[DocumentsRepository]
