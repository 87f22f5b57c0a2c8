"""Connection setup and schema creation.

The engine's tables are private to it (clients only see the gRPC and REST protocols), so instead of
Alembic the schema is created with `metadata.create_all` and stamped with an integer version in
`engine_schema_version`. A later schema change adds a step to `_UPGRADES`; an engine refuses to run
against a database stamped with a version newer than its own. Creation runs under a lock so two
engines starting together on one PostgreSQL do not race.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, select, text
from sqlalchemy.pool import StaticPool

from engine.state.schema import metadata, schema_version

SCHEMA_VERSION = 1
_UPGRADES: dict[int, Any] = {}  # version -> callable(Connection) that upgrades from version - 1


def create_database(url: str) -> Engine:
    """An SQLAlchemy engine for SQLite (WAL, one shared connection) or PostgreSQL (psycopg 3).

    Not `plumbing.database.create_database_engine`: the engine needs one shared SQLite connection
    that begins IMMEDIATE transactions, and a larger pool for long polls. Like it, errors never
    quote the statement's parameters (variables hold personal data and end up in logged tracebacks).
    """
    if url.startswith("sqlite"):
        _ensure_sqlite_directory(url)
        engine = create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            poolclass=StaticPool,
            hide_parameters=True,
        )
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, hide_parameters=True)


def _ensure_sqlite_directory(url: str) -> None:
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _begin_immediate)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode survives a process crash (kill -9); only an OS crash may lose the last commits.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def prepare_schema(engine: Engine) -> None:
    """Create the tables on first start, upgrade older schemas, refuse newer ones."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(26500)"))
        metadata.create_all(conn)
        current = conn.execute(select(schema_version.c.version)).scalar()
        if current is None:
            conn.execute(insert(schema_version).values(version=SCHEMA_VERSION))
            return
        if current > SCHEMA_VERSION:
            raise RuntimeError(
                f"database schema version {current} is newer than this engine's {SCHEMA_VERSION}"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            _UPGRADES[version](conn)
        if current != SCHEMA_VERSION:
            conn.execute(schema_version.update().values(version=SCHEMA_VERSION))


def is_reachable(engine: Engine) -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
