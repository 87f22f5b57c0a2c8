"""/v2/user-tasks: search, get, assign, unassign, complete, form and variables."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body, Response

from engine.commands import user_tasks as commands
from engine.commands.documents import require_object
from engine.errors import InvalidArgument
from engine.keys import parse_key
from engine.protocol.rest.formats import found, iso, key_text, page_response
from engine.protocol.rest.variables import variable_item
from engine.queries import user_tasks as queries
from engine.queries.search import Page
from engine.queries.variables import visible_variables

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
        "rootProcessInstanceKey": key_text(row["root_process_instance_key"]),
        "processName": row["process_name"],
        "formKey": key_text(row["form_key"]),
        "externalFormReference": row["external_form_reference"],
        "creationDate": iso(row["created_at"]),
        "completionDate": iso(row["completed_at"]),
        "dueDate": row["due_date"],
        "followUpDate": row["follow_up_date"],
        "priority": row["priority"],
        "customHeaders": json.loads(row["custom_headers"]),
        "tenantId": row["tenant_id"],
        "tags": [],
    }


def form_item(row: Any) -> dict[str, Any]:
    return {
        "formKey": key_text(row["key"]),
        "formId": row["form_id"],
        "version": row["version"],
        "schema": row["resource"],
        "tenantId": row["tenant_id"],
    }


def user_task_routes(parts: EngineParts) -> APIRouter:
    router = APIRouter(prefix="/v2/user-tasks")
    store = parts.store

    def load(key: str) -> Any:
        return found(queries.user_task(store, parse_key(key)), "User task", key)

    @router.post("/search")
    async def search(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        return page_response(queries.search_user_tasks(store, body), task_item)

    @router.get("/{key}")
    async def get(key: str) -> dict[str, Any]:
        return task_item(load(key))

    @router.post("/{key}/assignment", status_code=204)
    async def assign(key: str, body: dict[str, Any] = Body(...)) -> Response:
        assignee = body.get("assignee")
        if not isinstance(assignee, str) or not assignee:
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
    async def form(key: str) -> Any:
        task = load(key)
        if task["form_key"] is None:
            return Response(status_code=204)
        return form_item(found(queries.form(store, task["form_key"]), "Form", str(task["form_key"])))

    @router.post("/{key}/variables/search")
    async def task_variables(key: str, body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        task = load(key)
        wanted = ((body or {}).get("filter") or {}).get("name")
        rows = visible_variables(store, task["element_instance_key"])
        items = [r for r in rows if wanted in (None, r["name"])]
        return page_response(Page(items, len(items)), lambda r: variable_item(r, task["tenant_id"]))

    return router
