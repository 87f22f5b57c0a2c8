"""One unit of work for every service: one session, one commit, and one retry policy on conflicts.

A use case runs inside `UnitOfWork.run`: it receives the repositories of one transaction (built by
the service's `repositories(session)` factory); on success everything is committed, on any error
rolled back. When two writers collide (a unique key taken meanwhile, a row changed meanwhile, a
serialisation failure, a deadlock, SQLite busy), the whole use case starts over on fresh data, at
most `attempts` times: idempotent use cases then find what the other writer did. A conflict that
outlasts the attempts is raised as `ConcurrentUpdate`, whatever the database said.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

R = TypeVar("R")
T = TypeVar("T")

ATTEMPTS = 3
# SQLSTATEs of PostgreSQL that mean "try again": serialization_failure, deadlock_detected,
# lock_not_available.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


class ConcurrentUpdate(Exception):
    """A repository found the row changed by another writer since it was read (optimistic lock)."""


def is_conflict(error: BaseException) -> bool:
    """Would running the same unit of work again on fresh data settle this error?"""
    if isinstance(error, ConcurrentUpdate | IntegrityError):
        return True
    if isinstance(error, DBAPIError):
        sqlstate = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
        if sqlstate in RETRYABLE_SQLSTATES:
            return True
        return "database is locked" in str(error.orig)
    return False


class UnitOfWork(Generic[R]):
    """Transactions over one service's database, each with its repositories."""

    def __init__(
        self, sessions: sessionmaker[Session], repositories: Callable[[Session], R], attempts: int = ATTEMPTS
    ) -> None:
        self.sessions, self.repositories, self.attempts = sessions, repositories, attempts

    @contextmanager
    def transaction(self) -> Iterator[R]:
        """One transaction, no retry: commit on success, roll back on any error."""
        with self.sessions() as session, session.begin():
            yield self.repositories(session)

    def run(self, use_case: Callable[[R], T]) -> T:
        """Run `use_case(repositories)` in its own transaction, starting over on a conflict."""
        for attempt in range(1, self.attempts + 1):
            try:
                with self.transaction() as repositories:
                    return use_case(repositories)
            except Exception as error:
                if not is_conflict(error):
                    raise
                if attempt == self.attempts:
                    if isinstance(error, ConcurrentUpdate):
                        raise
                    # callers (an API's error table) meet one exception for every kind of conflict
                    raise ConcurrentUpdate() from error
                time.sleep(0.005 * attempt)
        raise AssertionError("unreachable")

    async def run_async(self, use_case: Callable[[R], T]) -> T:
        """`run`, off the event loop (database drivers block)."""
        return await asyncio.to_thread(self.run, use_case)
