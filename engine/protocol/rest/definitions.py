"""/v2/process-definitions: search, get, XML."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body, Response

from engine.keys import parse_key
from engine.protocol.rest.formats import found, key_text, page_response
from engine.queries.definitions import process_definition, search_definitions

if TYPE_CHECKING:
    from engine.parts import EngineParts


def definition_item(row: Any) -> dict[str, Any]:
    return {
        "processDefinitionKey": key_text(row["key"]),
        "processDefinitionId": row["bpmn_process_id"],
        "name": row["name"],
        "version": row["version"],
        "resourceName": row["resource_name"],
        "versionTag": None,
        "tenantId": row["tenant_id"],
        "hasStartForm": False,
    }


def definition_routes(parts: EngineParts) -> APIRouter:
    router = APIRouter(prefix="/v2/process-definitions")
    store = parts.store

    def definition(key: str) -> Any:
        return found(process_definition(store, parse_key(key)), "Process definition", key)

    @router.post("/search")
    async def search(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        return page_response(search_definitions(store, body), definition_item)

    @router.get("/{key}")
    async def get(key: str) -> dict[str, Any]:
        return definition_item(definition(key))

    @router.get("/{key}/xml")
    async def xml(key: str) -> Response:
        return Response(definition(key)["resource"], media_type="text/xml")

    return router
