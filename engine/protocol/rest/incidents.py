"""/v2/incidents: search, get and resolution."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body, Response

from engine.commands.incidents import resolve_incident
from engine.keys import parse_key
from engine.protocol.rest.formats import found, iso, key_text, page_response
from engine.queries.incidents import incident, search_incidents

if TYPE_CHECKING:
    from engine.parts import EngineParts


def incident_item(row: Any) -> dict[str, Any]:
    return {
        "incidentKey": key_text(row["key"]),
        "processDefinitionKey": key_text(row["definition_key"]),
        "processDefinitionId": row["bpmn_process_id"],
        "processInstanceKey": key_text(row["process_instance_key"]),
        "rootProcessInstanceKey": key_text(row["root_process_instance_key"]),
        "errorType": row["error_type"],
        "errorMessage": row["error_message"],
        "elementId": row["element_id"],
        "elementInstanceKey": key_text(row["element_instance_key"]),
        "creationTime": iso(row["created_at"]),
        "state": row["state"],
        "jobKey": key_text(row["job_key"]),
        "tenantId": row["tenant_id"],
    }


def incident_routes(parts: EngineParts) -> APIRouter:
    router = APIRouter(prefix="/v2/incidents")

    @router.post("/search")
    async def search(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        return page_response(search_incidents(parts.store, body), incident_item)

    @router.get("/{key}")
    async def get(key: str) -> dict[str, Any]:
        return incident_item(found(incident(parts.store, parse_key(key)), "Incident", key))

    @router.post("/{key}/resolution", status_code=204)
    async def resolve(key: str, body: dict[str, Any] | None = Body(default=None)) -> Response:
        resolve_incident(parts.store, parse_key(key))
        return Response(status_code=204)

    return router
