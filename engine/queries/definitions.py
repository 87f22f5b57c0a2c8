"""Deployed process definitions as the REST API searches and reads them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, exists, select
from sqlalchemy.orm import aliased

from engine.queries.search import Page, SearchSpec, run_search
from engine.state.schema import process_definitions
from engine.state.unit_of_work import Store


def _latest_version(table: Table, value: Any) -> ColumnElement[bool]:
    """`isLatestVersion`: the highest version of each process id and tenant (or all the others)."""
    newer = aliased(process_definitions)
    latest = ~exists().where(
        newer.c.bpmn_process_id == table.c.bpmn_process_id,
        newer.c.tenant_id == table.c.tenant_id,
        newer.c.version > table.c.version,
    )
    return latest if value else ~latest


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
        "tenantId": "tenant_id",
    },
    custom_filters={"isLatestVersion": _latest_version},
    instance_column=None,
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


def definition_names(conn: Connection, keys: set[int]) -> dict[int, str | None]:
    """The names of these definitions by key, in one query."""
    if not keys:
        return {}
    query = select(process_definitions.c.key, process_definitions.c.name).where(
        process_definitions.c.key.in_(sorted(keys))
    )
    return {key: name for key, name in conn.execute(query).tuples()}
