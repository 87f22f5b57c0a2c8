"""Token flow: subprocesses, event subprocesses, gateways, call activities, multi-instance, terminate, signals."""

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
    pin_clock,
    search,
    variables_of,
)

pytestmark = pytest.mark.integration
T0 = 1_900_000_000_000


async def test_event_subprocesses_non_interrupting_message_and_interrupting_timer(
    fresh_engine, engine, rest
) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "event_subprocess.bpmn")
        await pin_clock(rest, T0)
        key = await create(stub, "event-subprocess", {"dossierId": "E1"})
        for _ in range(2):
            await stub.PublishMessage(pb.PublishMessageRequest(name="note", correlationKey="E1"))
            [note] = await activate(stub, "event-subprocess.noter")
            await complete(stub, note)
        [_work] = await activate(stub, "event-subprocess.travail")
        assert await instance_state(rest, key) == "ACTIVE"
        await pin_clock(rest, T0 + 2 * 3_600_000)
        for _ in range(50):
            if await instance_state(rest, key) == "COMPLETED":
                break
            await activate(stub, "never.happens", request_timeout_ms=100)
        assert await instance_state(rest, key) == "COMPLETED"
        [terminated] = await search(
            rest, "/v2/element-instances/search", {"processInstanceKey": str(key), "elementId": "travail"}
        )
        assert terminated["state"] == "TERMINATED"


async def test_event_based_gateway_takes_the_first_event(fresh_engine, engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "event_gateway.bpmn")
        await pin_clock(rest, T0)
        answered = await create(stub, "event-gateway", {"dossierId": "G1"})
        silent = await create(stub, "event-gateway", {"dossierId": "G2"})
        await stub.PublishMessage(pb.PublishMessageRequest(name="reponse-usager", correlationKey="G1"))
        [t] = await activate(stub, "event-gateway.traiter")
        assert t.processInstanceKey == answered
        await pin_clock(rest, T0 + 30 * 86_400_000)
        [c] = await activate(stub, "event-gateway.cloturer")
        assert c.processInstanceKey == silent
        await complete(stub, t)
        await complete(stub, c)
        assert await activate(stub, "event-gateway.traiter", request_timeout_ms=-1) == []


async def test_inclusive_gateway_forks_on_conditions_and_joins_what_was_taken(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "inclusive.bpmn")
        key = await create(stub, "inclusive", {"x": 5})
        [a] = await activate(stub, "inclusive.a")
        assert await activate(stub, "inclusive.b", request_timeout_ms=-1) == []
        await complete(stub, a)
        [after] = await activate(stub, "inclusive.after")
        await complete(stub, after)
        assert await instance_state(rest, key) == "COMPLETED"
        both = await create(stub, "inclusive", {"x": 50})
        [a] = await activate(stub, "inclusive.a")
        [b] = await activate(stub, "inclusive.b")
        await complete(stub, a)
        assert await activate(stub, "inclusive.after", request_timeout_ms=-1) == []
        await complete(stub, b)
        [after] = await activate(stub, "inclusive.after")
        assert after.processInstanceKey == both
        await complete(stub, after)


async def test_call_activity_variable_propagation(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "call_child.bpmn", "call_parent.bpmn")
        key = await create(stub, "call-parent", {"enfant": "call-child", "dossier": "C1"})
        [first] = await activate(stub, "call-child.work")
        assert json.loads(first.variables) == {"enfant": "call-child", "dossier": "C1"}
        await complete(stub, first, {"resultatEnfant": 1, "secret": True})
        [second] = await activate(stub, "call-child.work")
        assert json.loads(second.variables) == {"seul": 1}
        await complete(stub, second, {"fin": "ok"})
        assert await instance_state(rest, key) == "COMPLETED"
        final = await variables_of(rest, key)
        assert final["resultat"] == 1 and "secret" not in final and final["fin"] == "ok"


