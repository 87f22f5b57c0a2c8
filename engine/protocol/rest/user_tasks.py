"""/v2/user-tasks: search, get, assign, unassign, complete, form and variables."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body, Response
from sqlalchemy import ColumnElement, Table, select

from engine.commands import user_tasks as commands
from engine.commands.documents import require_object
from engine.errors import NotFound
from engine.protocol.rest.formats import iso, key_text, parse_key
from engine.protocol.rest.search import SearchSpec, run_search
from engine.protocol.rest.variables import variable_item
from engine.state.schema import forms, user_tasks, variables

if TYPE_CHECKING:
    from engine.parts import EngineParts


def task_item(row: Any) -> dict[str, Any]:
    return {
        "userTaskKey": key_text(row["key"]),
        "name": row["name"] or row["element_id"],
        "state": row["state"],
        "assignee": row["assignee"],
        "elementId": row["element_id"],
        "elementInstanceKey": key_text(row["element_instance_key"]),
        "candidateGroups": json.loads(row["candidate_groups"]),
        "candidateUsers": json.loads(row["candidate_users"]),
        "processDefinitionId": row["bpmn_process_id"],
        "processDefinitionKey": key_text(row["definition_key"]),
        "processDefinitionVersion": row["version"],
        "processInstanceKey": key_text(row["process_instance_key"]),
        "formKey": key_text(row["form_key"]),
        "externalFormReference": row["external_form_reference"],
        "creationDate": iso(row["created_at"]),
        "completionDate": iso(row["completed_at"]),
        "dueDate": row["due_date"],
        "followUpDate": row["follow_up_date"],
        "priority": row["priority"],
        "customHeaders": json.loads(row["custom_headers"]),
        "tenantId": row["tenant_id"],
    }


def _json_list_contains(column_name: str) -> Any:
    def build(table: Table, value: Any) -> ColumnElement[bool]:
        column = table.c[column_name]
        if isinstance(value, dict) and "$in" in value:
            from sqlalchemy import or_

            return or_(*[column.like(f"%{json.dumps(str(v))}%") for v in value["$in"]])
        if isinstance(value, dict) and "$eq" in value:
            value = value["$eq"]
        return column.like(f"%{json.dumps(str(value))}%")

    return build


SPEC = SearchSpec(
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
    },
    sorts={
        "creationDate": "created_at",
        "completionDate": "completed_at",
        "dueDate": "due_date",
        "followUpDate": "follow_up_date",
        "priority": "priority",
        "name": "name",
    },
    to_item=task_item,
    custom_filters={
        "candidateGroup": _json_list_contains("candidate_groups"),
        "candidateGroups": _json_list_contains("candidate_groups"),
        "candidateUser": _json_list_contains("candidate_users"),
    },
)


def user_task_routes(parts: EngineParts) -> APIRouter:
    router = APIRouter(prefix="/v2/user-tasks")
    store = parts.store

    def load(key: str) -> Any:
        with store.reading() as conn:
            row = (
                conn.execute(select(user_tasks).where(user_tasks.c.key == parse_key(key))).mappings().first()
            )
            conn.rollback()
        if row is None:
            raise NotFound(f"User task with key '{key}' not found")
        return row

    @router.post("/search")
    async def search(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        return run_search(store, SPEC, body)

    @router.get("/{key}")
    async def get(key: str) -> dict[str, Any]:
        return task_item(load(key))

    @router.post("/{key}/assignment", status_code=204)
    async def assign(key: str, body: dict[str, Any] = Body(...)) -> Response:
        assignee = body.get("assignee")
        if not isinstance(assignee, str) or not assignee:
            from engine.errors import InvalidArgument

            raise InvalidArgument("No assignee provided")
        commands.assign_user_task(store, parse_key(key), assignee, bool(body.get("allowOverride", True)))
        return Response(status_code=204)

    @router.delete("/{key}/assignee", status_code=204)
    async def unassign(key: str) -> Response:
        commands.unassign_user_task(store, parse_key(key))
        return Response(status_code=204)

    @router.post("/{key}/completion", status_code=204)
    async def complete(key: str, body: dict[str, Any] | None = Body(default=None)) -> Response:
        body = body or {}
        variables_in = require_object(body.get("variables"))
        commands.complete_user_task(store, parse_key(key), variables_in, body.get("action"))
        return Response(status_code=204)

    @router.get("/{key}/form")
    async def form(key: str) -> Response:
        task = load(key)
        if task["form_key"] is None:
            return Response(status_code=204)
        with store.reading() as conn:
            row = conn.execute(select(forms).where(forms.c.key == task["form_key"])).mappings().first()
            conn.rollback()
        if row is None:
            raise NotFound(f"Form with key '{task['form_key']}' not found")
        document = {
            "formKey": key_text(row["key"]),
            "tenantId": row["tenant_id"],
            "bpmnId": row["form_id"],
            "version": row["version"],
            "schema": row["resource"],
        }
        return Response(json.dumps(document), media_type="application/json")

    @router.post("/{key}/variables/search")
    async def task_variables(key: str, body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        task = load(key)
        with store.reading() as conn:
            chain = _scope_chain(conn, task["element_instance_key"])
            rows = list(conn.execute(select(variables).where(variables.c.scope_key.in_(chain))).mappings())
            conn.rollback()
        depth = {scope: i for i, scope in enumerate(chain)}
        visible: dict[str, Any] = {}
        for row in sorted(rows, key=lambda r: -depth[r["scope_key"]]):
            visible[row["name"]] = row
        wanted = ((body or {}).get("filter") or {}).get("name")
        items = [
            variable_item(r, task["tenant_id"]) for n, r in sorted(visible.items()) if wanted in (None, n)
        ]
        return {"items": items, "page": {"totalItems": len(items)}}

    return router


def _scope_chain(conn: Any, element_instance_key: int) -> list[int]:
    from engine.state.schema import element_instances

    chain: list[int] = []
    current: int | None = element_instance_key
    while current is not None:
        chain.append(current)
        current = conn.execute(
            select(element_instances.c.flow_scope_key).where(element_instances.c.key == current)
        ).scalar()
    return chain
