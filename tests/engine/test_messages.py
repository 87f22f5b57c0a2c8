"""Messages: subscriptions opened on entry, buffering with TTL, message ids, once per process id, start events."""

from __future__ import annotations

import json

import grpc
import pytest
from pyzeebe.proto import gateway_pb2 as pb

from tests.engine.helpers import activate, complete, create, deploy, gateway, instance_state, variables_of

pytestmark = pytest.mark.integration


def publish(stub, name: str, key: str, ttl: int = 0, message_id: str = "", variables=None):
    return stub.PublishMessage(
        pb.PublishMessageRequest(
            name=name,
            correlationKey=key,
            timeToLive=ttl,
            messageId=message_id,
            variables=json.dumps(variables or {}),
        )
    )


async def test_message_correlates_to_the_waiting_instance_with_its_key(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "message_catch.bpmn")
        first = await create(stub, "message-catch", {"dossierId": "A-1"})
        second = await create(stub, "message-catch", {"dossierId": 7})
        await publish(stub, "pieces-recues", "7", variables={"pieces": 3})
        [job] = await activate(stub, "message-catch.after")
        assert job.processInstanceKey == second
        assert json.loads(job.variables)["pieces"] == 3
        await complete(stub, job)
        assert await instance_state(rest, first) == "ACTIVE"
        await publish(stub, "pieces-recues", "A-1")
        [job] = await activate(stub, "message-catch.after")
        assert job.processInstanceKey == first
        await complete(stub, job)


async def test_buffered_message_is_taken_fifo_by_a_later_subscription_until_its_ttl(
    fresh_engine, engine, rest
) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "message_catch.bpmn")
        await rest.put("/v2/clock", json={"timestamp": 1_900_000_000_000})
        await publish(stub, "pieces-recues", "B-1", ttl=60_000, variables={"rang": 1})
        await publish(stub, "pieces-recues", "B-1", ttl=60_000, variables={"rang": 2})
        key = await create(stub, "message-catch", {"dossierId": "B-1"})
        [job] = await activate(stub, "message-catch.after")
        assert json.loads(job.variables)["rang"] == 1
        assert job.processInstanceKey == key
        # the same message is not correlated twice to the same process id; the second one is
        other = await create(stub, "message-catch", {"dossierId": "B-1"})
        [job2] = await activate(stub, "message-catch.after")
        assert (job2.processInstanceKey, json.loads(job2.variables)["rang"]) == (other, 2)
        await complete(stub, job)
        await complete(stub, job2)
        # after the TTL, nothing is left for a third instance
        await rest.put("/v2/clock", json={"timestamp": 1_900_000_060_001})
        third = await create(stub, "message-catch", {"dossierId": "B-1"})
        assert await activate(stub, "message-catch.after", request_timeout_ms=-1) == []
        assert await instance_state(rest, third) == "ACTIVE"


async def test_message_id_is_unique_while_buffered(engine) -> None:
    async with gateway(engine) as stub:
        await publish(stub, "unique-msg", "k", ttl=60_000, message_id="m-1")
        with pytest.raises(grpc.aio.AioRpcError) as duplicate:
            await publish(stub, "unique-msg", "k", ttl=60_000, message_id="m-1")
        assert duplicate.value.code() == grpc.StatusCode.ALREADY_EXISTS
        await publish(stub, "unique-msg", "k", ttl=60_000, message_id="m-2")


async def test_message_start_event_creates_an_instance_with_the_message_variables(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "message_start.bpmn")
        response = await rest.post(
            "/v2/messages/publication",
            json={"name": "demande-deposee", "correlationKey": "", "variables": {"usager": "U1"}},
        )
        assert response.status_code == 200, response.text
        assert response.json()["messageKey"].isdigit()
        [job] = await activate(stub, "message-start.work")
        assert json.loads(job.variables) == {"usager": "U1"}
        await complete(stub, job)


async def test_interrupting_message_boundary_cancels_the_task(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "message_boundary.bpmn")
        key = await create(stub, "message-boundary", {"dossierId": "R-9"})
        [job] = await activate(stub, "message-boundary.instruire")
        await publish(stub, "retrait", "R-9", variables={"motif": "abandon"})
        assert await instance_state(rest, key) == "COMPLETED"
        assert (await variables_of(rest, key))["motif"] == "abandon"
        with pytest.raises(grpc.aio.AioRpcError) as gone:
            await complete(stub, job)
        assert gone.value.code() == grpc.StatusCode.NOT_FOUND


