"""SqlDocumentsRepository: the repository of one unit of work — dossiers, files, generated documents, events."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from contracts.documents import Evenement, PieceCode, subject
from contracts.process import Modele
from plumbing.outbox import Outbox
from services.documents.domain.generes import DocumentGenereEnregistre
from services.documents.domain.modeles import DossierDocuments, Fichier
from services.documents.storage.tables import documents_generes, dossiers, fichiers, outbox

_OUTBOX = Outbox(outbox)


class SqlDocumentsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # Dossiers.

    def dossier(self, dossier_id: str, *, verrou: bool = False) -> DossierDocuments | None:
        """The dossier, locked until the end of the transaction when `verrou` (PostgreSQL)."""
        query = select(dossiers).where(dossiers.c.dossier_id == dossier_id)
        row = self.session.execute(query.with_for_update() if verrou else query).mappings().first()
        return _dossier(row) if row else None

    def ajouter_dossier(self, dossier: DossierDocuments) -> None:
        self.session.execute(insert(dossiers).values(**_colonnes_dossier(dossier)))

    def enregistrer_dossier(self, dossier: DossierDocuments) -> None:
        values = _colonnes_dossier(dossier)
        self.session.execute(
            update(dossiers).where(dossiers.c.dossier_id == values.pop("dossier_id")).values(**values)
        )

    # Files of pieces.

    def fichiers(self, dossier_id: str, piece: PieceCode | None = None) -> list[Fichier]:
        query = select(fichiers).where(fichiers.c.dossier_id == dossier_id)
        if piece is not None:
            query = query.where(fichiers.c.piece == piece.value)
        query = query.order_by(fichiers.c.version, fichiers.c.id)
        return [_fichier(row) for row in self.session.execute(query).mappings()]

    def fichier(self, dossier_id: str, fichier_id: str) -> Fichier | None:
        query = select(fichiers).where(fichiers.c.dossier_id == dossier_id, fichiers.c.id == fichier_id)
        row = self.session.execute(query).mappings().first()
        return _fichier(row) if row else None

    def ajouter_fichier(self, fichier: Fichier) -> None:
        self.session.execute(insert(fichiers).values(**asdict(fichier)))

    def supprimer_fichier(self, fichier_id: str) -> None:
        self.session.execute(delete(fichiers).where(fichiers.c.id == fichier_id))

    def marquer_remplaces(self, fichier_ids: list[str], quand: datetime) -> None:
        if fichier_ids:
            self.session.execute(
                update(fichiers).where(fichiers.c.id.in_(fichier_ids)).values(remplace_le=quand)
            )

    def restaurer(self, fichier_ids: list[str]) -> None:
        """The previous version is current again (the round's new one was taken back)."""
        if fichier_ids:
            self.session.execute(
                update(fichiers).where(fichiers.c.id.in_(fichier_ids)).values(remplace_le=None)
            )

    def sceller_fichiers(self, dossier_id: str, quand: datetime) -> int:
        """Freeze every current file not yet frozen; answer how many current files are frozen."""
        courants = (fichiers.c.dossier_id == dossier_id, fichiers.c.remplace_le.is_(None))
        self.session.execute(
            update(fichiers).where(*courants, fichiers.c.scelle_le.is_(None)).values(scelle_le=quand)
        )
        return int(self.session.scalar(select(func.count()).select_from(fichiers).where(*courants)) or 0)

    def contenu_reference(self, sha256: str) -> bool:
        """Whether any file or generated document still points at this content."""
        for table in (fichiers, documents_generes):
            if self.session.scalar(select(func.count()).select_from(table).where(table.c.sha256 == sha256)):
                return True
        return False

    # Generated documents.

    def document_genere(self, dossier_id: str, document_id: str) -> DocumentGenereEnregistre | None:
        query = select(documents_generes).where(
            documents_generes.c.dossier_id == dossier_id, documents_generes.c.id == document_id
        )
        row = self.session.execute(query).mappings().first()
        return _genere(row) if row else None

    def document_genere_par_cle(
        self, dossier_id: str, modele: Modele, idempotence: str
    ) -> DocumentGenereEnregistre | None:
        query = select(documents_generes).where(
            documents_generes.c.dossier_id == dossier_id,
            documents_generes.c.modele == modele.value,
            documents_generes.c.idempotence == idempotence,
        )
        row = self.session.execute(query).mappings().first()
        return _genere(row) if row else None

    def documents_generes(self, dossier_id: str) -> list[DocumentGenereEnregistre]:
        query = (
            select(documents_generes)
            .where(documents_generes.c.dossier_id == dossier_id)
            .order_by(documents_generes.c.cree_le, documents_generes.c.id)
        )
        return [_genere(row) for row in self.session.execute(query).mappings()]

    def ajouter_document_genere(self, document: DocumentGenereEnregistre) -> None:
        self.session.execute(insert(documents_generes).values(**asdict(document)))

    # Events.

    def publier(self, evenement: Evenement, payload: dict[str, Any]) -> None:
        """Queue an event in the same transaction (the outbox relay publishes it)."""
        _OUTBOX.add(self.session, subject(evenement), payload)


def _dossier(row: Any) -> DossierDocuments:
    return DossierDocuments(**{**row, "pieces_ronde": tuple(PieceCode(p) for p in row["pieces_ronde"])})


def _colonnes_dossier(dossier: DossierDocuments) -> dict[str, Any]:
    return {**asdict(dossier), "pieces_ronde": [p.value for p in dossier.pieces_ronde]}


def _fichier(row: Any) -> Fichier:
    return Fichier(**{**row, "piece": PieceCode(row["piece"])})


def _genere(row: Any) -> DocumentGenereEnregistre:
    return DocumentGenereEnregistre(**{**row, "modele": Modele(row["modele"])})
