"""Jobs: delivery, completion, leases, failures and retries, driven through the gateway protocol."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time

import grpc
import pytest
from pyzeebe.proto import gateway_pb2 as pb

from tests.engine.helpers import (
    activate,
    complete,
    create,
    deploy,
    gateway,
    instance_state,
    pin_clock,
    variables_of,
)
from tests.support.engine_server import start_engine

pytestmark = pytest.mark.integration
T0 = 1_900_000_000_000


async def test_service_task_job_is_delivered_and_completed(engine, rest) -> None:
    async with gateway(engine) as stub:
        deployed = await deploy(stub, "one_task.bpmn")
        process = deployed.deployments[0].process
        assert process.bpmnProcessId == "one-task"
        assert process.processDefinitionKey >> 51 == 1
        key = await create(stub, "one-task", {"dossier": "D1"})
        [job] = await activate(stub, "one-task.work")
        assert job.processInstanceKey == key
        # Zeebe's key layout: the partition id in the high bits
        assert {k >> 51 for k in (key, job.key, job.elementInstanceKey, deployed.key)} == {1}
        assert json.loads(job.variables) == {"dossier": "D1"}
        assert json.loads(job.customHeaders) == {"template": "recu"}
        assert job.retries == 3
        await complete(stub, job, {"numero": 42})
    assert await instance_state(rest, key) == "COMPLETED"
    assert await variables_of(rest, key) == {"dossier": "D1", "numero": 42}


async def test_expired_lease_makes_job_activatable_again_and_late_completion_is_not_found(
    fresh_engine, engine, rest
) -> None:
    async with gateway(engine) as stub:
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


async def test_a_one_second_lease_is_redelivered_within_two_seconds(fresh_engine, engine) -> None:
    # a fresh engine's scheduler has nothing due and sleeps its longest: the lease must wake it on time
    async with gateway(engine) as stub:
        await deploy(stub, "one_task.bpmn")
        await create(stub, "one-task")
        await asyncio.sleep(0.3)
        started = time.monotonic()
        [first] = await activate(stub, "one-task.work", timeout_ms=1_000, worker="a")
        [again] = await activate(stub, "one-task.work", worker="b", request_timeout_ms=5_000)
        assert time.monotonic() - started < 2.0
        assert again.key == first.key and again.worker == "b"
        await complete(stub, again)


async def test_fail_with_retries_reoffers_after_backoff_then_incident_at_zero(
    fresh_engine, engine, rest
) -> None:
    async with gateway(engine) as stub:
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
        assert json.loads(again.variables)["attempt"] == 1  # local to the task, seen by its job
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

    async with gateway(engine) as stub:
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
    async with gateway(engine) as stub:
        await deploy(stub, "exclusive.bpmn")
        high = await create(stub, "exclusive", {"amount": 150})
        low = await create(stub, "exclusive", {"amount": 5})
        [h] = await activate(stub, "exclusive.high")
        [lo] = await activate(stub, "exclusive.low")
        assert (h.processInstanceKey, lo.processInstanceKey) == (high, low)
        await complete(stub, h)
        await complete(stub, lo)


async def test_stream_activated_jobs_pushes_each_new_job(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "job_stream.bpmn")
        stream = stub.StreamActivatedJobs(
            pb.StreamActivatedJobsRequest(type="job-stream.work", worker="streamer", timeout=30_000)
        )
        try:
            keys = [await create(stub, "job-stream", {"n": n}) for n in range(2)]
            pushed = [await asyncio.wait_for(stream.read(), 5) for _ in keys]
        finally:
            stream.cancel()
        assert sorted(j.processInstanceKey for j in pushed) == sorted(keys)
        assert {j.worker for j in pushed} == {"streamer"}
        # pushed jobs are activated: not handed out again while their lease runs
        assert await activate(stub, "job-stream.work", request_timeout_ms=-1) == []
        for job in pushed:
            await complete(stub, job)
        for key in keys:
            assert await instance_state(rest, key) == "COMPLETED"
        with pytest.raises(grpc.aio.AioRpcError) as invalid:
            await stub.StreamActivatedJobs(pb.StreamActivatedJobsRequest(type="", timeout=1_000)).read()
        assert invalid.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_update_job_timeout_moves_the_deadline(fresh_engine, engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "job_timeout.bpmn")
        await pin_clock(rest, T0)
        await create(stub, "job-timeout")
        [job] = await activate(stub, "job-timeout.work", timeout_ms=60_000)
        await stub.UpdateJobTimeout(pb.UpdateJobTimeoutRequest(jobKey=job.key, timeout=600_000))
        await pin_clock(rest, T0 + 120_000)
        assert await activate(stub, "job-timeout.work", request_timeout_ms=-1) == []
        await pin_clock(rest, T0 + 600_000)
        [again] = await activate(stub, "job-timeout.work")
        assert again.key == job.key and again.deadline == T0 + 600_000 + 30_000
        with pytest.raises(grpc.aio.AioRpcError) as missing:
            await stub.UpdateJobTimeout(pb.UpdateJobTimeoutRequest(jobKey=job.key + 10_000, timeout=1))
        assert missing.value.code() == grpc.StatusCode.NOT_FOUND
        await complete(stub, again)
        with pytest.raises(grpc.aio.AioRpcError) as done:
            await stub.UpdateJobTimeout(pb.UpdateJobTimeoutRequest(jobKey=job.key, timeout=1))
        assert done.value.code() == grpc.StatusCode.NOT_FOUND


async def test_update_job_retries_rejects_non_positive_and_unknown_jobs(engine) -> None:
    async with gateway(engine) as stub:
        for retries, code in ((0, grpc.StatusCode.INVALID_ARGUMENT), (2, grpc.StatusCode.NOT_FOUND)):
            with pytest.raises(grpc.aio.AioRpcError) as rejected:
                await stub.UpdateJobRetries(
                    pb.UpdateJobRetriesRequest(jobKey=2251799813999999, retries=retries)
                )
            assert rejected.value.code() == code


async def test_long_poll_answers_before_the_client_deadline(engine) -> None:
    # requestTimeout 0 means the engine's default (10 s), longer than this client's 1.5 s deadline
    # (pyzeebe's case: requestTimeout 0 and a 20 s deadline): an empty answer, never DEADLINE_EXCEEDED
    async with gateway(engine) as stub:
        for request_timeout in (0, 60_000):
            started = time.monotonic()
            call = stub.ActivateJobs(
                pb.ActivateJobsRequest(
                    type="long-poll.nothing",
                    worker="w",
                    timeout=1_000,
                    maxJobsToActivate=1,
                    requestTimeout=request_timeout,
                ),
                timeout=1.5,
            )
            assert [r async for r in call] == []
            assert await call.code() == grpc.StatusCode.OK
            assert time.monotonic() - started < 1.5


async def test_backpressure_answers_resource_exhausted(tmp_path) -> None:
    with start_engine(tmp_path, extra_env={"ENGINE_MAX_INFLIGHT_REQUESTS": "1"}) as engine:
        async with gateway(engine) as stub:
            parked = asyncio.create_task(activate(stub, "backpressure.none", request_timeout_ms=3_000))
            await asyncio.sleep(0.3)  # the long poll holds the only slot
            with pytest.raises(grpc.aio.AioRpcError) as busy:
                await stub.PublishMessage(pb.PublishMessageRequest(name="m", correlationKey="k"))
            assert busy.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
            parked.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await parked
            await asyncio.sleep(0.3)
            await stub.PublishMessage(pb.PublishMessageRequest(name="m", correlationKey="k"))
