"""Incidents as the REST API searches them."""

from __future__ import annotations

from typing import Any

from engine.queries.search import Page, SearchSpec, run_search
from engine.state.schema import incidents
from engine.state.unit_of_work import Store

SEARCH = SearchSpec(
    table=incidents,
    filters={
        "incidentKey": ("key", "key"),
        "processInstanceKey": ("process_instance_key", "key"),
        "processDefinitionKey": ("definition_key", "key"),
        "processDefinitionId": ("bpmn_process_id", "text"),
        "errorType": ("error_type", "text"),
        "elementId": ("element_id", "text"),
        "elementInstanceKey": ("element_instance_key", "key"),
        "state": ("state", "text"),
        "jobKey": ("job_key", "key"),
        "tenantId": ("tenant_id", "text"),
    },
    sorts={
        "incidentKey": "key",
        "creationTime": "created_at",
        "processInstanceKey": "process_instance_key",
        "errorType": "error_type",
        "state": "state",
        "elementId": "element_id",
    },
)


def search_incidents(store: Store, request: dict[str, Any] | None) -> Page:
    return run_search(store, SEARCH, request)


def incident(store: Store, key: int) -> Any:
    """The incident's row as a search answers it, or None."""
    rows = run_search(store, SEARCH, {"filter": {"incidentKey": str(key)}}).rows
    return rows[0] if rows else None
