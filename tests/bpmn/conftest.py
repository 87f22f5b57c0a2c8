"""An engine of its own per process test (its clock moves), the model deployed, stand-in workers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.bpmn.harness import T0, Renewal, StandIns
from tests.support.engine_server import EngineServer, start_engine


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[EngineServer]:
    with start_engine(tmp_path) as server:
        yield server


@pytest.fixture
def stand_ins() -> StandIns:
    return StandIns()


@pytest.fixture
async def renewal(engine: EngineServer, stand_ins: StandIns, tmp_path: Path) -> AsyncIterator[Renewal]:
    """The model deployed, the clock pinned at T0 and the stand-in workers polling."""
    channel = engine.channel()
    worker_channel = engine.channel()
    async with engine.rest_client(timeout=30) as rest:
        driver = Renewal(channel, rest)
        await driver.set_clock(T0)
        await driver.deploy(tmp_path)
        worker = stand_ins.worker(worker_channel)
        working = asyncio.create_task(worker.work())
        try:
            yield driver
        finally:
            await worker.stop()
            await asyncio.wait_for(working, 30)
            await worker_channel.close()
            await channel.close()
