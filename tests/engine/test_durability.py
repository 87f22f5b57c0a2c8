"""Durability on SQLite and PostgreSQL: kill -9 loses nothing acknowledged; time-based work carries on."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pyzeebe.proto import gateway_pb2 as pb

from tests.engine.helpers import activate, complete, create, deploy, gateway, instance_state, pin_clock
from tests.support.engine_server import EngineServer, start_engine

pytestmark = pytest.mark.integration
T0 = 1_900_000_000_000


@pytest.fixture
def stored_engine(database_url: str, tmp_path: Path) -> Iterator[EngineServer]:
    with start_engine(tmp_path, database_url=database_url) as server:
        yield server


async def test_kill_9_then_restart_keeps_jobs_timers_and_messages(stored_engine: EngineServer) -> None:

    engine = stored_engine
    async with engine.rest_client() as rest, gateway(engine) as stub:
        await deploy(stub, "one_task.bpmn", "timer_catch.bpmn", "message_catch.bpmn")
        await pin_clock(rest, T0)
        waiting_job = await create(stub, "one-task", {"n": 1})
        [job] = await activate(stub, "one-task.work", timeout_ms=60_000)
        timer = await create(stub, "timer-catch")
        await stub.PublishMessage(
            pb.PublishMessageRequest(
                name="pieces-recues", correlationKey="K", timeToLive=3_600_000, variables=json.dumps({"v": 1})
            )
        )
    engine.kill()
    engine.start()
    async with engine.rest_client() as rest, gateway(engine) as stub:
        await pin_clock(rest, T0 + 10_000)
        # the lease is still held after the restart, then expires at its deadline
        assert await activate(stub, "one-task.work", request_timeout_ms=-1) == []
        await pin_clock(rest, job.deadline)
        [again] = await activate(stub, "one-task.work")
        assert again.key == job.key and again.processInstanceKey == waiting_job
        await complete(stub, again)
        assert await instance_state(rest, waiting_job) == "COMPLETED"
        # the overdue timer fires after the restart
        await pin_clock(rest, T0 + 31 * 86_400_000)
        [after_timer] = await activate(stub, "timer-catch.after")
        assert after_timer.processInstanceKey == timer
        await complete(stub, after_timer)
        # the buffered message's TTL counted from before the crash: expired by now
        late = await create(stub, "message-catch", {"dossierId": "K"})
        assert await activate(stub, "message-catch.after", request_timeout_ms=-1) == []
        assert await instance_state(rest, late) == "ACTIVE"


async def test_kill_9_under_load_loses_no_acknowledged_instance(stored_engine: EngineServer) -> None:

    engine = stored_engine
    acknowledged: list[int] = []
    async with gateway(engine) as stub:
        await deploy(stub, "parallel.bpmn")

        enough = asyncio.Event()

        async def load() -> None:
            while True:
                acknowledged.append(await create(stub, "parallel", {"i": len(acknowledged)}))
                if len(acknowledged) >= 20:
                    enough.set()

        task = asyncio.create_task(load())
        await enough.wait()
        engine.kill()
        with pytest.raises(Exception):  # noqa: B017 - any transport error: the engine is gone
            await task
    engine.start()
    async with engine.rest_client() as rest:
        for key in acknowledged:
            assert await instance_state(rest, key) == "ACTIVE"
    async with gateway(engine) as stub:
        jobs = await activate(stub, "parallel.a", max_jobs=1000)
        assert set(acknowledged) <= {j.processInstanceKey for j in jobs}


@pytest.mark.postgres
async def test_two_engines_on_one_postgresql_never_hand_out_a_job_twice(
    postgres_url: str, tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with (
        start_engine(tmp_path / "a", database_url=postgres_url) as first,
        start_engine(tmp_path / "b", database_url=postgres_url) as second,
    ):
        async with gateway(first) as one, gateway(second) as two:
            await deploy(one, "one_task.bpmn")
            created = [await create(one if i % 2 else two, "one-task") for i in range(60)]

            async def drain(stub) -> list[int]:
                seen: list[int] = []
                while True:
                    jobs = await activate(stub, "one-task.work", max_jobs=7, request_timeout_ms=1_000)
                    if not jobs:
                        return seen
                    seen.extend(j.key for j in jobs)
                    for job in jobs:
                        await complete(stub, job)

            results = await asyncio.gather(drain(one), drain(two), drain(one), drain(two))
        delivered = [key for result in results for key in result]
        assert len(delivered) == len(set(delivered)) == len(created)
