"""Element instances as the REST API searches them: Zeebe's inner states all read as ACTIVE."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Table

from engine.model.instances import ACTIVE_STATES
from engine.queries.search import Page, SearchSpec, run_search
from engine.state.schema import element_instances
from engine.state.unit_of_work import Store


def _element_state(table: Table, value: Any) -> ColumnElement[bool]:
    wanted = value.get("$eq") if isinstance(value, dict) else value
    if wanted == "ACTIVE":
        return table.c.state.in_(sorted(ACTIVE_STATES))
    return table.c.state == str(wanted)


SEARCH = SearchSpec(
    table=element_instances,
    filters={
        "elementInstanceKey": ("key", "key"),
        "processInstanceKey": ("process_instance_key", "key"),
        "elementId": ("element_id", "text"),
        "type": ("element_type", "text"),
        "flowScopeKey": ("flow_scope_key", "key"),
    },
    sorts={
        "elementInstanceKey": "key",
        "startDate": "started_at",
        "endDate": "ended_at",
        "elementId": "element_id",
    },
    custom_filters={"state": _element_state},
)


def search_element_instances(store: Store, request: dict[str, Any] | None) -> Page:
    return run_search(store, SEARCH, request)
