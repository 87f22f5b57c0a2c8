"""/v2/element-instances/search."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body

from engine.model.instances import ACTIVE_STATES
from engine.protocol.rest.formats import iso, key_text, page_response
from engine.queries.element_instances import search_element_instances

if TYPE_CHECKING:
    from engine.parts import EngineParts


def element_item(row: Any) -> dict[str, Any]:
    data = json.loads(row["data"]) if row["data"] else {}
    return {
        "elementInstanceKey": key_text(row["key"]),
        "processInstanceKey": key_text(row["process_instance_key"]),
        "elementId": row["element_id"],
        "type": row["element_type"],
        "state": "ACTIVE" if row["state"] in ACTIVE_STATES else row["state"],
        "startDate": iso(row["started_at"]),
        "endDate": iso(row["ended_at"]),
        "flowScopeKey": key_text(row["flow_scope_key"]),
        "hasIncident": False,
        "incidentKey": None,
        "calledProcessInstanceKey": key_text(data.get("child")),
        "tenantId": "<default>",
    }


def element_instance_routes(parts: EngineParts) -> APIRouter:
    router = APIRouter(prefix="/v2/element-instances")

    @router.post("/search")
    async def search(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        return page_response(search_element_instances(parts.store, body), element_item)

    return router