async def test_missing_correlation_key_variable_raises_an_incident(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "message_catch.bpmn")
        key = await create(stub, "message-catch", {})
        found = (
            await rest.post("/v2/incidents/search", json={"filter": {"processInstanceKey": str(key)}})
        ).json()
        [incident] = found["items"]
        assert incident["errorType"] == "EXTRACT_VALUE_ERROR"
        assert "correlation key" in incident["errorMessage"]
        await stub.SetVariables(
            pb.SetVariablesRequest(elementInstanceKey=key, variables=json.dumps({"dossierId": "Z"}))
        )
        await stub.ResolveIncident(pb.ResolveIncidentRequest(incidentKey=int(incident["incidentKey"])))
        await publish(stub, "pieces-recues", "Z")
        [job] = await activate(stub, "message-catch.after")
        assert job.processInstanceKey == key
        await complete(stub, job)


async def test_a_message_correlates_once_per_process_id(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "message_catch.bpmn")
        first = await create(stub, "message-catch", {"dossierId": "ONCE-1"})
        second = await create(stub, "message-catch", {"dossierId": "ONCE-1"})
        await publish(stub, "pieces-recues", "ONCE-1", ttl=60_000)
        [job] = await activate(stub, "message-catch.after")
        assert job.processInstanceKey in (first, second)
        # buffered, but already correlated to this process id: the other instance keeps waiting
        assert await activate(stub, "message-catch.after", request_timeout_ms=-1) == []
        await publish(stub, "pieces-recues", "ONCE-1")
        [other] = await activate(stub, "message-catch.after")
        assert {job.processInstanceKey, other.processInstanceKey} == {first, second}
        await complete(stub, job)
        await complete(stub, other)


async def test_message_start_event_one_active_instance_per_correlation_key(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "message_start_keyed.bpmn")
        await publish(stub, "depot-keyed", "K-1", ttl=60_000, variables={"rang": 1})
        [first] = await activate(stub, "message-start-keyed.work")
        # an instance started by a message with key K-1 is active: the next K-1 message is buffered
        await publish(stub, "depot-keyed", "K-1", ttl=60_000, variables={"rang": 2})
        await publish(stub, "depot-keyed", "K-2", variables={"rang": 3})
        [other] = await activate(stub, "message-start-keyed.work")
        assert json.loads(other.variables)["rang"] == 3
        assert await activate(stub, "message-start-keyed.work", request_timeout_ms=-1) == []
        # once that instance ends, the buffered message starts the next one
        await complete(stub, first)
        [second] = await activate(stub, "message-start-keyed.work")
        assert json.loads(second.variables)["rang"] == 2
        await complete(stub, second)
        await complete(stub, other)
        assert await activate(stub, "message-start-keyed.work", request_timeout_ms=-1) == []


async def test_non_interrupting_message_boundary_keeps_the_task(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "message_boundary_non_interrupting.bpmn")
        key = await create(stub, "message-boundary-ni", {"dossierId": "NI-1"})
        [task] = await activate(stub, "message-boundary-ni.instruire")
        for n in (1, 2):
            await publish(stub, "relance-usager", "NI-1", variables={"relance": n})
            [answer] = await activate(stub, "message-boundary-ni.repondre")
            assert json.loads(answer.variables)["relance"] == n
            await complete(stub, answer)
        assert await instance_state(rest, key) == "ACTIVE"
        await complete(stub, task)
        assert await instance_state(rest, key) == "COMPLETED"


async def test_receive_task_waits_for_its_message(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "receive_task.bpmn")
        key = await create(stub, "receive-task", {"numero": 12})
        await publish(stub, "accuse-reception", "13")
        assert await instance_state(rest, key) == "ACTIVE"
        await publish(stub, "accuse-reception", "12", variables={"recu": True})
        assert await instance_state(rest, key) == "COMPLETED"
        assert (await variables_of(rest, key))["recu"] is True


async def test_correlation_key_is_evaluated_once_when_the_subscription_opens(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "message_catch.bpmn")
        key = await create(stub, "message-catch", {"dossierId": "AVANT"})
        await stub.SetVariables(
            pb.SetVariablesRequest(elementInstanceKey=key, variables=json.dumps({"dossierId": "APRES"}))
        )
        await publish(stub, "pieces-recues", "APRES")
        assert await instance_state(rest, key) == "ACTIVE"
        await publish(stub, "pieces-recues", "AVANT")
        [job] = await activate(stub, "message-catch.after")
        assert job.processInstanceKey == key
        await complete(stub, job)
