"""A small typed client of the Camunda 8 REST API (v2): the subset the tasklist uses.

It speaks Camunda's JSON shapes, so the back-office works against the embedded engine or a
Camunda 8 cluster alike. Keys are strings of digits; a key that is not one is never sent.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Generic, TypeVar

import httpx
from pydantic import BaseModel, ConfigDict, Field

from contracts.clients.base import ServiceUnavailable

T = TypeVar("T")
MAX_PAGE = 1000  # Camunda's searches answer at most this many items per page here


class CamundaModel(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="ignore")


class UserTask(CamundaModel):
    user_task_key: str = Field(alias="userTaskKey")
    name: str | None = None
    state: str
    assignee: str | None = None
    element_id: str = Field(alias="elementId")
    candidate_groups: list[str] = Field(default_factory=list, alias="candidateGroups")
    process_definition_id: str = Field(alias="processDefinitionId")
    process_instance_key: str = Field(alias="processInstanceKey")
    process_name: str | None = Field(None, alias="processName")
    form_key: str | None = Field(None, alias="formKey")
    creation_date: datetime | None = Field(None, alias="creationDate")
    due_date: datetime | None = Field(None, alias="dueDate")
    follow_up_date: datetime | None = Field(None, alias="followUpDate")
    priority: int | None = None


class Variable(CamundaModel):
    name: str
    value: str  # JSON text, as Camunda answers it
    is_truncated: bool = Field(False, alias="isTruncated")
    process_instance_key: str = Field(alias="processInstanceKey")


class SearchPage(CamundaModel, Generic[T]):
    items: list[T]


class CamundaUnavailable(ServiceUnavailable):
    """The engine did not answer, or failed: the page says the service is momentarily unavailable."""


class CamundaRefused(Exception):
    """A 4xx problem+json answer: its status and Camunda's `detail` (e.g. a task already assigned)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


class CamundaClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http  # base_url: the REST address, e.g. http://127.0.0.1:8080

    async def search_user_tasks(self, filter_: dict[str, Any], sort: list[dict[str, str]]) -> list[UserTask]:
        body = {"filter": filter_, "sort": sort, "page": {"limit": MAX_PAGE}}
        answer = await self._call("POST", "/v2/user-tasks/search", json=body)
        return SearchPage[UserTask].model_validate_json(answer.content).items

    async def user_task(self, key: str) -> UserTask | None:
        """The task, or None when it does not exist (or the key is not one)."""
        if not (key.isascii() and key.isdigit()):
            return None
        try:
            answer = await self._call("GET", f"/v2/user-tasks/{key}")
        except CamundaRefused as refused:
            if refused.status in (400, 404):
                return None
            raise
        return UserTask.model_validate_json(answer.content)

    async def assign_user_task(self, key: str, assignee: str, *, allow_override: bool = False) -> None:
        body = {"assignee": assignee, "allowOverride": allow_override}
        await self._call("POST", f"/v2/user-tasks/{_key(key)}/assignment", json=body)

    async def unassign_user_task(self, key: str) -> None:
        await self._call("DELETE", f"/v2/user-tasks/{_key(key)}/assignee")

    async def complete_user_task(self, key: str, variables: dict[str, Any]) -> None:
        await self._call("POST", f"/v2/user-tasks/{_key(key)}/completion", json={"variables": variables})

    async def user_task_form(self, key: str) -> dict[str, Any] | None:
        """The linked form's schema (`GET /v2/user-tasks/{key}/form`), None when there is none."""
        answer = await self._call("GET", f"/v2/user-tasks/{_key(key)}/form")
        if answer.status_code == 204 or not answer.content:
            return None
        schema = answer.json().get("schema")
        return json.loads(schema) if isinstance(schema, str) else schema

    async def search_variables(self, filter_: dict[str, Any]) -> list[Variable]:
        body = {"filter": filter_, "page": {"limit": MAX_PAGE}}
        answer = await self._call("POST", "/v2/variables/search", json=body)
        return SearchPage[Variable].model_validate_json(answer.content).items

    async def _call(self, method: str, url: str, **options: Any) -> httpx.Response:
        try:
            answer = await self.http.request(method, url, **options)
        except httpx.HTTPError as error:
            raise CamundaUnavailable(f"Moteur injoignable ({type(error).__name__}).") from None
        if answer.status_code >= 500:
            raise CamundaUnavailable(f"Moteur en échec (HTTP {answer.status_code}).")
        if answer.status_code >= 400:
            raise CamundaRefused(answer.status_code, _detail(answer))
        return answer


def _key(key: str) -> str:
    """Never sent when it is not a key: refused as Camunda refuses it (400, not 404)."""
    if not (key.isascii() and key.isdigit()):
        raise CamundaRefused(400, f"The provided key '{key[:40]}' is not a valid key")
    return key


def _detail(answer: httpx.Response) -> str:
    try:
        body = answer.json()
    except ValueError:
        return ""
    return str(body.get("detail", "")) if isinstance(body, dict) else ""
