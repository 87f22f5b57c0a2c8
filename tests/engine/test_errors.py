"""BPMN errors: the nearest matching catch wins, a specific code beats a catch-all, else an incident."""

from __future__ import annotations

import json

import pytest
from pyzeebe.proto import gateway_pb2 as pb

from tests.engine.helpers import activate, complete, create, deploy, gateway, instance_state, search

pytestmark = pytest.mark.integration


async def throw(stub, job, code: str, variables=None) -> None:
    await stub.ThrowError(
        pb.ThrowErrorRequest(
            jobKey=job.key, errorCode=code, errorMessage="boom", variables=json.dumps(variables or {})
        )
    )


async def test_specific_error_code_beats_catch_all(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "error_boundary.bpmn")
        specific = await create(stub, "error-boundary")
        general = await create(stub, "error-boundary")
        jobs = {j.processInstanceKey: j for j in await activate(stub, "error-boundary.verifier")}
        await throw(stub, jobs[specific], "PIECE_ILLISIBLE", {"piece": "passeport"})
        await throw(stub, jobs[general], "AUTRE")
        [s] = await activate(stub, "error-boundary.specific")
        [g] = await activate(stub, "error-boundary.general")
        assert s.processInstanceKey == specific and json.loads(s.variables)["piece"] == "passeport"
        assert g.processInstanceKey == general
        await complete(stub, s)
        await complete(stub, g)


async def test_error_inside_subprocess_goes_to_the_error_event_subprocess(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "error_subprocess.bpmn")
        key = await create(stub, "error-subprocess")
        [job] = await activate(stub, "error-subprocess.inner")
        await throw(stub, job, "REFUS")
        [repair] = await activate(stub, "error-subprocess.repair")
        await complete(stub, repair)
        assert await instance_state(rest, key) == "COMPLETED"


async def test_uncaught_error_raises_an_incident(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "error_subprocess.bpmn", "error_end.bpmn")
        key = await create(stub, "error-subprocess")
        [job] = await activate(stub, "error-subprocess.inner")
        await throw(stub, job, "UNKNOWN_CODE")
        [incident] = await search(rest, "/v2/incidents/search", {"processInstanceKey": str(key)})
        assert incident["errorType"] == "UNHANDLED_ERROR_EVENT"
        assert incident["jobKey"] == str(job.key)
        end = await create(stub, "error-end")
        [incident] = await search(rest, "/v2/incidents/search", {"processInstanceKey": str(end)})
        assert incident["errorType"] == "UNHANDLED_ERROR_EVENT"
        assert "NOBODY_CATCHES" in incident["errorMessage"]


async def test_error_end_event_is_caught_by_the_boundary_of_its_subprocess(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "error_end_caught.bpmn")
        key = await create(stub, "error-end-caught")
        [job] = await activate(stub, "error-end-caught.demander")
        assert job.processInstanceKey == key
        await complete(stub, job)
        assert await instance_state(rest, key) == "COMPLETED"
        [sub] = await search(
            rest, "/v2/element-instances/search", {"processInstanceKey": str(key), "elementId": "verifier"}
        )
        assert sub["state"] == "TERMINATED"


async def test_business_rule_task_is_an_incident_until_dmn_is_supported(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "business_rule.bpmn")
        key = await create(stub, "business-rule")
        [incident] = await search(rest, "/v2/incidents/search", {"processInstanceKey": str(key)})
        assert incident["errorType"] == "CALLED_DECISION_ERROR"
        assert incident["elementId"] == "decider"
        assert await instance_state(rest, key) == "ACTIVE"


async def test_error_thrown_in_a_called_process_is_caught_by_the_call_activity_boundary(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "call_error_child.bpmn", "call_error_parent.bpmn")
        parent = await create(stub, "call-error-parent")
        [job] = await activate(stub, "call-error-child.work")
        await throw(stub, job, "REJET", {"motif": "incomplet"})
        assert await instance_state(rest, job.processInstanceKey) == "TERMINATED"
        assert await instance_state(rest, parent) == "COMPLETED"
        [end] = await search(
            rest, "/v2/element-instances/search", {"processInstanceKey": str(parent), "elementId": "endRejet"}
        )
        assert end["state"] == "COMPLETED"


async def test_resolving_a_no_retries_incident_without_retries_raises_it_again(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "call_error_child.bpmn")
        key = await create(stub, "call-error-child")
        [job] = await activate(stub, "call-error-child.work")
        await stub.FailJob(pb.FailJobRequest(jobKey=job.key, retries=0, errorMessage="down"))
        [first] = await search(rest, "/v2/incidents/search", {"processInstanceKey": str(key)})
        await stub.ResolveIncident(pb.ResolveIncidentRequest(incidentKey=int(first["incidentKey"])))
        [again] = await search(
            rest, "/v2/incidents/search", {"processInstanceKey": str(key), "state": "ACTIVE"}
        )
        assert again["incidentKey"] != first["incidentKey"] and again["errorType"] == "JOB_NO_RETRIES"
        assert await activate(stub, "call-error-child.work", request_timeout_ms=-1) == []
        await stub.CancelProcessInstance(pb.CancelProcessInstanceRequest(processInstanceKey=key))
