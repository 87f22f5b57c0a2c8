"""/v2/process-instances: search, get, cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body, Response
from sqlalchemy import exists, select

from engine.commands.process_instances import cancel_process_instance
from engine.errors import NotFound
from engine.protocol.rest.formats import iso, key_text, parse_key
from engine.protocol.rest.search import SearchSpec, run_search
from engine.state.schema import incidents, process_instances

if TYPE_CHECKING:
    from engine.parts import EngineParts

STATES = {"ACTIVE": "ACTIVE", "COMPLETED": "COMPLETED", "TERMINATED": "TERMINATED"}


def instance_item(row: Any, has_incident: bool = False) -> dict[str, Any]:
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
        "hasIncident": has_incident,
        "tenantId": row["tenant_id"],
    }


def _has_incident(table: Any, value: Any) -> Any:
    active = exists().where(incidents.c.process_instance_key == table.c.key, incidents.c.state == "ACTIVE")
    return active if value else ~active


SPEC = SearchSpec(
    table=process_instances,
    filters={
        "processInstanceKey": ("key", "key"),
        "processDefinitionId": ("bpmn_process_id", "text"),
        "processDefinitionKey": ("definition_key", "key"),
        "processDefinitionVersion": ("version", "int"),
        "state": ("state", "text"),
        "parentProcessInstanceKey": ("parent_process_instance_key", "key"),
        "tenantId": ("tenant_id", "text"),
    },
    sorts={
        "processInstanceKey": "key",
        "startDate": "started_at",
        "endDate": "ended_at",
        "processDefinitionId": "bpmn_process_id",
        "state": "state",
    },
    to_item=instance_item,
    custom_filters={"hasIncident": _has_incident},
)


def process_instance_routes(parts: EngineParts) -> APIRouter:
    router = APIRouter(prefix="/v2/process-instances")
    store = parts.store

    @router.post("/search")
    async def search(body: dict[str, Any] | None = Body(default=None)) -> dict[str, Any]:
        result = run_search(store, SPEC, body)
        keys = [int(item["processInstanceKey"]) for item in result["items"]]
        if keys:
            with store.reading() as conn:
                flagged = set(
                    conn.execute(
                        select(incidents.c.process_instance_key).where(
                            incidents.c.process_instance_key.in_(keys), incidents.c.state == "ACTIVE"
                        )
                    ).scalars()
                )
                conn.rollback()
            for item in result["items"]:
                item["hasIncident"] = int(item["processInstanceKey"]) in flagged
        return result

    @router.get("/{key}")
    async def get(key: str) -> dict[str, Any]:
        with store.reading() as conn:
            row = (
                conn.execute(select(process_instances).where(process_instances.c.key == parse_key(key)))
                .mappings()
                .first()
            )
            flagged = (
                row is not None
                and conn.execute(
                    select(incidents.c.key)
                    .where(incidents.c.process_instance_key == row["key"], incidents.c.state == "ACTIVE")
                    .limit(1)
                ).first()
                is not None
            )
            conn.rollback()
        if row is None:
            raise NotFound(f"Process instance with key '{key}' not found")
        return instance_item(row, flagged)

    @router.post("/{key}/cancellation", status_code=204)
    async def cancel(key: str, body: dict[str, Any] | None = Body(default=None)) -> Response:
        cancel_process_instance(store, parse_key(key))
        return Response(status_code=204)

    return router
