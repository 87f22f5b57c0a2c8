"""Engine messages owed by the notifier: written with the decision, read back by the relay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from services.notifier.domain.ports import MessageMoteur
from services.notifier.storage.tables import messages_moteur as table


class SqlMessagesMoteur:
    """The write side, inside the transaction that decided the message."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def prevoir(self, message: MessageMoteur, le: datetime) -> None:
        self.session.execute(
            insert(table).values(
                message_id=message.message_id,
                nom=message.nom,
                cle_correlation=message.cle_correlation,
                variables=message.variables,
                cree_le=le,
                tentatives=0,
            )
        )


@dataclass(frozen=True)
class MessageEnAttente:
    id: int
    message: MessageMoteur
    tentatives: int


class SqlFileMessagesMoteur:
    """The read side, for the relay that publishes until the engine acknowledges."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def en_attente(self, limite: int = 50) -> list[MessageEnAttente]:
        query = select(table).where(table.c.publie_le.is_(None)).order_by(table.c.id).limit(limite)
        with self.sessions() as session:
            rows = session.execute(query).all()
        return [
            MessageEnAttente(
                id=row.id,
                message=MessageMoteur(row.message_id, row.nom, row.cle_correlation, dict(row.variables)),
                tentatives=row.tentatives,
            )
            for row in rows
        ]

    def publie(self, row_id: int, le: datetime) -> None:
        self._update(row_id, publie_le=le, derniere_erreur=None)

    def echec(self, row_id: int, erreur: str) -> None:
        self._update(row_id, tentatives=table.c.tentatives + 1, derniere_erreur=erreur[:200])

    def _update(self, row_id: int, **values: object) -> None:
        with self.sessions() as session, session.begin():
            session.execute(update(table).where(table.c.id == row_id).values(**values))
