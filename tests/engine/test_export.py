"""The record log is ordered in the database and exported to NATS JetStream, one record per state change."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import nats
import pytest
from pyzeebe.proto import gateway_pb2 as pb

from tests.engine.helpers import activate, complete, create, deploy, gateway, pin_clock, search
from tests.support.engine_server import start_engine

pytestmark = pytest.mark.integration
T0 = 1_900_000_000_000
DAY = 86_400_000

# every kind of state change issue 3 lists, as (valueType, intent)
EXPECTED = {
    ("PROCESS_INSTANCE", "ELEMENT_ACTIVATED"),
    ("PROCESS_INSTANCE", "ELEMENT_COMPLETED"),
    ("PROCESS_INSTANCE", "ELEMENT_TERMINATED"),
    ("JOB", "CREATED"),
    ("JOB", "ACTIVATED"),
    ("JOB", "COMPLETED"),
    ("JOB", "FAILED"),
    ("JOB", "TIMED_OUT"),
    ("INCIDENT", "CREATED"),
    ("INCIDENT", "RESOLVED"),
    ("MESSAGE", "PUBLISHED"),
    ("PROCESS_MESSAGE_SUBSCRIPTION", "CORRELATED"),
    ("MESSAGE", "EXPIRED"),
    ("TIMER", "CREATED"),
    ("TIMER", "TRIGGERED"),
    ("VARIABLE", "CREATED"),
    ("USER_TASK", "CREATED"),
    ("USER_TASK", "ASSIGNED"),
    ("USER_TASK", "COMPLETED"),
}


async def produce_every_kind_of_record(stub, rest: httpx.AsyncClient) -> int:
    await deploy(stub, "one_task.bpmn", "message_catch.bpmn", "timer_catch.bpmn", "message_boundary.bpmn")
    await deploy(stub, "examen.form", "user_task.bpmn")
    await pin_clock(rest, T0)
    # jobs: created, activated, timed out, failed (incident), retried, completed
    key = await create(stub, "one-task", {"x": 1})
    [job] = await activate(stub, "one-task.work", timeout_ms=1_000)
    await pin_clock(rest, T0 + 1_000)
    [job] = await activate(stub, "one-task.work")
    await stub.FailJob(pb.FailJobRequest(jobKey=job.key, retries=0, errorMessage="down"))
    [incident] = await search(rest, "/v2/incidents/search", {"processInstanceKey": str(key)})
    await stub.UpdateJobRetries(pb.UpdateJobRetriesRequest(jobKey=job.key, retries=1))
    await stub.ResolveIncident(pb.ResolveIncidentRequest(incidentKey=int(incident["incidentKey"])))
    [job] = await activate(stub, "one-task.work")
    await complete(stub, job)
    # messages: correlated, and one that expires; an interrupting boundary terminates its task
    await create(stub, "message-catch", {"dossierId": "REC"})
    await stub.PublishMessage(pb.PublishMessageRequest(name="pieces-recues", correlationKey="REC"))
    await stub.PublishMessage(pb.PublishMessageRequest(name="lost", correlationKey="x", timeToLive=1_000))
    await create(stub, "message-boundary", {"dossierId": "REC-B"})
    await stub.PublishMessage(pb.PublishMessageRequest(name="retrait", correlationKey="REC-B"))
    # timers: created, then triggered by the controlled clock (which also expires the message)
    await create(stub, "timer-catch")
    await pin_clock(rest, T0 + 31 * DAY)
    [after] = await activate(stub, "timer-catch.after")
    await complete(stub, after)
    # native user tasks: created, assigned, completed
    user = await create(stub, "user-task", {"agent": "alice", "echeance": "2030-01-31T00:00:00Z"})
    [task] = await search(rest, "/v2/user-tasks/search", {"processInstanceKey": str(user)})
    await rest.post(f"/v2/user-tasks/{task['userTaskKey']}/assignment", json={"assignee": "bob"})
    await rest.post(f"/v2/user-tasks/{task['userTaskKey']}/completion", json={})
    return key


async def test_every_kind_of_record_is_exported_to_jetstream_in_order(nats_url: str, tmp_path: Path) -> None:
    with start_engine(tmp_path, extra_env={"ENGINE_NATS_URL": nats_url}) as engine:
        async with engine.rest_client() as rest, gateway(engine) as stub:
            key = await produce_every_kind_of_record(stub, rest)
        client = await nats.connect(nats_url)
        try:
            subscription = await client.jetstream().subscribe("engine.record.>", stream="ENGINE_RECORDS")
            seen: set[tuple[str, str]] = set()
            positions: list[int] = []
            while EXPECTED - seen:
                message = await subscription.next_msg(timeout=10)
                record = json.loads(message.data)
                assert message.subject == f"engine.record.{record['valueType']}.{record['intent']}"
                seen.add((record["valueType"], record["intent"]))
                positions.append(record["position"])
                if (record["valueType"], record["intent"]) == ("PROCESS_INSTANCE", "ELEMENT_COMPLETED"):
                    assert record["key"] >> 51 == 1
                await message.ack()
            assert positions == sorted(positions)
            assert key >> 51 == 1
        finally:
            await client.close()
