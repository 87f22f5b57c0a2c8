"""/v2/process-definitions (search, XML) and /v2/element-instances/search."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body, Response
from sqlalchemy import select

from engine.errors import NotFound
from engine.protocol.rest.formats import iso, key_text, parse_key
from engine.protocol.rest.search import SearchSpec, run_search
from engine.state.schema import element_instances, process_definitions

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
    }


DEFINITIONS = SearchSpec(
    table=process_definitions,
    filters={
        "processDefinitionKey": ("key", "key"),
        "processDefinitionId": ("bpmn_process_id", "text"),
        "name": ("name", "text"),
        "version": ("version", "int"),
        "resourceName": ("resource_name", "text"),
        "tenantId": ("tenant_id", "text"),
    },
    sorts={
        "processDefinitionKey": "key",
        "processDefinitionId": "bpmn_process_id",
        "name": "name",
        "version": "version",
        "resourceName": "resource_name",
    },
    to_item=definition_item,
)


def element_item(row: Any) -> dict[str, Any]:
    data = json.loads(row["data"]) if row["data"] else {}
    return {
        "elementInstanceKey": key_text(row["key"]),
        "processInstanceKey": key_text(row["process_instance_key"]),
        "elementId": row["element_id"],
        "type": row["element_type"],
        "state": {"ACTIVATING": "ACTIVE", "ACTIVATED": "ACTIVE", "COMPLETING": "ACTIVE"}.get(
            row["state"], row["state"]
        ),
        "startDate": iso(row["started_at"]),
        "endDate": iso(row["ended_at"]),
        "flowScopeKey": key_text(row["flow_scope_key"]),
        "hasIncident": False,
        "incidentKey": None,
        "calledProcessInstanceKey": key_text(data.get("child")),
        "tenantId": "<default>",
    }


def _element_state(table: Any, value: Any) -> Any:
    wanted = value.get("$eq") if isinstance(value, dict) else value
    if wanted == "ACTIVE":
        return table.c.state.in_(["ACTIVATING", "ACTIVATED", "COMPLETING"])
    return table.c.state == str(wanted)


ELEMENTS = SearchSpec(
    table=element_instances,
    filters={
        "elementInstanceKey": ("key", "key"),
        "processInstanceKey": ("process_instance_key", "key"),
        "elementId": ("element_id", "text"),
        "type": ("element_type", "text"),
        "flowScopeKey": ("flow_scope_key", "key"),
    },
    sorts={
        "elementInstanceKey": "key",
        "startDate": "started_at",
        "endDate": "ended_at",
        "elementId": "element_id",
    },
    to_item=element_item,
    custom_filters={"state": _element_state},
)


def definition_routes(parts: EngineParts) -> APIRouter:
    router = APIRouter(prefix="/v2")
    store = parts.store

    @router.post("/process-definitions/search")
    async def search(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        return run_search(store, DEFINITIONS, body)

    @router.get("/process-definitions/{key}")
    async def get(key: str) -> dict[str, Any]:
        return definition_item(_definition(key))

    @router.get("/process-definitions/{key}/xml")
    async def xml(key: str) -> Response:
        return Response(_definition(key)["resource"], media_type="text/xml")

    @router.post("/element-instances/search")
    async def elements(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        return run_search(store, ELEMENTS, body)

    def _definition(key: str) -> Any:
        with store.reading() as conn:
            row = (
                conn.execute(select(process_definitions).where(process_definitions.c.key == parse_key(key)))
                .mappings()
                .first()
            )
            conn.rollback()
        if row is None:
            raise NotFound(f"Process definition with key '{key}' not found")
        return row

    return router
