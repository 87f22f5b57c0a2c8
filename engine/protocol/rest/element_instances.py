"""/v2/element-instances: search and get."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body

from engine.keys import parse_key
from engine.model.instances import ACTIVE_STATES
from engine.protocol.rest.formats import found, iso, key_text, page_response
from engine.queries.element_instances import element_instance, search_element_instances

if TYPE_CHECKING:
    from engine.parts import EngineParts


def element_item(row: Any) -> dict[str, Any]:
    return {
        "elementInstanceKey": key_text(row["key"]),
        "processInstanceKey": key_text(row["process_instance_key"]),
        "rootProcessInstanceKey": key_text(row["root_process_instance_key"]),
        "processDefinitionKey": key_text(row["definition_key"]),
        "processDefinitionId": row["bpmn_process_id"],
        "elementId": row["element_id"],
        "elementName": row["element_name"],
        "type": row["element_type"],
        "state": "ACTIVE" if row["state"] in ACTIVE_STATES else row["state"],
        "startDate": iso(row["started_at"]),
        "endDate": iso(row["ended_at"]),
        "hasIncident": row["incident_key"] is not None,
        "incidentKey": key_text(row["incident_key"]),
        "tenantId": row["tenant_id"],
    }


def element_instance_routes(parts: EngineParts) -> APIRouter:
    router = APIRouter(prefix="/v2/element-instances")

    @router.post("/search")
    async def search(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        return page_response(search_element_instances(parts.store, body), element_item)

    @router.get("/{key}")
    async def get(key: str) -> dict[str, Any]:
        return element_item(found(element_instance(parts.store, parse_key(key)), "Element instance", key))

    return router
