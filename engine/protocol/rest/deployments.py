"""/v2/deployments: BPMN processes and forms sent as multipart `resources`, deployed all or none."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from starlette.datastructures import UploadFile

from engine.commands.deploy import DeploymentResult, deploy
from engine.errors import InvalidArgument
from engine.protocol.rest.formats import key_text

if TYPE_CHECKING:
    from engine.parts import EngineParts


def deployment_response(result: DeploymentResult) -> dict[str, Any]:
    tenant = result.tenant_id
    processes = [
        {
            "processDefinition": {
                "processDefinitionId": p.bpmn_process_id,
                "processDefinitionVersion": p.version,
                "resourceName": p.resource_name,
                "tenantId": tenant,
                "processDefinitionKey": key_text(p.key),
            }
        }
        for p in result.processes
    ]
    forms = [
        {
            "form": {
                "formId": f.form_id,
                "version": f.version,
                "resourceName": f.resource_name,
                "tenantId": tenant,
                "formKey": key_text(f.key),
            }
        }
        for f in result.forms
    ]
    return {"deploymentKey": key_text(result.key), "tenantId": tenant, "deployments": processes + forms}


def deployment_routes(parts: EngineParts) -> APIRouter:
    router = APIRouter(prefix="/v2/deployments")

    @router.post("")
    async def create(request: Request) -> dict[str, Any]:
        form = await request.form()
        resources: list[tuple[str, bytes]] = []
        for upload in form.getlist("resources"):
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise InvalidArgument("Each of 'resources' must be a file with a name")
            resources.append((upload.filename, await upload.read()))
        tenant = form.get("tenantId")
        return deployment_response(deploy(parts.store, resources, tenant if isinstance(tenant, str) else ""))

    return router