async def test_parallel_and_sequential_multi_instance(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "multi_instance.bpmn")
        key = await create(stub, "multi-instance", {"pieces": ["passeport", "photo", "justificatif"]})
        jobs = await activate(stub, "multi-instance.verifier")
        assert sorted(json.loads(j.variables)["piece"] for j in jobs) == [
            "justificatif",
            "passeport",
            "photo",
        ]
        for job in reversed(jobs):
            piece = json.loads(job.variables)["piece"]
            await complete(stub, job, {"verdict": piece.upper()})
        assert (await variables_of(rest, key))["verdicts"] == ["PASSEPORT", "PHOTO", "JUSTIFICATIF"]
        [one] = await activate(stub, "multi-instance.relire")
        assert json.loads(one.variables)["loopCounter"] == 1
        await complete(stub, one, {"verdict": "ok"})
        [two] = await activate(stub, "multi-instance.relire")
        assert json.loads(two.variables)["piece"] == "photo"
        await complete(stub, two, {"verdict": "stop"})
        assert await instance_state(rest, key) == "COMPLETED"
        assert (await variables_of(rest, key))["verdicts"] == ["ok", "stop", None]


async def test_terminate_end_event_and_signal(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "terminate.bpmn", "signal.bpmn")
        key = await create(stub, "terminate")
        assert await instance_state(rest, key) == "COMPLETED"
        assert await activate(stub, "terminate.long", request_timeout_ms=-1) == []
        waiting = await create(stub, "signal")
        await stub.BroadcastSignal(pb.BroadcastSignalRequest(signalName="fermeture-guichet"))
        assert await instance_state(rest, waiting) == "COMPLETED"


async def test_send_task_and_message_throw_events_are_jobs(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "message_throw.bpmn")
        key = await create(stub, "message-throw")
        for element in ("notifier", "envoyer", "end"):
            [job] = await activate(stub, "message-throw.send")
            assert job.elementId == element
            await complete(stub, job)
        assert await instance_state(rest, key) == "COMPLETED"


async def test_cancel_process_instance(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "call_child.bpmn", "call_parent.bpmn")
        key = await create(stub, "call-parent", {"enfant": "call-child"})
        [job] = await activate(stub, "call-child.work")
        response = await rest.post(f"/v2/process-instances/{key}/cancellation", json={})
        assert response.status_code == 204
        assert await instance_state(rest, key) == "TERMINATED"
        assert await instance_state(rest, job.processInstanceKey) == "TERMINATED"
        import grpc

        with pytest.raises(grpc.aio.AioRpcError) as gone:
            await stub.CancelProcessInstance(pb.CancelProcessInstanceRequest(processInstanceKey=key))
        assert gone.value.code() == grpc.StatusCode.NOT_FOUND


async def test_start_instructions_start_the_instance_at_any_element(engine, rest) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "start_anywhere.bpmn")
        response = await stub.CreateProcessInstance(
            pb.CreateProcessInstanceRequest(
                bpmnProcessId="start-anywhere",
                version=-1,
                variables=json.dumps({"dossier": "S1"}),
                startInstructions=[pb.ProcessInstanceCreationStartInstruction(elementId="instruire")],
            )
        )
        key = response.processInstanceKey
        assert await activate(stub, "start-anywhere.saisir", request_timeout_ms=-1) == []
        [job] = await activate(stub, "start-anywhere.instruire")
        assert job.processInstanceKey == key and json.loads(job.variables) == {"dossier": "S1"}
        await complete(stub, job)
        assert await instance_state(rest, key) == "COMPLETED"
        import grpc

        with pytest.raises(grpc.aio.AioRpcError) as unknown:
            await stub.CreateProcessInstance(
                pb.CreateProcessInstanceRequest(
                    bpmnProcessId="start-anywhere",
                    startInstructions=[pb.ProcessInstanceCreationStartInstruction(elementId="nowhere")],
                )
            )
        assert unknown.value.code() == grpc.StatusCode.INVALID_ARGUMENT
