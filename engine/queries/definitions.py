"""Deployed process definitions as the REST API searches and reads them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engine.queries.search import Page, SearchSpec, run_search
from engine.state.schema import process_definitions
from engine.state.unit_of_work import Store

SEARCH = SearchSpec(
    table=process_definitions,
    filters={
        "processDefinitionKey": ("key", "key"),
        "processDefinitionId": ("bpmn_process_id", "text"),
        "name": ("name", "text"),
        "version": ("version", "int"),
        "resourceName": ("resource_name", "text"),
        "tenantId": ("tenant_id", "text"),
    },
    sorts={
        "processDefinitionKey": "key",
        "processDefinitionId": "bpmn_process_id",
        "name": "name",
        "version": "version",
        "resourceName": "resource_name",
    },
)


def search_definitions(store: Store, request: dict[str, Any] | None) -> Page:
    return run_search(store, SEARCH, request)


def process_definition(store: Store, key: int) -> Any:
    """The definition's row, its BPMN resource included, or None."""
    with store.reading() as conn:
        row = (
            conn.execute(select(process_definitions).where(process_definitions.c.key == key))
            .mappings()
            .first()
        )
        conn.rollback()
    return row
