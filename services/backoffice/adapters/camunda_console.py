"""The console's calls to the Camunda 8 REST API (v2) as `domain.console.ports.Referentiel`.

Definitions and their XML, deployments (multipart), instances, element instances, incidents,
variables, job retries, incident resolution and cancellation: the same calls Camunda Operate and
Modeler make, so the console works against a Camunda 8 cluster as well as the embedded engine.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from services.backoffice.adapters.camunda import MAX_PAGE, CamundaClient, CamundaModel, CamundaRefused
from services.backoffice.domain.console.lint import refus
from services.backoffice.domain.console.modeles import (
    Definition,
    Deploiement,
    Element,
    Incident,
    Instance,
    Page,
    Variable,
)
from services.backoffice.domain.console.ports import InstanceTerminee


class _Definition(CamundaModel):
    process_definition_key: str = Field(alias="processDefinitionKey")
    process_definition_id: str = Field(alias="processDefinitionId")
    name: str | None = None
    version: int
    resource_name: str = Field("", alias="resourceName")


class _Instance(CamundaModel):
    process_instance_key: str = Field(alias="processInstanceKey")
    process_definition_key: str = Field(alias="processDefinitionKey")
    process_definition_id: str = Field(alias="processDefinitionId")
    process_definition_name: str | None = Field(None, alias="processDefinitionName")
    process_definition_version: int = Field(alias="processDefinitionVersion")
    state: str
    start_date: datetime | None = Field(None, alias="startDate")
    end_date: datetime | None = Field(None, alias="endDate")
    has_incident: bool = Field(False, alias="hasIncident")


class _Element(CamundaModel):
    element_instance_key: str = Field(alias="elementInstanceKey")
    element_id: str = Field(alias="elementId")
    element_name: str | None = Field(None, alias="elementName")
    type: str
    state: str
    start_date: datetime | None = Field(None, alias="startDate")
    end_date: datetime | None = Field(None, alias="endDate")
    has_incident: bool = Field(False, alias="hasIncident")


class _Incident(CamundaModel):
    incident_key: str = Field(alias="incidentKey")
    error_type: str = Field("", alias="errorType")
    error_message: str = Field("", alias="errorMessage")
    element_id: str = Field("", alias="elementId")
    element_instance_key: str = Field(alias="elementInstanceKey")
    job_key: str | None = Field(None, alias="jobKey")
    state: str
    creation_time: datetime | None = Field(None, alias="creationTime")


class _Variable(CamundaModel):
    name: str
    value: str
    is_truncated: bool = Field(False, alias="isTruncated")
    scope_key: str = Field(alias="scopeKey")


def _cle(texte: str) -> bool:
    return texte.isascii() and texte.isdigit() and len(texte) < 20


class CamundaReferentiel:
    def __init__(self, client: CamundaClient) -> None:
        self.client = client

    async def _search(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = await self.client._call("POST", path, json=body)
        return answer.json()

    async def _get(self, path: str) -> Any | None:
        try:
            return await self.client._call("GET", path)
        except CamundaRefused as refused:
            if refused.status in (400, 404):
                return None
            raise

    async def formulaire(self, definition: str, tache: str) -> dict[str, Any] | None:
        """The form of the newest user task `tache` of this version: Camunda 8.9 reads a deployed
        form only through a user task (or a start form), never by its id."""
        if not _cle(definition):
            return None
        corps = {
            "filter": {"processDefinitionKey": definition, "elementId": tache},
            "sort": [{"field": "creationDate", "order": "DESC"}],
            "page": {"limit": 1},
        }
        items = (await self._search("/v2/user-tasks/search", corps)).get("items") or []
        if not items:
            return None
        try:
            return await self.client.user_task_form(str(items[0]["userTaskKey"]))
        except CamundaRefused:
            return None

    async def definitions(self) -> list[Definition]:
        sort = [{"field": "processDefinitionId", "order": "ASC"}, {"field": "version", "order": "DESC"}]
        body = {"sort": sort, "page": {"limit": MAX_PAGE}}
        items = (await self._search("/v2/process-definitions/search", body))["items"]
        return [_definition(_Definition.model_validate(item)) for item in items]

    async def definition(self, cle: str) -> Definition | None:
        answer = await self._get(f"/v2/process-definitions/{cle}") if _cle(cle) else None
        return _definition(_Definition.model_validate_json(answer.content)) if answer else None

    async def xml(self, cle: str) -> str | None:
        answer = await self._get(f"/v2/process-definitions/{cle}/xml") if _cle(cle) else None
        return answer.text if answer else None

    async def deployer(self, nom_fichier: str, contenu: bytes) -> Deploiement:
        files = [("resources", (nom_fichier, contenu, "application/xml"))]
        try:
            answer = await self.client._call("POST", "/v2/deployments", files=files)
        except CamundaRefused as refused:
            raise refus(f"Le moteur a refusé le modèle : {refused.detail}") from None
        definitions = [
            d["processDefinition"] for d in answer.json().get("deployments", []) if "processDefinition" in d
        ]
        return Deploiement(
            [
                (str(d["processDefinitionKey"]), d["processDefinitionId"], int(d["processDefinitionVersion"]))
                for d in definitions
            ]
        )

    async def instances(self, recherche: dict[str, Any]) -> Page[Instance]:
        answer = await self._search("/v2/process-instances/search", recherche)
        items = [_instance(_Instance.model_validate(item)) for item in answer["items"]]
        return Page(items, int(answer["page"]["totalItems"]))

    async def instance(self, cle: str) -> Instance | None:
        answer = await self._get(f"/v2/process-instances/{cle}") if _cle(cle) else None
        return _instance(_Instance.model_validate_json(answer.content)) if answer else None

    async def elements(self, instance: str) -> list[Element]:
        body = {
            "filter": {"processInstanceKey": instance},
            "sort": [{"field": "startDate", "order": "ASC"}, {"field": "elementInstanceKey", "order": "ASC"}],
            "page": {"limit": MAX_PAGE},
        }
        items = (await self._search("/v2/element-instances/search", body))["items"]
        return [_element(_Element.model_validate(item)) for item in items]

    async def incidents(self, instance: str, *, actifs: bool = True) -> list[Incident]:
        filtre: dict[str, Any] = {"processInstanceKey": instance}
        if actifs:
            filtre["state"] = "ACTIVE"
        body = {"filter": filtre, "sort": [{"field": "creationTime", "order": "ASC"}], "page": {"limit": 100}}
        items = (await self._search("/v2/incidents/search", body))["items"]
        return [_incident(_Incident.model_validate(item)) for item in items]

    async def variables(self, instance: str) -> list[Variable]:
        body = {"filter": {"processInstanceKey": instance}, "page": {"limit": MAX_PAGE}}
        items = (await self._search("/v2/variables/search", body))["items"]
        trouvees = [_Variable.model_validate(item) for item in items]
        return sorted(
            (Variable(v.name, v.value, v.is_truncated, v.scope_key) for v in trouvees),
            key=lambda v: (v.portee != instance, v.nom),
        )

    async def reessayer_job(self, job: str, essais: int) -> None:
        await self.client._call("PATCH", f"/v2/jobs/{job}", json={"changeset": {"retries": essais}})

    async def resoudre(self, incident: str) -> None:
        await self.client._call("POST", f"/v2/incidents/{incident}/resolution", json={})

    async def annuler(self, instance: str) -> None:
        try:
            await self.client._call("POST", f"/v2/process-instances/{instance}/cancellation", json={})
        except CamundaRefused as refused:
            if refused.status in (404, 409):
                raise InstanceTerminee(instance) from None
            raise


def _definition(d: _Definition) -> Definition:
    return Definition(d.process_definition_key, d.process_definition_id, d.name, d.version, d.resource_name)


def _instance(i: _Instance) -> Instance:
    return Instance(
        i.process_instance_key,
        i.process_definition_key,
        i.process_definition_id,
        i.process_definition_name,
        i.process_definition_version,
        i.state,
        i.start_date,
        i.end_date,
        i.has_incident,
    )


def _element(e: _Element) -> Element:
    return Element(
        e.element_instance_key,
        e.element_id,
        e.element_name,
        e.type,
        e.state,
        e.start_date,
        e.end_date,
        e.has_incident,
    )


def _incident(i: _Incident) -> Incident:
    return Incident(
        i.incident_key,
        i.error_type,
        i.error_message,
        i.element_id,
        i.element_instance_key,
        i.job_key,
        i.state,
        i.creation_time,
    )
