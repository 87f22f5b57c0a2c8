"""/v2/process-instances: create (optionally awaiting the result), search, get, cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body, Response

from engine.commands.documents import require_object
from engine.commands.process_instances import cancel_process_instance, create_process_instance
from engine.errors import InvalidArgument
from engine.keys import parse_key
from engine.limits import MAX_DURATION_MS, count, integer
from engine.protocol.rest.formats import found, iso, key_text, page_response
from engine.queries.process_instances import process_instance, search_process_instances

if TYPE_CHECKING:
    from engine.parts import EngineParts
    from engine.protocol.instance_results import InstanceResults

# Camunda applies its gateway's request timeout when a creation awaiting completion names none.
DEFAULT_RESULT_TIMEOUT_MS = 15_000


def instance_item(row: Any) -> dict[str, Any]:
    return {
        "processInstanceKey": key_text(row["key"]),
        "rootProcessInstanceKey": key_text(row["root_process_instance_key"]),
        "processDefinitionId": row["bpmn_process_id"],
        "processDefinitionKey": key_text(row["definition_key"]),
        "processDefinitionName": row["definition_name"],
        "processDefinitionVersion": row["version"],
        "processDefinitionVersionTag": None,
        "state": row["state"],
        "startDate": iso(row["started_at"]),
        "endDate": iso(row["ended_at"]),
        "parentProcessInstanceKey": key_text(row["parent_process_instance_key"]),
        "parentElementInstanceKey": key_text(row["parent_element_instance_key"]),
        "hasIncident": row["has_incident"],
        "tenantId": row["tenant_id"],
        "tags": [],
        "businessId": None,
    }


def _start_elements(body: dict[str, Any]) -> list[str]:
    instructions = body.get("startInstructions") or []
    if not isinstance(instructions, list) or not all(
        isinstance(i, dict) and isinstance(i.get("elementId"), str) for i in instructions
    ):
        raise InvalidArgument("Property 'startInstructions' must be a list of objects with an 'elementId'")
    return [i["elementId"] for i in instructions]


def _or(body: dict[str, Any], name: str, default: int) -> Any:
    """The property, or its default when absent or null (as Camunda's clients send optional numbers)."""
    value = body.get(name)
    return default if value is None else value


def process_instance_routes(parts: EngineParts, results: InstanceResults) -> APIRouter:
    router = APIRouter(prefix="/v2/process-instances")
    store = parts.store

    @router.post("")
    async def create(body: dict[str, Any] = Body(...)) -> dict[str, Any]:
        definition_key = body.get("processDefinitionKey")
        # checked before the instance exists: a refused request leaves nothing behind
        requested = integer(_or(body, "requestTimeout", 0), "requestTimeout", 0, MAX_DURATION_MS)
        timeout_ms = requested or DEFAULT_RESULT_TIMEOUT_MS
        created = create_process_instance(
            store,
            bpmn_process_id=str(body.get("processDefinitionId") or ""),
            definition_key=parse_key(definition_key) if definition_key is not None else 0,
            version=count(_or(body, "processDefinitionVersion", -1), "processDefinitionVersion"),
            variables=require_object(body.get("variables")),
            start_element_ids=_start_elements(body),
            tenant_id=str(body.get("tenantId") or ""),
        )
        variables: dict[str, Any] = {}
        if body.get("awaitCompletion"):
            fetch = [str(name) for name in body.get("fetchVariables") or []]
            variables = await results.completed_variables(
                created.process_instance_key, timeout_ms / 1000, fetch
            )
        return {
            "processDefinitionKey": key_text(created.definition_key),
            "processDefinitionId": created.bpmn_process_id,
            "processDefinitionVersion": created.version,
            "processInstanceKey": key_text(created.process_instance_key),
            "tenantId": created.tenant_id,
            "variables": variables,
            "tags": [],
            "businessId": None,
        }

    @router.post("/search")
    async def search(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        return page_response(search_process_instances(store, body), instance_item)

    @router.get("/{key}")
    async def get(key: str) -> dict[str, Any]:
        return instance_item(found(process_instance(store, parse_key(key)), "Process instance", key))

    @router.post("/{key}/cancellation", status_code=204)
    async def cancel(key: str, body: dict[str, Any] | None = Body(default=None)) -> Response:
        cancel_process_instance(store, parse_key(key))
        return Response(status_code=204)

    return router
