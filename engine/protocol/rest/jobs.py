"""/v2/jobs: activation (a long poll, as over gRPC), completion, failure, error, update."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Body, Request, Response

from contracts.engine_access import Permission
from engine.commands import jobs
from engine.commands.documents import require_object
from engine.commands.jobs import ActivatedJob
from engine.errors import InvalidArgument
from engine.keys import parse_key
from engine.limits import integer
from engine.protocol.access import require_job_type
from engine.protocol.rest.auth import principal_of
from engine.protocol.rest.formats import key_text
from engine.queries.jobs import job_type
from engine.queries.roots import root_instance_keys

if TYPE_CHECKING:
    from engine.parts import EngineParts
    from engine.protocol.job_polling import JobPoller


def job_item(job: ActivatedJob, root_key: int | None) -> dict[str, Any]:
    return {
        "jobKey": key_text(job.key),
        "type": job.type,
        "processDefinitionId": job.bpmn_process_id,
        "processDefinitionVersion": job.version,
        "processDefinitionKey": key_text(job.definition_key),
        "processInstanceKey": key_text(job.process_instance_key),
        "rootProcessInstanceKey": key_text(root_key),
        "elementId": job.element_id,
        "elementInstanceKey": key_text(job.element_instance_key),
        "customHeaders": json.loads(job.headers),
        "worker": job.worker,
        "retries": job.retries,
        "deadline": job.deadline,
        "variables": job.variables,
        "tenantId": job.tenant_id,
        "kind": "BPMN_ELEMENT",
        "listenerEventType": "UNSPECIFIED",
        "userTask": None,
        "tags": [],
    }


def _integer(body: dict[str, Any], name: str, default: int | None = None) -> int:
    value = body.get(name, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidArgument(f"Property '{name}' is required and must be an integer")
    return integer(value, name)


def job_routes(parts: EngineParts, poller: JobPoller) -> APIRouter:
    router = APIRouter(prefix="/v2/jobs")
    store = parts.store

    def own_job(request: Request, key: str) -> None:
        principal = principal_of(request)
        if principal is not None:
            require_job_type(principal, job_type(store, parse_key(key)))

    @router.post("/activation")
    async def activate(request: Request, body: dict[str, Any] = Body(...)) -> dict[str, Any]:
        require_job_type(principal_of(request), str(body.get("type") or ""))
        activated = await poller.long_poll(
            job_type=str(body.get("type") or ""),
            worker=str(body.get("worker") or ""),
            timeout_ms=_integer(body, "timeout"),
            max_jobs=_integer(body, "maxJobsToActivate"),
            fetch_variables=[str(name) for name in body.get("fetchVariable") or []],
            request_timeout_ms=_integer(body, "requestTimeout", 0),
            client_remaining_s=None,
        )
        roots = root_instance_keys(store, {job.process_instance_key for job in activated})
        return {"jobs": [job_item(job, roots.get(job.process_instance_key)) for job in activated]}

    @router.post("/{key}/completion", status_code=204)
    async def complete(
        request: Request, key: str, body: dict[str, Any] | None = Body(default=None)
    ) -> Response:
        own_job(request, key)
        jobs.complete_job(store, parse_key(key), require_object((body or {}).get("variables")))
        return Response(status_code=204)

    @router.post("/{key}/failure", status_code=204)
    async def fail(request: Request, key: str, body: dict[str, Any] | None = Body(default=None)) -> Response:
        own_job(request, key)
        body = body or {}
        jobs.fail_job(
            store,
            parse_key(key),
            _integer(body, "retries", 0),
            str(body.get("errorMessage") or ""),
            _integer(body, "retryBackOff", 0),
            require_object(body.get("variables")),
        )
        return Response(status_code=204)

    @router.post("/{key}/error", status_code=204)
    async def throw_error(request: Request, key: str, body: dict[str, Any] = Body(...)) -> Response:
        own_job(request, key)
        jobs.throw_error(
            store,
            parse_key(key),
            str(body.get("errorCode") or ""),
            str(body.get("errorMessage") or ""),
            require_object(body.get("variables")),
        )
        return Response(status_code=204)

    @router.patch("/{key}", status_code=204)
    async def update(request: Request, key: str, body: dict[str, Any] = Body(...)) -> Response:
        changeset = body.get("changeset")
        if not isinstance(changeset, dict):
            raise InvalidArgument("No changeset provided")
        retries, timeout = changeset.get("retries"), changeset.get("timeout")
        principal = principal_of(request)
        # retries are given back by whoever resolves incidents; a timeout only by the job's worker
        if timeout is not None or principal is None or not principal.allows(Permission.INCIDENTS):
            own_job(request, key)
        jobs.update_job(
            store,
            parse_key(key),
            retries=None if retries is None else _integer(changeset, "retries"),
            timeout_ms=None if timeout is None else _integer(changeset, "timeout"),
        )
        return Response(status_code=204)

    return router
