"""User tasks as the REST API searches and reads them, with their linked forms."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, Table, or_, select

from engine.queries.definitions import definition_names
from engine.queries.instants import date_time_filter
from engine.queries.search import Page, SearchSpec, run_search
from engine.state.schema import forms, user_tasks
from engine.state.unit_of_work import Store


def _json_list_contains(column_name: str) -> Any:
    """Candidate groups and users are stored as JSON lists: a match is the quoted name inside."""

    def build(table: Table, value: Any) -> ColumnElement[bool]:
        column = table.c[column_name]
        if isinstance(value, dict) and "$in" in value:
            return or_(*[column.like(f"%{json.dumps(str(v))}%") for v in value["$in"]])
        if isinstance(value, dict) and "$eq" in value:
            value = value["$eq"]
        return column.like(f"%{json.dumps(str(value))}%")

    return build


SEARCH = SearchSpec(
    table=user_tasks,
    filters={
        "userTaskKey": ("key", "key"),
        "state": ("state", "text"),
        "assignee": ("assignee", "text"),
        "elementId": ("element_id", "text"),
        "elementInstanceKey": ("element_instance_key", "key"),
        "processInstanceKey": ("process_instance_key", "key"),
        "processDefinitionKey": ("definition_key", "key"),
        "processDefinitionId": ("bpmn_process_id", "text"),
        "priority": ("priority", "int"),
        "tenantId": ("tenant_id", "text"),
        "name": ("name", "text"),
        "creationDate": ("created_at", "datetime"),
        "completionDate": ("completed_at", "datetime"),
    },
    sorts={
        "creationDate": "created_at",
        "completionDate": "completed_at",
        "dueDate": "due_date",
        "followUpDate": "follow_up_date",
        "priority": "priority",
        "name": "name",
    },
    custom_filters={
        "candidateGroup": _json_list_contains("candidate_groups"),
        "candidateGroups": _json_list_contains("candidate_groups"),
        "candidateUser": _json_list_contains("candidate_users"),
        "dueDate": date_time_filter("due_date"),
        "followUpDate": date_time_filter("follow_up_date"),
    },
)


def search_user_tasks(store: Store, request: dict[str, Any] | None) -> Page:
    """Rows carry `process_name`, their definition's name."""
    page = run_search(store, SEARCH, request)
    with store.reading() as conn:
        names = definition_names(conn, {row["definition_key"] for row in page.rows})
        conn.rollback()
    page.rows = [{**row, "process_name": names.get(row["definition_key"])} for row in page.rows]
    return page


def user_task(store: Store, key: int) -> Any:
    """The task's row as a search answers it, or None."""
    rows = search_user_tasks(store, {"filter": {"userTaskKey": str(key)}}).rows
    return rows[0] if rows else None


def form(store: Store, form_key: int) -> Any:
    """The deployed form's row (a task keeps the key of the version it was created with), or None."""
    with store.reading() as conn:
        row = conn.execute(select(forms).where(forms.c.key == form_key)).mappings().first()
        conn.rollback()
    return row
