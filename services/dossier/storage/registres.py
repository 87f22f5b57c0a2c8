"""One transaction's repositories, and the factory that opens them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session, sessionmaker

from plumbing.database import transaction
from services.dossier.storage.commandes import SqlCommandesMoteur
from services.dossier.storage.dossiers import SqlDossierRepository
from services.dossier.storage.rondes import SqlRondesRepository
from services.dossier.storage.travaux import SqlJobsTraites, SqlSequences


class Registres:
    """The repositories of one unit of work, sharing its session."""

    def __init__(self, session: Session) -> None:
        self.dossiers = SqlDossierRepository(session)
        self.rondes = SqlRondesRepository(session)
        self.sequences = SqlSequences(session)
        self.jobs = SqlJobsTraites(session)
        self.commandes = SqlCommandesMoteur(session)


class Stockage:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    @contextmanager
    def transaction(self) -> Iterator[Registres]:
        with transaction(self.sessions) as session:
            yield Registres(session)
