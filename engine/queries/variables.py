"""Variables as the REST API searches them, and those visible from one element instance."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from engine.queries.search import Page, SearchSpec, run_search
from engine.state import json_text
from engine.state.schema import element_instances, variables
from engine.state.unit_of_work import Store

SEARCH = SearchSpec(
    table=variables,
    filters={
        "variableKey": ("key", "key"),
        "name": ("name", "text"),
        "value": ("value", "text"),
        "scopeKey": ("scope_key", "key"),
        "processInstanceKey": ("process_instance_key", "key"),
    },
    sorts={
        "name": "name",
        "value": "value",
        "scopeKey": "scope_key",
        "processInstanceKey": "process_instance_key",
    },
)


def search_variables(store: Store, request: dict[str, Any] | None) -> Page:
    return run_search(store, SEARCH, request)


def process_variables(store: Store, process_instance_key: int) -> dict[str, Any]:
    """The values of the instance's own scope: what a process instance hands back when it ends."""
    with store.reading() as conn:
        rows = conn.execute(
            select(variables.c.name, variables.c.value).where(variables.c.scope_key == process_instance_key)
        ).all()
        conn.rollback()
    return {name: json_text.loads(value) for name, value in rows}


def visible_variables(store: Store, element_instance_key: int) -> list[Any]:
    """The variable rows seen from an element instance, the innermost scope winning, sorted by name.

    Read from the tables rather than the live state, so it also answers for ended element instances.
    """
    with store.reading() as conn:
        chain = _scope_chain(conn, element_instance_key)
        rows = list(conn.execute(select(variables).where(variables.c.scope_key.in_(chain))).mappings())
        conn.rollback()
    depth = {scope: i for i, scope in enumerate(chain)}
    visible: dict[str, Any] = {}
    for row in sorted(rows, key=lambda r: -depth[r["scope_key"]]):
        visible[row["name"]] = row
    return [row for _, row in sorted(visible.items())]


def _scope_chain(conn: Connection, element_instance_key: int) -> list[int]:
    chain: list[int] = []
    current: int | None = element_instance_key
    while current is not None:
        chain.append(current)
        current = conn.execute(
            select(element_instances.c.flow_scope_key).where(element_instances.c.key == current)
        ).scalar()
    return chain
