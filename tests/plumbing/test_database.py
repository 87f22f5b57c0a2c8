"""`UtcDateTime`: every service's instants come back timezone-aware in UTC, on SQLite as on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select
from sqlalchemy.exc import StatementError

from plumbing.database import UtcDateTime, create_database_engine

pytestmark = pytest.mark.integration

metadata = MetaData()
instants = Table("instants", metadata, Column("id", Integer, primary_key=True), Column("le", UtcDateTime()))
PARIS_ETE = timezone(timedelta(hours=2))


def test_an_instant_comes_back_aware_in_utc_and_compares_in_utc(database_url: str) -> None:
    engine = create_database_engine(database_url)
    metadata.create_all(engine)
    ecrit = datetime(2023, 8, 18, 10, 0, tzinfo=PARIS_ETE)  # 08:00 UTC
    with engine.begin() as conn:
        conn.execute(insert(instants).values(id=1, le=ecrit))
        conn.execute(insert(instants).values(id=2, le=None))
        lu = conn.execute(select(instants.c.le).where(instants.c.id == 1)).scalar_one()
        avant = conn.execute(
            select(instants.c.id).where(instants.c.le < datetime(2023, 8, 18, 9, 0, tzinfo=UTC))
        ).scalars()
        assert list(avant) == [1]
        assert conn.execute(select(instants.c.le).where(instants.c.id == 2)).scalar_one() is None
    assert lu == ecrit and lu.tzinfo is not None and lu.utcoffset() == timedelta(0)
    assert lu == datetime(2023, 8, 18, 8, 0, tzinfo=UTC)
    engine.dispose()


def test_a_naive_datetime_is_refused() -> None:
    engine = create_database_engine("sqlite://")
    metadata.create_all(engine)
    with pytest.raises(StatementError, match="sans fuseau horaire"), engine.begin() as conn:
        conn.execute(insert(instants).values(id=1, le=datetime(2023, 8, 18, 10, 0)))
    engine.dispose()


def test_database_errors_never_quote_the_bound_values(database_url: str) -> None:
    """SQLAlchemy leaves the parameters (an e-mail here) out of its errors; PostgreSQL's own message
    may still quote a value, which is why logged exceptions keep no message (`plumbing.logs`)."""
    engine = create_database_engine(database_url)
    metadata.create_all(engine)
    texte = ""
    with engine.connect() as conn:
        try:
            conn.execute(insert(instants).values(id="septetranger@yopmail.com"))
        except StatementError as erreur:
            texte = str(erreur)
        conn.rollback()
    engine.dispose()
    assert "SQL parameters hidden" in texte and "[parameters:" not in texte
