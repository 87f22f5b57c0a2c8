"""E-mails already accepted by the relay (de-duplication) and e-mails given up (dead letters)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from contracts.notifier import CourrielEnEchec
from services.notifier.domain.courriels import CourrielAbandonne
from services.notifier.storage.tables import courriels_en_echec, courriels_envoyes


class SqlRegistreCourriels:
    """Within the caller's session (one unit of work)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def deja_envoye(self, idempotence: str) -> bool:
        query = select(courriels_envoyes.c.idempotence).where(courriels_envoyes.c.idempotence == idempotence)
        return self.session.execute(query).first() is not None

    def envoye(self, idempotence: str, modele: str, le: datetime) -> None:
        # Recorded by a concurrent delivery of the same request: same outcome. If both insert at
        # once, the unit of work starts over on the unique key and this check then sees the row.
        if not self.deja_envoye(idempotence):
            self.session.execute(
                insert(courriels_envoyes).values(idempotence=idempotence, modele=modele, envoye_le=le)
            )

    def abandonne(self, abandon: CourrielAbandonne) -> None:
        self.session.execute(
            insert(courriels_en_echec).values(
                idempotence=abandon.idempotence[:200],
                modele=abandon.modele[:64],
                subject=abandon.subject[:200],
                demande=abandon.demande,
                erreur=abandon.erreur[:500],
                livraisons=abandon.livraisons,
                cree_le=abandon.le,
            )
        )

    def en_echec(self, limite: int = 100) -> list[CourrielEnEchec]:
        table = courriels_en_echec
        query = select(table).order_by(table.c.id.desc()).limit(limite)
        return [
            CourrielEnEchec(
                id=row.id,
                idempotence=row.idempotence,
                modele=row.modele,
                erreur=row.erreur,
                livraisons=row.livraisons,
                date=row.cree_le,
                rejoue_le=row.rejoue_le,
            )
            for row in self.session.execute(query)
        ]

    def a_rejouer(self, echec_id: int) -> tuple[str, str] | None:
        """The subject and raw request of a dead letter not replayed yet, or None."""
        table = courriels_en_echec
        query = select(table.c.subject, table.c.demande).where(
            table.c.id == echec_id, table.c.rejoue_le.is_(None)
        )
        row = self.session.execute(query).first()
        return (row.subject, row.demande) if row else None

    def rejoue(self, echec_id: int, le: datetime) -> None:
        self.session.execute(
            update(courriels_en_echec).where(courriels_en_echec.c.id == echec_id).values(rejoue_le=le)
        )
