"""Through the embedded engine: the `notifier.notifier` job, then `notification-lue` on first opening.

The model (fixtures/notification_lue.bpmn): notifier task → message catch keyed on notificationId →
a task the test completes → end.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from pyzeebe import ZeebeClient
from pyzeebe.proto import gateway_pb2 as pb
from sqlalchemy import select, update

from plumbing.actors import Actor
from plumbing.clock import new_id
from plumbing.engine_outbox import EngineCommandRelay
from plumbing.settings import PlatformSettings
from plumbing.worker import create_worker
from plumbing.zeebe_client import ZeebeEngineCommands
from services.notifier.settings import NotifierSettings
from services.notifier.storage.tables import engine_commands, notifications
from services.notifier.tasks import build_task_router
from services.notifier.wiring import NotifierDeps, build_app
from tests.engine.helpers import activate, complete, create, gateway, instance_state, variables_of
from tests.services.notifier.conftest import DELAIS, DEMANDEUR
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens
from tests.support.engine_server import EngineServer, start_engine

pytestmark = pytest.mark.integration

MODEL = Path(__file__).parent / "fixtures" / "notification_lue.bpmn"
PROCESS = "notifier-notification-lue"
SEPT = Actor("demandeur", "compte-sept")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineServer]:
    with start_engine(tmp_path_factory.mktemp("engine-notifier")) as server:
        yield server


@pytest.fixture
async def stub(engine: EngineServer) -> AsyncIterator[Any]:
    async with gateway(engine) as raw:
        content = MODEL.read_bytes()
        await raw.DeployResource(
            pb.DeployResourceRequest(resources=[pb.Resource(name=MODEL.name, content=content)])
        )
        yield raw


@pytest.fixture
async def worker(engine: EngineServer, deps: NotifierDeps) -> AsyncIterator[asyncio.Event]:
    """The notifier's real pyzeebe worker; the event is set when it has created a notification."""
    created = asyncio.Event()
    deps.wake_outbox_relay = created.set
    deps.new_id = new_id  # the engine outlives each test's database: ids must not repeat
    channel = engine.channel("notifier")  # the service's own client: its job types and messages
    running = create_worker(channel, "notifier-test", [build_task_router(deps)])
    task = asyncio.create_task(running.work())
    yield created
    await running.stop()
    await asyncio.gather(task, return_exceptions=True)
    await channel.close()


@pytest.fixture
async def relais(engine: EngineServer, deps: NotifierDeps) -> AsyncIterator[EngineCommandRelay]:
    """The relay `wiring.build_engine_relay` makes, with a short back-off while the engine is away."""
    channel = engine.channel("notifier")
    zeebe = ZeebeEngineCommands(ZeebeClient(channel), message_ttl_ms=60_000)
    relay = EngineCommandRelay(engine_commands, deps.sessions, zeebe, max_backoff=timedelta(seconds=0.5))
    deps.wake_engine_relay = relay.notify
    task = asyncio.create_task(relay.run())
    yield relay
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await channel.close()


@pytest.fixture
async def api(deps: NotifierDeps, sqlite_url: str) -> AsyncIterator[httpx.AsyncClient]:
    app = trust_test_tokens(
        build_app(NotifierSettings(database_url=sqlite_url), PlatformSettings(), deps=deps)
    )
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://notifier"
    ) as client:
        yield client


async def notifier_via_engine(
    engine: EngineServer, stub: Any, created: asyncio.Event, deps: NotifierDeps
) -> tuple[int, str]:
    variables = {
        "dossierId": "d-1",
        "demandeurId": "compte-sept",
        "numeroDemande": "59012023",
        "demandeur": DEMANDEUR,
        "delais": DELAIS,
    }
    key = await create(stub, PROCESS, variables)
    async with asyncio.timeout(45):
        await created.wait()
        async with engine.rest_client() as rest:
            while "notificationId" not in await variables_of(rest, key):  # noqa: ASYNC110 - job completed
                await asyncio.sleep(0.05)
    with deps.sessions() as session:
        [notification_id] = session.execute(select(notifications.c.id)).scalars()
    assert (await variables_of_instance(engine, key))["notificationId"] == notification_id
    return key, notification_id


async def variables_of_instance(engine: EngineServer, key: int) -> dict[str, Any]:
    async with engine.rest_client() as rest:
        return await variables_of(rest, key)


async def apres_lecture(stub: Any) -> Any:
    """Long-poll the task after the message catch (again if a poll ends empty, e.g. on restart)."""
    async with asyncio.timeout(30):
        while not (jobs := await activate(stub, "notifier-test.apres-lecture", request_timeout_ms=10_000)):
            pass
    [job] = jobs
    return job


def published(deps: NotifierDeps) -> list[Any]:
    with deps.sessions() as session:
        return [row.done_at for row in session.execute(select(engine_commands))]


async def test_opening_the_notification_moves_the_process_on_once(
    engine: EngineServer,
    stub: Any,
    worker: asyncio.Event,
    relais: EngineCommandRelay,
    api: httpx.AsyncClient,
    deps: NotifierDeps,
) -> None:
    key, notification_id = await notifier_via_engine(engine, stub, worker, deps)
    url = f"/notifications/{notification_id}"

    await asyncio.gather(*(api.get(url, headers=TEST_TOKENS.headers(SEPT)) for _ in range(3)))
    job = await apres_lecture(stub)

    assert job.processInstanceKey == key
    variables = json.loads(job.variables)
    assert variables["notificationId"] == notification_id
    assert variables["dateLectureNotification"] == "2023-09-12T08:00:00+00:00"
    await complete(stub, job)
    assert await completed(engine, key)
    assert len(published(deps)) == 1 and published(deps)[0] is not None

    # a relay that crashed after publishing publishes again: the engine keeps one copy
    with deps.sessions() as session, session.begin():
        session.execute(update(engine_commands).values(done_at=None))
    assert await relais.send_pending() == 1
    assert published(deps)[0] is not None


async def test_the_message_waits_for_the_engine_to_come_back(
    engine: EngineServer,
    stub: Any,
    worker: asyncio.Event,
    relais: EngineCommandRelay,
    api: httpx.AsyncClient,
    deps: NotifierDeps,
) -> None:
    key, notification_id = await notifier_via_engine(engine, stub, worker, deps)
    engine.stop()
    try:
        response = await api.get(f"/notifications/{notification_id}", headers=TEST_TOKENS.headers(SEPT))
        assert response.status_code == 200  # the applicant is not kept waiting by the engine
        await wait_for_failed_attempt(deps)
    finally:
        engine.start()

    job = await apres_lecture(stub)
    assert job.processInstanceKey == key
    await complete(stub, job)
    assert published(deps)[0] is not None


async def wait_for_failed_attempt(deps: NotifierDeps) -> None:
    """The relay records each failed attempt; poll the row the relay writes (no event to await)."""
    async with asyncio.timeout(20):
        while True:
            with deps.sessions() as session:
                erreur = session.execute(select(engine_commands.c.last_error)).scalar_one_or_none()
            if erreur:
                return
            await asyncio.sleep(0.05)


async def completed(engine: EngineServer, key: int) -> bool:
    """The engine completes the instance after the last job; poll its REST state briefly."""
    async with engine.rest_client() as rest, asyncio.timeout(10):
        while await instance_state(rest, key) != "COMPLETED":  # noqa: ASYNC110 - no event to await
            await asyncio.sleep(0.05)
    return True
