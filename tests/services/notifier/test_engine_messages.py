"""The relay of engine messages: published once acknowledged, kept while the engine is away.

The notifier records its `notification-lue` messages in the shared engine-command outbox
(`plumbing.engine_outbox`); the relay `wiring.build_engine_relay` builds sends them through the
Zeebe gateway protocol (`plumbing.zeebe_client`), here against a simulated gateway.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from pyzeebe.errors import MessageAlreadyExistsError, ZeebeGatewayUnavailableError
from sqlalchemy import select

from plumbing.database import transaction
from plumbing.engine_outbox import EngineCommandRelay
from plumbing.zeebe_client import ZeebeEngineCommands
from services.notifier.domain.ports import MessageMoteur
from services.notifier.storage.outbox import OutboxMessagesMoteur
from services.notifier.storage.tables import engine_commands
from services.notifier.wiring import NotifierDeps, build_engine_relay

pytestmark = pytest.mark.integration


class MoteurSimule:
    """Answers like the gateway: down (UNAVAILABLE), up, or ALREADY_EXISTS for a known message id."""

    def __init__(self) -> None:
        self.disponible = False
        self.recus: list[str] = []
        self.appels = asyncio.Queue[str]()

    async def publish_message(self, *, message_id: str, **_: object) -> None:
        await self.appels.put(message_id)
        if not self.disponible:
            raise ZeebeGatewayUnavailableError(grpc_error=None)
        if message_id in self.recus:
            raise MessageAlreadyExistsError()
        self.recus.append(message_id)


def prevoir(deps: NotifierDeps, message_id: str) -> None:
    with transaction(deps.sessions) as session:
        OutboxMessagesMoteur(session).prevoir(
            MessageMoteur(message_id, "notification-lue", "n1"), deps.clock.now()
        )


def relais(deps: NotifierDeps, moteur: MoteurSimule) -> EngineCommandRelay:
    relay = build_engine_relay(deps, ZeebeEngineCommands(moteur, message_ttl_ms=1000))  # type: ignore[arg-type]
    relay.max_backoff = timedelta(0)  # due again at once after a failure
    return relay


def rows(deps: NotifierDeps) -> list[Any]:
    with deps.sessions() as session:
        return list(session.execute(select(engine_commands)))


async def test_a_message_waits_for_the_engine_then_is_published_once(deps: NotifierDeps) -> None:
    moteur = MoteurSimule()
    relay = relais(deps, moteur)
    prevoir(deps, "notification-lue-n1")

    assert await relay.send_pending() == 0  # the engine is away: the row stays
    assert await relay.send_pending() == 0
    [pending] = rows(deps)
    assert pending.attempts == 2 and pending.done_at is None
    assert pending.last_error == "ZeebeGatewayUnavailableError"

    moteur.disponible = True
    assert await relay.send_pending() == 1
    assert await relay.send_pending() == 0
    assert moteur.recus == ["notification-lue-n1"]
    assert [await moteur.appels.get() for _ in range(3)] == ["notification-lue-n1"] * 3


async def test_an_already_acknowledged_message_counts_as_published(deps: NotifierDeps) -> None:
    moteur = MoteurSimule()
    moteur.disponible, moteur.recus = True, ["notification-lue-n1"]
    prevoir(deps, "notification-lue-n1")

    assert await relais(deps, moteur).send_pending() == 1
    assert [row.done_at is not None for row in rows(deps)] == [True]


async def test_a_signal_from_another_thread_publishes_at_once(deps: NotifierDeps) -> None:
    moteur = MoteurSimule()
    moteur.disponible = True
    relay = relais(deps, moteur)
    task = asyncio.create_task(relay.run(idle_seconds=60))  # only the signal can wake it up in time
    try:
        while relay._loop is None:  # noqa: ASYNC110 - let it start: the test is about the signal
            await asyncio.sleep(0)
        prevoir(deps, "notification-lue-n2")
        await asyncio.to_thread(deps.committed)  # as the API does after the commit
        async with asyncio.timeout(5):
            assert await moteur.appels.get() == "notification-lue-n2"
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
