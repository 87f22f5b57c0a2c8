"""The record log is ordered in the database and exported to NATS JetStream."""

from __future__ import annotations

import json
from pathlib import Path

import nats
import pytest

from tests.engine.helpers import activate, complete, create, deploy, gateway
from tests.support.engine_server import start_engine

pytestmark = pytest.mark.integration


async def test_records_are_exported_to_jetstream(nats_url: str, tmp_path: Path) -> None:
    with start_engine(tmp_path, extra_env={"ENGINE_NATS_URL": nats_url}) as engine:
        async with gateway(engine.grpc_address) as stub:
            await deploy(stub, "one_task.bpmn")
            key = await create(stub, "one-task", {"x": 1})
            [job] = await activate(stub, "one-task.work")
            await complete(stub, job)
        client = await nats.connect(nats_url)
        try:
            jetstream = client.jetstream()
            subscription = await jetstream.subscribe("engine.record.>", stream="ENGINE_RECORDS")
            seen: list[tuple[str, str, int]] = []
            positions: list[int] = []
            while ("PROCESS_INSTANCE", "ELEMENT_COMPLETED", key) not in seen:
                message = await subscription.next_msg(timeout=10)
                record = json.loads(message.data)
                assert message.subject == f"engine.record.{record['valueType']}.{record['intent']}"
                seen.append((record["valueType"], record["intent"], record["key"]))
                positions.append(record["position"])
                await message.ack()
            assert positions == sorted(positions)
            assert ("JOB", "COMPLETED", job.key) in seen
        finally:
            await client.close()
