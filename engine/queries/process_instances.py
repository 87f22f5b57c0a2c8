"""Process instances as the REST API searches and reads them, each flagged when it has an active incident."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, exists, select

from engine.queries.definitions import definition_names
from engine.queries.roots import with_root_instances
from engine.queries.search import Page, SearchSpec, run_search
from engine.state.schema import incidents, process_instances
from engine.state.unit_of_work import Store


def _has_incident(table: Table, value: Any) -> ColumnElement[bool]:
    active = exists().where(incidents.c.process_instance_key == table.c.key, incidents.c.state == "ACTIVE")
    return active if value else ~active


SEARCH = SearchSpec(
    table=process_instances,
    filters={
        "processInstanceKey": ("key", "key"),
        "processDefinitionId": ("bpmn_process_id", "text"),
        "processDefinitionKey": ("definition_key", "key"),
        "processDefinitionVersion": ("version", "int"),
        "state": ("state", "text"),
        "parentProcessInstanceKey": ("parent_process_instance_key", "key"),
        "tenantId": ("tenant_id", "text"),
        "startDate": ("started_at", "datetime"),
        "endDate": ("ended_at", "datetime"),
    },
    sorts={
        "processInstanceKey": "key",
        "startDate": "started_at",
        "endDate": "ended_at",
        "processDefinitionId": "bpmn_process_id",
        "state": "state",
    },
    custom_filters={"hasIncident": _has_incident},
    instance_column="key",
)


def search_process_instances(store: Store, request: dict[str, Any] | None) -> Page:
    """Rows carry `has_incident` and `definition_name`, read for the whole page in one query each."""
    page = run_search(store, SEARCH, request)
    with store.reading() as conn:
        page.rows = _described(conn, page.rows)
        conn.rollback()
    return page


def process_instance(store: Store, key: int) -> dict[str, Any] | None:
    """The instance's row as a search answers it, or None."""
    with store.reading() as conn:
        row = conn.execute(select(process_instances).where(process_instances.c.key == key)).mappings().first()
        rows = [] if row is None else _described(conn, with_root_instances(conn, [dict(row)], "key"))
        conn.rollback()
    return rows[0] if rows else None


def _described(conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = [row["key"] for row in rows]
    flagged = _with_active_incident(conn, keys) if keys else set()
    names = definition_names(conn, {row["definition_key"] for row in rows})
    return [
        {**row, "has_incident": row["key"] in flagged, "definition_name": names.get(row["definition_key"])}
        for row in rows
    ]


def process_instance_state(store: Store, key: int) -> str | None:
    """ACTIVE, COMPLETED or TERMINATED; None for an unknown key."""
    with store.reading() as conn:
        state = conn.execute(select(process_instances.c.state).where(process_instances.c.key == key)).scalar()
        conn.rollback()
    return state


def _with_active_incident(conn: Connection, keys: list[int]) -> set[int]:
    return set(
        conn.execute(
            select(incidents.c.process_instance_key).where(
                incidents.c.process_instance_key.in_(keys), incidents.c.state == "ACTIVE"
            )
        ).scalars()
    )
