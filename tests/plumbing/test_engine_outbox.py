"""Engine calls decided in a transaction reach the real engine once in effect, after the commit.

A creation recorded with the data that decided it is made by the relay; a message carries the
command id as its messageId, so sending it again after a crash changes nothing; a duplicate
instance is cancelled; an engine that does not answer leaves the command for later, with a
back-off, and loses nothing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pyzeebe import ZeebeClient, create_insecure_channel
from pyzeebe.errors import ProcessInstanceNotFoundError
from sqlalchemy import MetaData, Table, select, update
from sqlalchemy.orm import Session, sessionmaker

from plumbing.database import create_database_engine, create_session_factory
from plumbing.engine_outbox import (
    EngineCommand,
    EngineCommandOutbox,
    EngineCommandRelay,
    engine_commands_table,
)
from plumbing.zeebe_client import ZeebeEngineCommands
from tests.engine.helpers import activate, gateway
from tests.support.engine_server import EngineServer, start_engine
from tests.support.ports import free_port

pytestmark = pytest.mark.integration

MODEL = Path(__file__).parent / "fixtures" / "message_catch.bpmn"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineServer]:
    with start_engine(tmp_path_factory.mktemp("engine")) as server:
        yield server


@pytest.fixture
async def zeebe(engine: EngineServer) -> AsyncIterator[ZeebeClient]:
    channel = engine.channel()
    client = ZeebeClient(channel)
    await client.deploy_resource(str(MODEL))
    yield client
    await channel.close()


@pytest.fixture
def store(database_url: str) -> Iterator[tuple[Table, sessionmaker[Session]]]:
    metadata = MetaData()
    table = engine_commands_table(metadata, "exemple")
    database = create_database_engine(database_url)
    metadata.create_all(database)
    yield table, create_session_factory(database)
    database.dispose()


def record(store: tuple[Table, sessionmaker[Session]], command: EngineCommand) -> bool:
    table, sessions = store
    with sessions() as session, session.begin():
        return EngineCommandOutbox(table).add(session, command, NOW)


def row(store: tuple[Table, sessionmaker[Session]], command_id: str):  # type: ignore[no-untyped-def]
    table, sessions = store
    with sessions() as session:
        return session.execute(select(table).where(table.c.id == command_id)).one()


async def test_a_creation_then_a_message_reach_the_engine_once(
    store: tuple[Table, sessionmaker[Session]], zeebe: ZeebeClient, engine: EngineServer
) -> None:
    table, sessions = store
    relay = EngineCommandRelay(table, sessions, ZeebeEngineCommands(zeebe, message_ttl_ms=60_000))
    d1 = f"d1-{uuid.uuid4().hex}"  # the engine is shared by the module: ids of its own
    create = EngineCommand("demarrer-d1", "create-instance", "message-catch", {"dossierId": d1})
    assert record(store, create)
    assert not record(store, create), "a double click records the command once"

    assert await relay.send("demarrer-d1")
    assert not await relay.send("demarrer-d1"), "done: nothing is sent again"
    instance_key = row(store, "demarrer-d1").instance_key
    assert instance_key

    message = EngineCommand(f"recu-{d1}", "publish-message", "pieces-recues", {"recu": True}, d1)
    record(store, message)
    assert await relay.send_pending() == 1
    async with gateway(engine) as stub:
        jobs = await activate(stub, "message-catch.after")
    assert [job.processInstanceKey for job in jobs] == [instance_key]
    assert json.loads(jobs[0].variables)["recu"] is True

    # A crash between the engine's acknowledgement and the commit: the message goes again, the
    # engine keeps one copy (same messageId) and the command is done.
    with sessions() as session, session.begin():
        session.execute(update(table).where(table.c.id == message.id).values(done_at=None))
    assert await relay.send(message.id)
    assert row(store, message.id).done_at is not None


async def test_an_instance_the_owner_does_not_keep_is_cancelled(
    store: tuple[Table, sessionmaker[Session]], zeebe: ZeebeClient
) -> None:
    table, sessions = store
    relay = EngineCommandRelay(
        table,
        sessions,
        ZeebeEngineCommands(zeebe, message_ttl_ms=60_000),
        on_instance_created=lambda _session, _command, _key: False,  # another instance won the dossier
    )
    record(store, EngineCommand("demarrer-d2", "create-instance", "message-catch", {"dossierId": "d2"}))
    assert await relay.send("demarrer-d2")
    with pytest.raises(ProcessInstanceNotFoundError):
        await zeebe.cancel_process_instance(row(store, "demarrer-d2").instance_key)


async def test_an_unreachable_engine_leaves_the_command_for_later(
    store: tuple[Table, sessionmaker[Session]],
) -> None:
    table, sessions = store
    now = [NOW]
    channel = create_insecure_channel(grpc_address=f"127.0.0.1:{free_port()}")
    unreachable = ZeebeEngineCommands(ZeebeClient(channel, max_connection_retries=1), message_ttl_ms=60_000)
    relay = EngineCommandRelay(table, sessions, unreachable, clock=lambda: now[0])
    record(store, EngineCommand("recu-d3", "publish-message", "pieces-recues", {}, "d3"))

    assert not await relay.send("recu-d3")
    failed = row(store, "recu-d3")
    assert (failed.attempts, failed.done_at) == (1, None)
    assert failed.last_error
    assert await relay.send_pending() == 0, "not before its back-off"
    now[0] += timedelta(minutes=6)
    assert not await relay.send("recu-d3")
    assert row(store, "recu-d3").attempts == 2
    await channel.close()
