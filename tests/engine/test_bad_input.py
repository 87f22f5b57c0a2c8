"""Bad input gets a clear status and message, and leaves no partial state behind."""

from __future__ import annotations

import asyncio
import json

import grpc
import pytest
from pyzeebe.proto import gateway_pb2 as pb

from tests.engine.helpers import FIXTURES, activate, create, deploy, gateway, search

pytestmark = pytest.mark.integration


async def rejected(call) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await call
    return error.value


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("malformed.bpmn", "malformed XML"),
        ("unknown_element.bpmn", "'weird' of type 'complexGateway' is not supported"),
        ("missing_task_type.bpmn", "'noType': must have a 'zeebe:taskDefinition'"),
        ("invalid_feel.bpmn", "element 'calc': invalid FEEL"),
    ],
)
async def test_invalid_resources_are_rejected_as_a_whole(engine, rest, fixture: str, expected: str) -> None:
    async with gateway(engine) as stub:
        error = await rejected(deploy(stub, "one_task.bpmn", fixture))
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert expected in (error.details() or "")
        before = await search(rest, "/v2/process-definitions/search", {"processDefinitionId": "invalid-feel"})
        assert before == []


async def test_invalid_feel_names_the_position(engine) -> None:
    async with gateway(engine) as stub:
        error = await rejected(deploy(stub, "invalid_feel.bpmn"))
        assert "position" in (error.details() or "")


async def test_variables_must_be_a_json_object_and_keys_must_exist(engine) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "one_task.bpmn")
        for document in ("[1]", "not json", '"text"'):
            error = await rejected(
                stub.CreateProcessInstance(
                    pb.CreateProcessInstanceRequest(bpmnProcessId="one-task", version=-1, variables=document)
                )
            )
            assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        error = await rejected(
            stub.CreateProcessInstance(pb.CreateProcessInstanceRequest(bpmnProcessId="nope"))
        )
        assert error.code() == grpc.StatusCode.NOT_FOUND
        for call in (
            stub.CompleteJob(pb.CompleteJobRequest(jobKey=2251799813999999)),
            stub.FailJob(pb.FailJobRequest(jobKey=2251799813999999, retries=1)),
            stub.ResolveIncident(pb.ResolveIncidentRequest(incidentKey=2251799813999999)),
            stub.CancelProcessInstance(pb.CancelProcessInstanceRequest(processInstanceKey=2251799813999999)),
            stub.SetVariables(pb.SetVariablesRequest(elementInstanceKey=2251799813999999, variables="{}")),
        ):
            assert (await rejected(call)).code() == grpc.StatusCode.NOT_FOUND


async def test_unsupported_rpcs_answer_unimplemented(engine) -> None:
    async with gateway(engine) as stub:
        error = await rejected(stub.EvaluateDecision(pb.EvaluateDecisionRequest(decisionId="d")))
        assert error.code() == grpc.StatusCode.UNIMPLEMENTED
        assert "EvaluateDecision" in (error.details() or "")


async def test_runtime_condition_failure_is_an_incident_and_retried_on_resolution(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "runtime_failure.bpmn")
        key = await create(stub, "runtime-failure", {"n": 0})
        [incident] = await search(rest, "/v2/incidents/search", {"processInstanceKey": str(key)})
        assert incident["errorType"] == "CONDITION_ERROR"
        await stub.SetVariables(
            pb.SetVariablesRequest(elementInstanceKey=key, variables=json.dumps({"n": 1}))
        )
        resolved = await rest.post(f"/v2/incidents/{incident['incidentKey']}/resolution")
        assert resolved.status_code == 204
        [job] = await activate(stub, "runtime-failure.ok")
        assert job.processInstanceKey == key


async def test_client_disconnecting_during_long_poll_loses_nothing(engine) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "retries.bpmn")
        poll = asyncio.create_task(activate(stub, "retries.work", request_timeout_ms=10_000))
        await asyncio.sleep(0.2)
        poll.cancel()
        with pytest.raises(asyncio.CancelledError):
            await poll
        # the engine keeps answering, and the job created next goes to the next poll, not the dead one
        await stub.Topology(pb.TopologyRequest())
        key = await create(stub, "retries")
        [job] = await activate(stub, "retries.work")
        assert job.processInstanceKey == key
        await stub.CompleteJob(pb.CompleteJobRequest(jobKey=job.key))


async def test_rest_problems_are_problem_json(rest) -> None:
    response = await rest.post("/v2/user-tasks/abc/completion", json={})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 400
    response = await rest.post("/v2/messages/publication", json={"name": "x", "variables": [1]})
    assert response.status_code == 400
    assert FIXTURES.exists()


async def test_job_commands_reject_bad_variables_and_wrong_states_without_changing_anything(
    engine, rest
) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "bad_input_task.bpmn", "call_child.bpmn", "call_parent.bpmn")
        key = await create(stub, "bad-input")
        [job] = await activate(stub, "bad-input.work")
        for call in (
            stub.CompleteJob(pb.CompleteJobRequest(jobKey=job.key, variables="[1]")),
            stub.FailJob(pb.FailJobRequest(jobKey=job.key, retries=1, variables="not json")),
            stub.ThrowError(pb.ThrowErrorRequest(jobKey=job.key, errorCode="E", variables='"x"')),
            stub.ThrowError(pb.ThrowErrorRequest(jobKey=job.key, errorCode="")),
            stub.PublishMessage(pb.PublishMessageRequest(name="m", correlationKey="k", variables="[]")),
            stub.PublishMessage(pb.PublishMessageRequest(name="", correlationKey="k")),
            stub.BroadcastSignal(pb.BroadcastSignalRequest(signalName="s", variables="1")),
            stub.ActivateJobs(
                pb.ActivateJobsRequest(type="bad-input.work", maxJobsToActivate=1, timeout=0)
            ).read(),
        ):
            assert (await rejected(call)).code() == grpc.StatusCode.INVALID_ARGUMENT
        # nothing changed: the job is still held by its worker, then fails into an incident
        await stub.FailJob(pb.FailJobRequest(jobKey=job.key, retries=0, errorMessage="gave up"))
        for call in (
            stub.CompleteJob(pb.CompleteJobRequest(jobKey=job.key)),
            stub.FailJob(pb.FailJobRequest(jobKey=job.key, retries=1)),
            stub.UpdateJobTimeout(pb.UpdateJobTimeoutRequest(jobKey=job.key, timeout=1_000)),
        ):
            assert (await rejected(call)).code() == grpc.StatusCode.FAILED_PRECONDITION
        [incident] = await search(rest, "/v2/incidents/search", {"processInstanceKey": str(key)})
        assert incident["errorMessage"] == "gave up"
        await stub.CancelProcessInstance(pb.CancelProcessInstanceRequest(processInstanceKey=key))
        # a called instance is cancelled through its root
        parent = await create(stub, "call-parent", {"enfant": "call-child"})
        [child_job] = await activate(stub, "call-child.work")
        error = await rejected(
            stub.CancelProcessInstance(
                pb.CancelProcessInstanceRequest(processInstanceKey=child_job.processInstanceKey)
            )
        )
        assert error.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert str(parent) in (error.details() or "")
        await stub.CancelProcessInstance(pb.CancelProcessInstanceRequest(processInstanceKey=parent))
