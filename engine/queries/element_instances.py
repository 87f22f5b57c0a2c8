"""Element instances as the REST API searches them: Zeebe's inner states all read as ACTIVE.

Rows carry what Camunda answers beside the table's columns: their process (definition key and id,
tenant), their name in the model, and their active incident.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, exists, select

from engine.model.instances import ACTIVE_STATES
from engine.queries.search import Page, SearchSpec, condition, run_search
from engine.state.schema import element_instances, incidents, process_instances
from engine.state.unit_of_work import Store


def _element_state(table: Table, value: Any) -> ColumnElement[bool]:
    wanted = value.get("$eq") if isinstance(value, dict) else value
    if wanted == "ACTIVE":
        return table.c.state.in_(sorted(ACTIVE_STATES))
    return table.c.state == str(wanted)


def _of_process(column_name: str) -> Callable[[Table, Any], ColumnElement[bool]]:
    """Filters on the instance's process (definition key or id), which the element rows do not carry."""
    kind = "key" if column_name == "definition_key" else "text"

    def build(table: Table, value: Any) -> ColumnElement[bool]:
        matching = select(process_instances.c.key).where(
            condition(process_instances.c[column_name], kind, value)
        )
        return table.c.process_instance_key.in_(matching)

    return build


def _has_incident(table: Table, value: Any) -> ColumnElement[bool]:
    open_incident = exists().where(
        incidents.c.element_instance_key == table.c.key, incidents.c.state == "ACTIVE"
    )
    return open_incident if value else ~open_incident


SEARCH = SearchSpec(
    table=element_instances,
    filters={
        "elementInstanceKey": ("key", "key"),
        "processInstanceKey": ("process_instance_key", "key"),
        "elementId": ("element_id", "text"),
        "type": ("element_type", "text"),
        "flowScopeKey": ("flow_scope_key", "key"),
        "elementInstanceScopeKey": ("flow_scope_key", "key"),
        "startDate": ("started_at", "datetime"),
        "endDate": ("ended_at", "datetime"),
    },
    sorts={
        "elementInstanceKey": "key",
        "processInstanceKey": "process_instance_key",
        "startDate": "started_at",
        "endDate": "ended_at",
        "elementId": "element_id",
        "type": "element_type",
        "state": "state",
    },
    custom_filters={
        "state": _element_state,
        "processDefinitionKey": _of_process("definition_key"),
        "processDefinitionId": _of_process("bpmn_process_id"),
        "hasIncident": _has_incident,
    },
)


def search_element_instances(store: Store, request: dict[str, Any] | None) -> Page:
    page = run_search(store, SEARCH, request)
    with store.reading() as conn:
        page.rows = _described(store, conn, page.rows)
        conn.rollback()
    return page


def element_instance(store: Store, key: int) -> dict[str, Any] | None:
    """The element instance's row as a search answers it, or None."""
    page = run_search(store, SEARCH, {"filter": {"elementInstanceKey": str(key)}})
    with store.reading() as conn:
        rows = _described(store, conn, page.rows)
        conn.rollback()
    return rows[0] if rows else None


def _described(store: Store, conn: Connection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    instance_keys = sorted({row["process_instance_key"] for row in rows})
    element_keys = sorted(row["key"] for row in rows)
    processes = {
        row["key"]: row
        for row in conn.execute(
            select(
                process_instances.c.key,
                process_instances.c.definition_key,
                process_instances.c.bpmn_process_id,
                process_instances.c.tenant_id,
            ).where(process_instances.c.key.in_(instance_keys))
        ).mappings()
    }
    incident_query = select(incidents.c.element_instance_key, incidents.c.key).where(
        incidents.c.element_instance_key.in_(element_keys), incidents.c.state == "ACTIVE"
    )
    open_incidents = {element: incident for element, incident in conn.execute(incident_query).tuples()}
    described = []
    for row in rows:
        process = processes[row["process_instance_key"]]
        definition = store.definitions.get(conn, process["definition_key"])
        element = definition.model.elements.get(row["element_id"]) if definition is not None else None
        described.append(
            {
                **row,
                "definition_key": process["definition_key"],
                "bpmn_process_id": process["bpmn_process_id"],
                "tenant_id": process["tenant_id"],
                "element_name": (element.name if element is not None else None) or row["element_id"],
                "incident_key": open_incidents.get(row["key"]),
            }
        )
    return described
