"""One unit of work: commit, roll back, and start over when another writer got there first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from plumbing.database import create_database_engine, create_session_factory
from plumbing.unit_of_work import ConcurrentUpdate, UnitOfWork

pytestmark = pytest.mark.integration

metadata = MetaData()
comptes = Table(
    "comptes",
    metadata,
    Column("id", String(20), primary_key=True),
    Column("visites", Integer, nullable=False),
)


class Comptes:
    def __init__(self, session: Session) -> None:
        self.session = session

    def ajouter(self, compte_id: str) -> None:
        self.session.execute(insert(comptes).values(id=compte_id, visites=0))

    def existe(self, compte_id: str) -> bool:
        return self.session.execute(select(comptes.c.id).where(comptes.c.id == compte_id)).first() is not None

    def tous(self) -> list[str]:
        return [row.id for row in self.session.execute(select(comptes.c.id).order_by(comptes.c.id))]


@pytest.fixture
def unit_of_work(database_url: str) -> Iterator[UnitOfWork[Comptes]]:
    engine = create_database_engine(database_url)
    metadata.create_all(engine)
    yield UnitOfWork(create_session_factory(engine), Comptes)
    engine.dispose()


def test_commits_on_success_and_rolls_back_on_error(unit_of_work: UnitOfWork[Comptes]) -> None:
    unit_of_work.run(lambda repos: repos.ajouter("a"))
    with pytest.raises(RuntimeError):
        unit_of_work.run(lambda repos: (repos.ajouter("b"), _echouer()))
    assert unit_of_work.run(lambda repos: repos.tous()) == ["a"]


def test_a_key_taken_meanwhile_starts_the_use_case_over_on_fresh_data(
    unit_of_work: UnitOfWork[Comptes],
) -> None:
    """The idempotent "create unless it exists" of two concurrent requests: both succeed, one row."""
    essais: list[bool] = []

    def creer_une_fois(repos: Comptes) -> str:
        deja_la = repos.existe("c")
        essais.append(deja_la)
        if deja_la:
            return "trouvé"
        if len(essais) == 1:  # another writer commits the same key between our read and our write
            unit_of_work.run(lambda autre: autre.ajouter("c"))
        repos.ajouter("c")
        return "créé"

    assert unit_of_work.run(creer_une_fois) == "trouvé"
    assert essais == [False, True]
    assert unit_of_work.run(lambda repos: repos.tous()) == ["c"]


def test_a_concurrent_update_is_retried_then_reported(unit_of_work: UnitOfWork[Comptes]) -> None:
    essais = []

    def toujours_en_conflit(_repos: Comptes) -> None:
        essais.append(1)
        raise ConcurrentUpdate()

    with pytest.raises(ConcurrentUpdate):
        unit_of_work.run(toujours_en_conflit)
    assert len(essais) == 3


def test_a_key_conflict_that_outlasts_the_attempts_is_a_concurrent_update(
    unit_of_work: UnitOfWork[Comptes],
) -> None:
    unit_of_work.run(lambda repos: repos.ajouter("e"))
    with pytest.raises(ConcurrentUpdate) as raised:
        unit_of_work.run(lambda repos: repos.ajouter("e"))
    assert isinstance(raised.value.__cause__, IntegrityError)


def test_other_errors_are_not_retried(unit_of_work: UnitOfWork[Comptes]) -> None:
    essais = []

    def invalide(_repos: Comptes) -> None:
        essais.append(1)
        raise ValueError("donnée invalide")

    with pytest.raises(ValueError):
        unit_of_work.run(invalide)
    assert len(essais) == 1


async def test_runs_off_the_event_loop(unit_of_work: UnitOfWork[Comptes]) -> None:
    await unit_of_work.run_async(lambda repos: repos.ajouter("d"))
    assert await unit_of_work.run_async(lambda repos: repos.tous()) == ["d"]


def _echouer() -> None:
    raise RuntimeError("le cas d'usage échoue")
