"""/v2/variables/search."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body

from engine.protocol.rest.formats import key_text, page_response
from engine.queries.variables import search_variables

if TYPE_CHECKING:
    from engine.parts import EngineParts

TRUNCATE_AT = 8191


def variable_item(row: Any, tenant_id: str = "<default>") -> dict[str, Any]:
    value = row["value"]
    return {
        "variableKey": key_text(row["key"]),
        "name": row["name"],
        "value": value[:TRUNCATE_AT],
        "isTruncated": len(value) > TRUNCATE_AT,
        "scopeKey": key_text(row["scope_key"]),
        "processInstanceKey": key_text(row["process_instance_key"]),
        "rootProcessInstanceKey": key_text(row.get("root_process_instance_key")),
        "tenantId": tenant_id,
    }


def variable_routes(parts: EngineParts) -> APIRouter:
    router = APIRouter(prefix="/v2/variables")

    @router.post("/search")
    async def search(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        return page_response(search_variables(parts.store, body), variable_item)

    return router
