"""One unit of work: every repository bound to the same SQL transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from plumbing.database import transaction
from services.identity.domain.ports import Depots
from services.identity.storage.comptes import SqlComptesAgents, SqlComptesDemandeurs
from services.identity.storage.evenements import OutboxEvenements
from services.identity.storage.registre import SqlRegistre
from services.identity.storage.securite import SqlJetons, SqlSessions, SqlTentatives

T = TypeVar("T")


def depots_sql(session: Session) -> Depots:
    return Depots(
        registre=SqlRegistre(session),
        demandeurs=SqlComptesDemandeurs(session),
        agents=SqlComptesAgents(session),
        jetons=SqlJetons(session),
        sessions=SqlSessions(session),
        tentatives=SqlTentatives(session),
        evenements=OutboxEvenements(session),
    )


class SqlTransactions:
    """`with transactions() as depots:` commits on success, rolls back on any error."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory

    @contextmanager
    def __call__(self) -> Iterator[Depots]:
        with transaction(self.factory) as session:
            yield depots_sql(session)

    def executer(self, operation: Callable[[Depots], T], reprises: int = 2) -> T:
        """Run `operation` in a transaction; when a parallel one wrote first (a double click:
        the same row inserted twice), run it again: it then sees what the other one did."""
        for reprise in range(reprises + 1):
            try:
                with self() as depots:
                    return operation(depots)
            except IntegrityError:
                if reprise == reprises:
                    raise
        raise AssertionError("inaccessible")
