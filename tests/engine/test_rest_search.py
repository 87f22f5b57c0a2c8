"""The search endpoints of the REST API: filters, sort and page, as Camunda's v2 API shapes them."""

from __future__ import annotations

import pytest

from tests.engine.helpers import activate, complete, create, deploy, gateway, search

pytestmark = pytest.mark.integration


async def test_user_task_search_filters_sorts_and_pages(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "user_task_search.bpmn")
        for agent, prio in (("ana", 10), ("ben", 50), ("ana", 30)):
            await create(stub, "user-task-search", {"agent": agent, "prio": prio})
    mine = {"processDefinitionId": "user-task-search", "state": "CREATED"}
    body = {"filter": mine, "sort": [{"field": "priority", "order": "DESC"}], "page": {"limit": 2}}
    first = (await rest.post("/v2/user-tasks/search", json=body)).json()
    assert [t["priority"] for t in first["items"]] == [50, 30]
    assert first["page"]["totalItems"] == 3
    body["page"] = {"from": 2, "limit": 2}
    rest_of = (await rest.post("/v2/user-tasks/search", json=body)).json()
    assert [t["priority"] for t in rest_of["items"]] == [10]
    ana = await search(rest, "/v2/user-tasks/search", {**mine, "assignee": "ana"})
    assert sorted(t["priority"] for t in ana) == [10, 30]
    assert len(await search(rest, "/v2/user-tasks/search", {**mine, "candidateUser": "chef"})) == 3
    assert len(await search(rest, "/v2/user-tasks/search", {**mine, "priority": {"$gte": 30}})) == 2
    unknown = await rest.post("/v2/user-tasks/search", json={"filter": {"colour": "red"}})
    assert unknown.status_code == 400
    # assignment: allowOverride false refuses a task assigned to someone else; unassignment clears it
    task_key = ana[0]["userTaskKey"]
    refused = await rest.post(
        f"/v2/user-tasks/{task_key}/assignment", json={"assignee": "ben", "allowOverride": False}
    )
    assert refused.status_code == 409
    assert (await rest.delete(f"/v2/user-tasks/{task_key}/assignee")).status_code == 204
    taken = await rest.post(
        f"/v2/user-tasks/{task_key}/assignment", json={"assignee": "ben", "allowOverride": False}
    )
    assert taken.status_code == 204
    assert (await rest.get(f"/v2/user-tasks/{task_key}")).json()["assignee"] == "ben"
    assert (await rest.get(f"/v2/user-tasks/{task_key}/form")).status_code == 204  # no linked form
    for task in await search(rest, "/v2/user-tasks/search", mine):
        done = await rest.post(f"/v2/user-tasks/{task['userTaskKey']}/completion", json={})
        assert done.status_code == 204
    completed = await search(rest, "/v2/user-tasks/search", {**mine, "state": "COMPLETED"})
    assert len(completed) == 3 and all(t["completionDate"] for t in completed)


async def test_process_instance_incident_variable_and_element_instance_searches(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "runtime_failure.bpmn", "exclusive.bpmn")
        failing = await create(stub, "runtime-failure", {"n": 0})
        fine = await create(stub, "exclusive", {"amount": 150})
        for job in await activate(stub, "exclusive.high"):  # other tests' instances may wait there too
            await complete(stub, job)
    [instance] = await search(
        rest, "/v2/process-instances/search", {"processInstanceKey": str(failing), "hasIncident": True}
    )
    assert instance["state"] == "ACTIVE" and instance["processDefinitionId"] == "runtime-failure"
    assert instance["hasIncident"] is True
    assert (await rest.get(f"/v2/process-instances/{failing}")).json()["hasIncident"] is True
    done = await search(
        rest, "/v2/process-instances/search", {"processDefinitionId": "exclusive", "state": "COMPLETED"}
    )
    assert str(fine) in [i["processInstanceKey"] for i in done]
    [incident] = await search(
        rest, "/v2/incidents/search", {"processInstanceKey": str(failing), "state": "ACTIVE"}
    )
    assert incident["elementId"] == "gw" and incident["errorType"] == "CONDITION_ERROR"
    assert await search(rest, "/v2/incidents/search", {"processInstanceKey": str(fine)}) == []
    [variable] = await search(rest, "/v2/variables/search", {"processInstanceKey": str(failing), "name": "n"})
    assert variable["value"] == "0" and variable["scopeKey"] == str(failing)
    elements = await search(
        rest,
        "/v2/element-instances/search",
        {"processInstanceKey": str(fine), "state": "COMPLETED"},
        sort=[{"field": "elementInstanceKey", "order": "ASC"}],
    )
    assert [e["elementId"] for e in elements][:2] == ["exclusive", "start"]
    assert "high" in [e["elementId"] for e in elements]
    [waiting] = await search(
        rest,
        "/v2/element-instances/search",
        {"processInstanceKey": str(failing), "state": "ACTIVE", "elementId": "gw"},
    )
    assert waiting["type"] == "EXCLUSIVE_GATEWAY"
    missing = await rest.get("/v2/process-instances/1")
    assert missing.status_code == 404
