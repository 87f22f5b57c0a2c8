"""What the notifier's API and task handlers are built with (wired in `__main__`, or by tests)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from services.notifier.storage.courriels import SqlRegistreCourriels
from services.notifier.storage.unite import SqlUniteDeTravail, ouvrir_unite


def maintenant() -> datetime:
    return datetime.now(UTC)


def nouvel_identifiant() -> str:
    return str(uuid.uuid4())


def rien() -> None:
    return None


Rejeu = Callable[[int, str, str], Awaitable[None]]


@dataclass
class Dependances:
    sessions: sessionmaker[Session]
    lien_connexion: str
    horloge: Callable[[], datetime] = maintenant
    nouvel_id: Callable[[], str] = nouvel_identifiant
    # Wake the relays up after a commit, so messages and events leave at once.
    signaler_message: Callable[[], None] = rien
    signaler_outbox: Callable[[], None] = rien
    rejouer_courriel: Rejeu | None = None
    registre: SqlRegistreCourriels = field(init=False)

    def __post_init__(self) -> None:
        self.registre = SqlRegistreCourriels(self.sessions)

    def unite(self) -> AbstractContextManager[SqlUniteDeTravail]:
        return ouvrir_unite(self.sessions)
