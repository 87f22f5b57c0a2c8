"""A dependency down for up to ten minutes never needs an operator: technical failures back off.

The policy's schedule is checked on its own, against the process model, and through a real worker
and the real engine with its clock pinned: each retry comes back when its back-off ends and not
before, and the incident comes after about ten minutes of failures.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import grpc
import pytest
from pyzeebe import ZeebeClient, ZeebeTaskRouter

from contracts.base import JobVariables
from contracts.jobs import JobContract
from plumbing.job_failures import RetryPolicy, TransientJobError, retry_policy
from plumbing.settings import PlatformSettings
from plumbing.worker import TypedJob, create_worker, register_job
from tests.engine.helpers import pin_clock, search
from tests.support.engine_server import start_engine

MODEL = Path(__file__).parent / "fixtures" / "retry_policy.bpmn"
PROCESS_MODEL = Path(__file__).resolve().parents[2] / "bpmn" / "renouvellement-titre-sejour-ase.bpmn"
ZEEBE = "{http://camunda.org/schema/zeebe/1.0}"
T0 = 1_900_000_000_000
MINUTE_MS = 60_000


class Rien(JobVariables):
    pass


CONTRACT = JobContract("retry-policy.work", Rien, Rien, Rien)


def nominal_waits(retries: int, policy: RetryPolicy | None = None) -> list[int]:
    """The waits between the `retries` attempts of a job that always fails, without jitter."""
    base = policy or RetryPolicy()
    exact = RetryPolicy(min_ms=base.min_ms, max_ms=base.max_ms, jitter=0)
    return [exact.backoff_ms(left) for left in range(retries - 1, 0, -1)]


@pytest.mark.unit
def test_the_wait_doubles_up_to_five_minutes_before_the_last_attempt() -> None:
    assert nominal_waits(8) == [5_000, 9_375, 18_750, 37_500, 75_000, 150_000, 300_000]
    assert 9.5 * MINUTE_MS < sum(nominal_waits(8)) < 10 * MINUTE_MS
    assert RetryPolicy().backoff_ms(0) == 0  # no attempt left: the incident at once
    assert RetryPolicy(jitter=0).backoff_ms(10_000) == 5_000  # never under the minimum
    spread = {RetryPolicy(rng=random.Random(seed)).backoff_ms(1) for seed in range(50)}
    assert min(spread) >= 240_000 and max(spread) <= 360_000 and len(spread) > 40


@pytest.mark.unit
def test_the_policy_is_the_platforms_settings() -> None:
    platform = PlatformSettings(JOB_RETRY_BACKOFF_MIN_MS=1_000, JOB_RETRY_BACKOFF_MAX_MS=60_000)
    assert retry_policy(platform) == RetryPolicy(min_ms=1_000, max_ms=60_000)


@pytest.mark.unit
def test_every_task_of_the_process_retries_for_about_ten_minutes() -> None:
    tasks = list(ET.parse(PROCESS_MODEL).getroot().iter(f"{ZEEBE}taskDefinition"))
    assert tasks
    for task in tasks:
        waits = nominal_waits(int(task.get("retries", "3")))
        assert sum(waits) * 0.8 > 7.5 * MINUTE_MS, f"{task.get('type')} : {sum(waits)} ms"


class FailJobCalls(grpc.aio.UnaryUnaryClientInterceptor):  # type: ignore[misc]
    """Records each FailJob the worker sends, once the engine has answered it."""

    def __init__(self) -> None:
        self.sent: list[Any] = []

    async def intercept_unary_unary(
        self, continuation: Callable[..., Awaitable[Any]], details: Any, request: Any
    ) -> Any:
        call = await continuation(details, request)
        method = details.method.decode() if isinstance(details.method, bytes) else details.method
        if method.endswith("/FailJob"):
            await call
            self.sent.append(request)
        return call


async def until(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    async with asyncio.timeout(seconds):
        # the worker and the engine run on their own: only their effects can be awaited
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


@pytest.mark.integration
@pytest.mark.timeout(120)
async def test_a_failing_job_is_retried_for_about_ten_minutes_then_an_incident(tmp_path: Path) -> None:
    failures = FailJobCalls()
    attempts: list[int] = []  # the retries each attempt saw
    router = ZeebeTaskRouter()

    async def work(job: TypedJob[Rien, Rien]) -> Rien:
        attempts.append(job.retries)
        raise TransientJobError("Service factice indisponible.")

    register_job(router, CONTRACT, work)

    with start_engine(tmp_path) as engine:
        credentials = engine.grpc_credentials("tests")
        channel = grpc.aio.secure_channel(engine.grpc_address, credentials, interceptors=[failures])
        worker = create_worker(channel, "retry-test", [router], RetryPolicy())
        running = asyncio.create_task(worker.work())
        try:
            async with engine.rest_client(timeout=10) as rest:
                await pin_clock(rest, T0)
                client = ZeebeClient(channel)
                await client.deploy_resource(str(MODEL))
                key = (await client.run_process("retry-policy")).process_instance_key
                now = T0
                await until(lambda: len(failures.sent) == 1)
                while failures.sent[-1].retries > 0:
                    wait = failures.sent[-1].retryBackOff
                    assert wait > 0
                    await pin_clock(rest, now + wait - 1_000)
                    await asyncio.sleep(0.5)
                    assert len(attempts) == len(failures.sent), "offered again before its back-off"
                    now += wait
                    await pin_clock(rest, now)
                    count = len(failures.sent)
                    await until(lambda count=count: len(failures.sent) == count + 1)  # type: ignore[misc]
                    filter_ = {"processInstanceKey": str(key)}
                    if failures.sent[-1].retries > 0:
                        assert await search(rest, "/v2/incidents/search", filter_) == []
                [incident] = await search(rest, "/v2/incidents/search", {"processInstanceKey": str(key)})
        finally:
            await worker.stop()
            running.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await running
            await channel.close()
    assert attempts == [8, 7, 6, 5, 4, 3, 2, 1]
    waits = [call.retryBackOff for call in failures.sent[:-1]]
    for actual, nominal in zip(waits, nominal_waits(8), strict=True):
        assert nominal * 0.8 <= actual <= nominal * 1.2
    assert incident["errorType"] == "JOB_NO_RETRIES"
    assert incident["errorMessage"] == "Service factice indisponible."
    assert (
        7.5 * MINUTE_MS <= now - T0 <= 12 * MINUTE_MS
    )  # about ten minutes between first failure and incident
