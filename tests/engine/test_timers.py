"""Timers follow the controlled clock: evaluated on entry, never early, cycles repeat."""

from __future__ import annotations

import pytest

from tests.engine.helpers import (
    activate,
    complete,
    create,
    deploy,
    gateway,
    instance_state,
    pin_clock,
    search,
)

pytestmark = pytest.mark.integration
T0 = 1_900_000_000_000
DAY = 86_400_000
HOUR = 3_600_000


async def test_thirty_day_timer_fires_when_the_clock_reaches_it_and_not_before(
    fresh_engine, engine, rest
) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "timer_catch.bpmn")
        await pin_clock(rest, T0)
        key = await create(stub, "timer-catch")
        await pin_clock(rest, T0 + 30 * DAY - 1)
        assert await activate(stub, "timer-catch.after", request_timeout_ms=300) == []
        await pin_clock(rest, T0 + 30 * DAY)
        [job] = await activate(stub, "timer-catch.after")
        assert job.processInstanceKey == key
        await complete(stub, job)
        assert await instance_state(rest, key) == "COMPLETED"


async def test_non_interrupting_cycle_repeats_and_interrupting_duration_from_a_variable(
    fresh_engine, engine, rest
) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "timer_boundary_cycle.bpmn")
        await pin_clock(rest, T0)
        key = await create(stub, "timer-boundary-cycle", {"delai": "PT5H"})
        for hour in (1, 2, 3):
            await pin_clock(rest, T0 + hour * HOUR)
            [reminder] = await activate(stub, "timer-cycle.rappel")
            await complete(stub, reminder)
        await pin_clock(rest, T0 + 4 * HOUR)
        assert await activate(stub, "timer-cycle.rappel", request_timeout_ms=300) == []
        assert await instance_state(rest, key) == "ACTIVE"
        await pin_clock(rest, T0 + 5 * HOUR)
        [task] = await activate(stub, "timer-cycle.instruire", request_timeout_ms=300) or [None]
        assert task is None  # the interrupting timer terminated the task and its job
        for _ in range(50):
            if await instance_state(rest, key) == "COMPLETED":
                break
            await activate(stub, "never.happens", request_timeout_ms=100)
        assert await instance_state(rest, key) == "COMPLETED"
        ended = await search(
            rest, "/v2/element-instances/search", {"processInstanceKey": str(key), "elementId": "endExpire"}
        )
        assert len(ended) == 1


async def test_time_date_timer_and_timer_start_event(fresh_engine, engine, rest) -> None:
    async with gateway(engine) as stub:
        await pin_clock(rest, T0)
        await deploy(stub, "timer_date.bpmn", "timer_start.bpmn")
        key = await create(stub, "timer-date", {"echeance": "2030-06-01T08:00:00Z"})
        await pin_clock(rest, 1_906_963_200_000)  # 2030-06-07
        for _ in range(50):
            if await instance_state(rest, key) == "COMPLETED":
                break
            await activate(stub, "never.happens", request_timeout_ms=100)
        assert await instance_state(rest, key) == "COMPLETED"
        # R2/2030-01-01/P1D: the timer start event fired twice by now, no more
        started = await activate(stub, "timer-start.work", request_timeout_ms=1_000)
        assert len(started) == 2


async def test_non_interrupting_timer_event_subprocess_repeats_while_the_scope_is_active(
    fresh_engine, engine, rest
) -> None:
    async with gateway(engine) as stub:
        await deploy(stub, "timer_event_subprocess.bpmn")
        await pin_clock(rest, T0)
        key = await create(stub, "timer-event-subprocess")
        [work] = await activate(stub, "timer-esp.travail")
        await pin_clock(rest, T0 + DAY - 1)
        assert await activate(stub, "timer-esp.rappeler", request_timeout_ms=300) == []
        for day in (1, 2):
            await pin_clock(rest, T0 + day * DAY)
            [reminder] = await activate(stub, "timer-esp.rappeler")
            assert reminder.processInstanceKey == key
            await complete(stub, reminder)
        await complete(stub, work)
        assert await instance_state(rest, key) == "COMPLETED"
        # the cycle stopped with its scope
        await pin_clock(rest, T0 + 5 * DAY)
        assert await activate(stub, "timer-esp.rappeler", request_timeout_ms=300) == []
