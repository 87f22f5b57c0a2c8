"""Registre: runs one unit of work on the repository, in one transaction, off the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from plumbing.database import transaction
from services.documents.storage.repository import SqlDocumentsRepository

T = TypeVar("T")


class Registre:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    async def __call__(self, travail: Callable[[SqlDocumentsRepository], T]) -> T:
        """Run `travail` in a worker thread; commit when it returns, roll back when it raises."""
        return await asyncio.to_thread(self.executer, travail)

    def executer(self, travail: Callable[[SqlDocumentsRepository], T]) -> T:
        """Run once more when a concurrent request registered the same dossier first (a double click)."""
        try:
            return self._une_fois(travail)
        except IntegrityError:
            return self._une_fois(travail)

    def _une_fois(self, travail: Callable[[SqlDocumentsRepository], T]) -> T:
        with transaction(self.sessions) as session:
            return travail(SqlDocumentsRepository(session))
