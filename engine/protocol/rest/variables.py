"""/v2/variables/search."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body

from engine.protocol.rest.formats import key_text
from engine.protocol.rest.search import SearchSpec, run_search
from engine.state.schema import variables

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
        "tenantId": tenant_id,
    }


SPEC = SearchSpec(
    table=variables,
    filters={
        "variableKey": ("key", "key"),
        "name": ("name", "text"),
        "value": ("value", "text"),
        "scopeKey": ("scope_key", "key"),
        "processInstanceKey": ("process_instance_key", "key"),
    },
    sorts={
        "name": "name",
        "value": "value",
        "scopeKey": "scope_key",
        "processInstanceKey": "process_instance_key",
    },
    to_item=variable_item,
)


def variable_routes(parts: EngineParts) -> APIRouter:
    router = APIRouter(prefix="/v2/variables")

    @router.post("/search")
    async def search(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        return run_search(parts.store, SPEC, body)

    return router


def decode(value: str) -> Any:
    return json.loads(value)
