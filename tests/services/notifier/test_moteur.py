"""The relay of engine messages: published once acknowledged, kept while the engine is away."""

from __future__ import annotations

import asyncio
import logging

import pytest
from pyzeebe.errors import MessageAlreadyExistsError, ZeebeGatewayUnavailableError

from plumbing.database import transaction
from services.notifier.dependances import Dependances
from services.notifier.domain.ports import MessageMoteur
from services.notifier.moteur import RelaisMessagesMoteur, ZeebePublicateur
from services.notifier.storage.messages import SqlFileMessagesMoteur, SqlMessagesMoteur

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
            raise ZeebeGatewayUnavailableError(grpc_error=None)  # type: ignore[arg-type]
        if message_id in self.recus:
            raise MessageAlreadyExistsError()
        self.recus.append(message_id)


def prevoir(deps: Dependances, message_id: str) -> None:
    with transaction(deps.sessions) as session:
        SqlMessagesMoteur(session).prevoir(
            MessageMoteur(message_id, "notification-lue", "n1"), deps.horloge()
        )


def relais(deps: Dependances, moteur: MoteurSimule) -> RelaisMessagesMoteur:
    publicateur = ZeebePublicateur(moteur, ttl_ms=1000)  # type: ignore[arg-type]
    return RelaisMessagesMoteur(
        SqlFileMessagesMoteur(deps.sessions),
        publicateur,
        deps.horloge,
        delai_initial=0.01,
        delai_maximum=0.02,
    )


async def test_a_message_waits_for_the_engine_then_is_published_once(
    deps: Dependances, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    moteur = MoteurSimule()
    relay = relais(deps, moteur)
    prevoir(deps, "notification-lue-n1")
    task = asyncio.create_task(relay.run())
    try:
        assert [await moteur.appels.get(), await moteur.appels.get()] == ["notification-lue-n1"] * 2
    finally:
        task.cancel()  # e.g. the notifier stops while the engine is away: the row stays
        await asyncio.gather(task, return_exceptions=True)
    [pending] = SqlFileMessagesMoteur(deps.sessions).en_attente()
    assert pending.tentatives >= 1

    moteur.disponible = True
    assert await relay.publier_en_attente() == 1
    assert await relay.publier_en_attente() == 0
    assert moteur.recus == ["notification-lue-n1"]
    assert "message publié au moteur" in caplog.messages


async def test_an_already_acknowledged_message_counts_as_published(deps: Dependances) -> None:
    moteur = MoteurSimule()
    moteur.disponible, moteur.recus = True, ["notification-lue-n1"]
    prevoir(deps, "notification-lue-n1")

    assert await relais(deps, moteur).publier_en_attente() == 1
    assert SqlFileMessagesMoteur(deps.sessions).en_attente() == []


async def test_a_signal_from_another_thread_publishes_at_once(deps: Dependances) -> None:
    moteur = MoteurSimule()
    moteur.disponible = True
    relay = relais(deps, moteur)
    relay.attente = 60  # only the signal can wake it up in time
    task = asyncio.create_task(relay.run())
    try:
        while relay.loop is None:  # noqa: ASYNC110 - let it start: the test is about the signal
            await asyncio.sleep(0)
        prevoir(deps, "notification-lue-n2")
        await asyncio.to_thread(relay.signaler)
        async with asyncio.timeout(5):
            assert await moteur.appels.get() == "notification-lue-n2"
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
