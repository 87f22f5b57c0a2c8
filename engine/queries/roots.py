"""The root of each process instance's call hierarchy: Camunda's `rootProcessInstanceKey`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from engine.state.schema import process_instances
from engine.state.unit_of_work import Store


def root_instances(conn: Connection, keys: Iterable[int]) -> dict[int, int]:
    """Each instance's top-level ancestor (itself when it has no parent), one query per level of calls."""
    roots = {key: key for key in keys}
    pending = set(roots.values())
    while pending:
        query = select(process_instances.c.key, process_instances.c.parent_process_instance_key).where(
            process_instances.c.key.in_(sorted(pending)),
            process_instances.c.parent_process_instance_key.is_not(None),
        )
        parents = {key: parent for key, parent in conn.execute(query).tuples()}
        roots = {key: parents.get(root, root) for key, root in roots.items()}
        pending = set(parents.values())
    return roots


def with_root_instances(conn: Connection, rows: list[dict[str, Any]], column: str) -> list[dict[str, Any]]:
    roots = root_instances(conn, {row[column] for row in rows if row[column] is not None})
    return [{**row, "root_process_instance_key": roots.get(row[column])} for row in rows]


def root_instance_keys(store: Store, keys: Iterable[int]) -> dict[int, int]:
    """`root_instances` in a read of its own."""
    with store.reading() as conn:
        roots = root_instances(conn, keys)
        conn.rollback()
    return roots
