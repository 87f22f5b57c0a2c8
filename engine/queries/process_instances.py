"""Process instances as the REST API searches and reads them, each flagged when it has an active incident."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, exists, select

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
    },
    sorts={
        "processInstanceKey": "key",
        "startDate": "started_at",
        "endDate": "ended_at",
        "processDefinitionId": "bpmn_process_id",
        "state": "state",
    },
    custom_filters={"hasIncident": _has_incident},
)


def search_process_instances(store: Store, request: dict[str, Any] | None) -> Page:
    """Rows carry `has_incident`, read for the whole page in one query."""
    page = run_search(store, SEARCH, request)
    keys = [row["key"] for row in page.rows]
    flagged: set[int] = set()
    if keys:
        with store.reading() as conn:
            flagged = _with_active_incident(conn, keys)
            conn.rollback()
    page.rows = [{**row, "has_incident": row["key"] in flagged} for row in page.rows]
    return page


def process_instance(store: Store, key: int) -> dict[str, Any] | None:
    """The instance's row with `has_incident`, or None."""
    with store.reading() as conn:
        row = conn.execute(select(process_instances).where(process_instances.c.key == key)).mappings().first()
        flagged = row is not None and bool(_with_active_incident(conn, [row["key"]]))
        conn.rollback()
    return None if row is None else {**row, "has_incident": flagged}


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
