"""Jobs: delivery, completion, leases, failures and retries, driven through the gateway protocol."""

from __future__ import annotations

import json

import grpc
import pytest
from pyzeebe.proto import gateway_pb2 as pb

from tests.engine.helpers import activate, complete, create, deploy, gateway, instance_state, variables_of

pytestmark = pytest.mark.integration


async def test_service_task_job_is_delivered_and_completed(engine, rest) -> None:
    async with gateway(engine.grpc_address) as stub:
        deployed = await deploy(stub, "one_task.bpmn")
        process = deployed.deployments[0].process
        assert process.bpmnProcessId == "one-task"
        assert process.processDefinitionKey >> 51 == 1
        key = await create(stub, "one-task", {"dossier": "D1"})
        [job] = await activate(stub, "one-task.work")
        assert job.processInstanceKey == key
        assert json.loads(job.variables) == {"dossier": "D1"}
        assert json.loads(job.customHeaders) == {"template": "recu"}
        assert job.retries == 3
        await complete(stub, job, {"numero": 42})
    assert await instance_state(rest, key) == "COMPLETED"
    assert await variables_of(rest, key) == {"dossier": "D1", "numero": 42}


async def test_expired_lease_makes_job_activatable_again_and_late_completion_is_not_found(
    fresh_engine, engine, rest
) -> None:
    async with gateway(engine.grpc_address) as stub:
        await deploy(stub, "one_task.bpmn")
        await create(stub, "one-task")
        [first] = await activate(stub, "one-task.work", timeout_ms=60_000, worker="a")
        assert await activate(stub, "one-task.work", request_timeout_ms=-1) == []
        await rest.put("/v2/clock", json={"timestamp": first.deadline + 1})
        [second] = await activate(stub, "one-task.work", worker="b")
        assert second.key == first.key
        assert second.retries == first.retries
        await complete(stub, second)
        with pytest.raises(grpc.aio.AioRpcError) as late:
            await complete(stub, first)
        assert late.value.code() == grpc.StatusCode.NOT_FOUND


async def test_fail_with_retries_reoffers_after_backoff_then_incident_at_zero(
    fresh_engine, engine, rest
) -> None:
    async with gateway(engine.grpc_address) as stub:
        await deploy(stub, "retries.bpmn")
        base = 1_900_000_000_000
        await rest.put("/v2/clock", json={"timestamp": base})
        key = await create(stub, "retries")
        [job] = await activate(stub, "retries.work")
        await stub.FailJob(
            pb.FailJobRequest(
                jobKey=job.key,
                retries=1,
                errorMessage="smtp down",
                retryBackOff=60_000,
                variables=json.dumps({"attempt": 1}),
            )
        )
        assert await activate(stub, "retries.work", request_timeout_ms=-1) == []
        await rest.put("/v2/clock", json={"timestamp": base + 60_000})
        [again] = await activate(stub, "retries.work", request_timeout_ms=5_000)
        assert again.retries == 1
        await stub.FailJob(pb.FailJobRequest(jobKey=job.key, retries=0, errorMessage="still down"))
        incidents = (
            await rest.post("/v2/incidents/search", json={"filter": {"processInstanceKey": str(key)}})
        ).json()
        [incident] = incidents["items"]
        assert incident["errorType"] == "JOB_NO_RETRIES"
        assert incident["errorMessage"] == "still down"
        assert incident["jobKey"] == str(job.key)
        assert await activate(stub, "retries.work", request_timeout_ms=-1) == []
        # FailJob variables are local to the task, not in the process scope
        assert "attempt" not in await variables_of(rest, key)
        await stub.UpdateJobRetries(pb.UpdateJobRetriesRequest(jobKey=job.key, retries=1))
        assert await activate(stub, "retries.work", request_timeout_ms=-1) == []
        await stub.ResolveIncident(pb.ResolveIncidentRequest(incidentKey=int(incident["incidentKey"])))
        [last] = await activate(stub, "retries.work")
        await complete(stub, last)
    assert await instance_state(rest, key) == "COMPLETED"


async def test_long_poll_is_woken_by_a_new_job(engine, rest) -> None:
    import asyncio
    import time

    async with gateway(engine.grpc_address) as stub:
        await deploy(stub, "parallel.bpmn")
        started = time.monotonic()
        poll = asyncio.create_task(activate(stub, "parallel.a", request_timeout_ms=10_000))
        await asyncio.sleep(0.3)  # let the poll reach the engine before the job exists
        await create(stub, "parallel")
        jobs = await poll
        assert len(jobs) == 1
        assert time.monotonic() - started < 5
        [b] = await activate(stub, "parallel.b")
        await complete(stub, jobs[0])
        await complete(stub, b)
        assert await instance_state(rest, jobs[0].processInstanceKey) == "COMPLETED"


async def test_exclusive_gateway_takes_condition_or_default(engine, rest) -> None:
    async with gateway(engine.grpc_address) as stub:
        await deploy(stub, "exclusive.bpmn")
        high = await create(stub, "exclusive", {"amount": 150})
        low = await create(stub, "exclusive", {"amount": 5})
        [h] = await activate(stub, "exclusive.high")
        [lo] = await activate(stub, "exclusive.low")
        assert (h.processInstanceKey, lo.processInstanceKey) == (high, low)
