"""/v2/process-instances: search, get, cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body, Response

from engine.commands.process_instances import cancel_process_instance
from engine.errors import NotFound
from engine.keys import parse_key
from engine.protocol.rest.formats import iso, key_text, page_response
from engine.queries.process_instances import process_instance, search_process_instances

if TYPE_CHECKING:
    from engine.parts import EngineParts


def instance_item(row: Any) -> dict[str, Any]:
    return {
        "processInstanceKey": key_text(row["key"]),
        "processDefinitionId": row["bpmn_process_id"],
        "processDefinitionKey": key_text(row["definition_key"]),
        "processDefinitionVersion": row["version"],
        "state": row["state"],
        "startDate": iso(row["started_at"]),
        "endDate": iso(row["ended_at"]),
        "parentProcessInstanceKey": key_text(row["parent_process_instance_key"]),
        "parentElementInstanceKey": key_text(row["parent_element_instance_key"]),
        "hasIncident": row["has_incident"],
        "tenantId": row["tenant_id"],
    }


def process_instance_routes(parts: EngineParts) -> APIRouter:
    router = APIRouter(prefix="/v2/process-instances")
    store = parts.store

    @router.post("/search")
    async def search(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        return page_response(search_process_instances(store, body), instance_item)

    @router.get("/{key}")
    async def get(key: str) -> dict[str, Any]:
        row = process_instance(store, parse_key(key))
        if row is None:
            raise NotFound(f"Process instance with key '{key}' not found")
        return instance_item(row)

    @router.post("/{key}/cancellation", status_code=204)
    async def cancel(key: str, body: dict[str, Any] | None = Body(default=None)) -> Response:
        cancel_process_instance(store, parse_key(key))
        return Response(status_code=204)

    return router
