"""Native user tasks over the REST API, and job-based user tasks with Zeebe's reserved headers."""

from __future__ import annotations

import json

import pytest
from pyzeebe.proto import gateway_pb2 as pb

from tests.engine.helpers import (
    activate,
    complete,
    create,
    deploy,
    gateway,
    instance_state,
    search,
    variables_of,
)

pytestmark = pytest.mark.integration


async def test_native_user_task_lifecycle(engine, rest) -> None:
    async with gateway(engine) as stub:
        deployed = await deploy(stub, "examen.form", "user_task.bpmn")
        form_key = next(d.form.formKey for d in deployed.deployments if d.form.formId)
        key = await create(stub, "user-task", {"agent": "alice", "echeance": "2030-01-31T00:00:00Z"})
    [task] = await search(rest, "/v2/user-tasks/search", {"processInstanceKey": str(key), "state": "CREATED"})
    assert task["assignee"] == "alice"
    assert task["candidateGroups"] == ["prefecture-75", "prefecture-92"]
    assert task["dueDate"] == "2030-01-31T00:00:00Z"
    assert task["followUpDate"] == "2030-01-02T00:00:00Z"
    assert task["priority"] == 80
    assert task["name"] == "Examiner le dossier"
    assert task["formKey"] == str(form_key)
    assert task["customHeaders"] == {"ecran": "examen"}
    by_group = await search(
        rest, "/v2/user-tasks/search", {"candidateGroup": "prefecture-92", "state": "CREATED"}
    )
    assert task["userTaskKey"] in [t["userTaskKey"] for t in by_group]
    task_key = task["userTaskKey"]
    form = (await rest.get(f"/v2/user-tasks/{task_key}/form")).json()
    assert json.loads(form["schema"])["id"] == "examen"
    assert (await rest.delete(f"/v2/user-tasks/{task_key}/assignee")).status_code == 204
    assert (await rest.get(f"/v2/user-tasks/{task_key}")).json()["assignee"] is None
    assigned = await rest.post(f"/v2/user-tasks/{task_key}/assignment", json={"assignee": "bob"})
    assert assigned.status_code == 204
    names = {
        v["name"]
        for v in (await rest.post(f"/v2/user-tasks/{task_key}/variables/search", json={})).json()["items"]
    }
    assert names == {"agent", "echeance"}
    done = await rest.post(
        f"/v2/user-tasks/{task_key}/completion",
        json={"variables": {"decision": "favorable"}, "action": "complete"},
    )
    assert done.status_code == 204, done.text
    assert await instance_state(rest, key) == "COMPLETED"
    assert (await variables_of(rest, key))["decision"] == "favorable"
    again = await rest.post(f"/v2/user-tasks/{task_key}/completion", json={})
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")
    missing = await rest.get("/v2/user-tasks/123")
    assert missing.status_code == 404


async def test_job_based_user_task_has_reserved_headers(engine) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "job_user_task.bpmn")
        await create(stub, "job-user-task", {"agent": "carol", "groupes": ["g1", "g2"]})
        jobs = await activate(stub, "io.camunda.zeebe:userTask")
        [job] = [j for j in jobs if j.bpmnProcessId == "job-user-task"]
        headers = json.loads(job.customHeaders)
        assert headers["io.camunda.zeebe:assignee"] == "carol"
        assert json.loads(headers["io.camunda.zeebe:candidateGroups"]) == ["g1", "g2"]
        assert headers["io.camunda.zeebe:formKey"] == "camunda-forms:bpmn:valider"
        for other in jobs:
            await complete(stub, other)


async def test_create_instance_with_result(engine) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "no_wait.bpmn", "one_task.bpmn")
        request = pb.CreateProcessInstanceRequest(
            bpmnProcessId="no-wait", version=-1, variables=json.dumps({"x": 1})
        )
        result = await stub.CreateProcessInstanceWithResult(
            pb.CreateProcessInstanceWithResultRequest(request=request, requestTimeout=5_000)
        )
        assert json.loads(result.variables) == {"x": 1, "y": 2}
        waiting = pb.CreateProcessInstanceRequest(bpmnProcessId="one-task", version=-1)
        import grpc

        with pytest.raises(grpc.aio.AioRpcError) as late:
            await stub.CreateProcessInstanceWithResult(
                pb.CreateProcessInstanceWithResultRequest(request=waiting, requestTimeout=300)
            )
        assert late.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        [job] = await activate(stub, "one-task.work")
        await complete(stub, job)


async def test_user_tasks_are_searched_by_due_follow_up_and_creation_date_ranges(engine, rest) -> None:
    """Camunda's date-time filters compare instants, whatever offset the model wrote them with."""
    async with gateway(engine) as stub:
        await deploy(stub, "examen.form", "user_task.bpmn")
        keys = [
            str(await create(stub, "user-task", {"agent": "alice", "echeance": echeance}))
            for echeance in ("2030-01-31T00:00:00Z", "2030-02-15T12:00:00+02:00", "2030-03-01T00:00:00Z")
        ]
    mine = {"processInstanceKey": {"$in": keys}}

    async def found(**filters: object) -> list[str]:
        tasks = await search(rest, "/v2/user-tasks/search", {**mine, **filters}, sort=[{"field": "dueDate"}])
        return [t["processInstanceKey"] for t in tasks]

    febuary = {"$gte": "2030-02-15T10:00:00Z", "$lt": "2030-03-01T00:00:00Z"}
    assert await found(dueDate=febuary) == [keys[1]]
    assert await found(dueDate="2030-02-15T10:00:00.000Z") == [keys[1]]
    assert await found(dueDate={"$lte": "2030-02-15T11:00:00+01:00"}) == keys[:2]
    assert await found(dueDate={"$gt": "2030-02-15T10:00:00Z"}) == [keys[2]]
    assert await found(dueDate={"$exists": True}) == keys
    assert await found(followUpDate={"$gte": "2030-01-02T00:00:00Z", "$lt": "2030-01-03T00:00:00Z"}) == keys
    assert await found(followUpDate={"$gt": "2030-01-02T00:00:00Z"}) == []
    assert (
        await found(creationDate={"$gte": "2000-01-01T00:00:00Z"}, completionDate={"$exists": False}) == keys
    )
    bad = await rest.post("/v2/user-tasks/search", json={"filter": {"dueDate": {"$gte": "demain"}}})
    assert bad.status_code == 400 and "ISO 8601" in bad.json()["detail"]
