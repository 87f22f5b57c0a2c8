"""Hot-path statements compiled once per dialect and run straight on the DB-API cursor.

SQLAlchemy Core costs 70–80 µs of Python per statement (building, cache key, execution context,
result wrapping) against a few µs for the same SQL through the driver. The statements the engine
runs for every instance (create, activate, complete, load and save an instance) are written once
with Core, from the tables of `engine.state.schema`, compiled on first use for the connection's
dialect and then executed on the transaction's own DB-API connection, in the same transaction as
everything else. psycopg prepares them on the server after a few runs.

Parameters are named with `bindparam`; literal values in a statement travel as fixed parameters.
Only plain types are used (integers and text), which need no bind or result processing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from sqlalchemy import Connection, Table, bindparam, insert
from sqlalchemy.sql.expression import ClauseElement
from sqlalchemy.sql.selectable import Select

Lock = Literal["update", "skip_locked"] | None


class Prepared:
    """One statement; `lock` adds FOR UPDATE (or FOR UPDATE SKIP LOCKED) on PostgreSQL only."""

    __slots__ = ("_compiled", "_lock", "_statement")

    def __init__(self, statement: ClauseElement, lock: Lock = None) -> None:
        self._statement = statement
        self._lock = lock
        self._compiled: dict[str, tuple[str, tuple[str, ...] | None, dict[str, Any]]] = {}

    def _sql(self, conn: Connection) -> tuple[str, tuple[str, ...] | None, dict[str, Any]]:
        dialect = conn.dialect
        found = self._compiled.get(dialect.name)
        if found is None:
            statement = self._statement
            if self._lock is not None and dialect.name == "postgresql" and isinstance(statement, Select):
                statement = statement.with_for_update(skip_locked=self._lock == "skip_locked")
            compiled: Any = statement.compile(dialect=dialect)
            if "POSTCOMPILE" in compiled.string:
                raise ValueError("a prepared statement binds each value of an IN list on its own (literal())")
            fixed = {
                name: bind.value
                for name, bind in compiled.binds.items()
                if not bind.required and bind.callable is None and not name.startswith("%(")
            }
            positions = tuple(compiled.positiontup) if compiled.positiontup is not None else None
            found = (compiled.string, positions, fixed)
            self._compiled[dialect.name] = found
        return found

    def _parameters(
        self, positions: tuple[str, ...] | None, fixed: dict[str, Any], params: Mapping[str, Any]
    ) -> Any:
        if positions is None:
            return {**fixed, **params} if fixed else params
        return tuple(params[name] if name in params else fixed[name] for name in positions)

    def execute(self, conn: Connection, params: Mapping[str, Any] | None = None) -> Any:
        """Run it; returns the DB-API cursor (rows, rowcount)."""
        sql, positions, fixed = self._sql(conn)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        cursor.execute(sql, self._parameters(positions, fixed, params or {}))
        return cursor

    def execute_many(self, conn: Connection, rows: Iterable[Mapping[str, Any]]) -> None:
        sql, positions, fixed = self._sql(conn)
        values = [self._parameters(positions, fixed, row) for row in rows]
        if not values:
            return
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        cursor.executemany(sql, values)
        cursor.close()

    def rows(self, conn: Connection, params: Mapping[str, Any] | None = None) -> list[Sequence[Any]]:
        cursor = self.execute(conn, params)
        rows: list[Sequence[Any]] = cursor.fetchall()
        cursor.close()
        return rows

    def first(self, conn: Connection, params: Mapping[str, Any] | None = None) -> Sequence[Any] | None:
        cursor = self.execute(conn, params)
        row: Sequence[Any] | None = cursor.fetchone()
        cursor.close()
        return row

    def scalar(self, conn: Connection, params: Mapping[str, Any] | None = None) -> Any:
        row = self.first(conn, params)
        return None if row is None else row[0]

    def mappings(self, conn: Connection, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.execute(conn, params)
        names = [column[0] for column in cursor.description]
        found = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        cursor.close()
        return found

    def mapping(self, conn: Connection, params: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
        cursor = self.execute(conn, params)
        row = cursor.fetchone()
        names = [column[0] for column in cursor.description]
        cursor.close()
        return None if row is None else dict(zip(names, row, strict=True))


def insert_into(table: Table, columns: Iterable[str]) -> Prepared:
    """INSERT of the given columns, each bound under its own name."""
    return Prepared(insert(table).values({name: bindparam(name) for name in columns}))
