"""The outbox relays every committed event to JetStream once, even after a crash mid-relay."""

from __future__ import annotations

import uuid

import nats
import pytest
from sqlalchemy import MetaData, update

from plumbing.correlation import HEADER, bind_correlation_id
from plumbing.database import create_database_engine, create_session_factory, transaction
from plumbing.messaging import ensure_stream
from plumbing.outbox import Outbox, OutboxRelay, outbox_table

pytestmark = pytest.mark.integration


async def stream_messages(js, stream: str, subject: str) -> list:  # type: ignore[no-untyped-def]
    subscription = await js.pull_subscribe(subject, stream=stream)
    try:
        return list(await subscription.fetch(100, timeout=1))
    except nats.errors.TimeoutError:
        return []


async def test_committed_events_reach_jetstream_once(database_url: str, nats_url: str) -> None:
    metadata = MetaData()
    table = outbox_table(metadata, "exemple")
    engine = create_database_engine(database_url)
    metadata.create_all(engine)
    sessions = create_session_factory(engine)
    outbox = Outbox(table)
    stream = f"TEST{uuid.uuid4().hex[:8].upper()}"
    subject = f"{stream.lower()}.dossier.depose"

    bind_correlation_id("corr-1")
    with transaction(sessions) as session:
        outbox.add(session, subject, {"dossierId": "d1"})
        outbox.add(session, subject, {"dossierId": "d2"})
    with pytest.raises(RuntimeError), transaction(sessions) as session:
        outbox.add(session, subject, {"dossierId": "rolled-back"})
        raise RuntimeError("the use case failed: its events must not leave")

    client = await nats.connect(nats_url)
    js = client.jetstream()
    relay = OutboxRelay(table, sessions, js, stream, [f"{stream.lower()}.>"], service=stream)
    await ensure_stream(js, stream, [f"{stream.lower()}.>"])
    bind_correlation_id("another-request")  # the relay runs in its own context
    assert await relay.relay_pending() == 2
    assert await relay.relay_pending() == 0

    # A crash after publishing but before marking the row sent: the retry is de-duplicated.
    with transaction(sessions) as session:
        session.execute(update(table).values(sent_at=None))
    assert await relay.relay_pending() == 2

    messages = await stream_messages(js, stream, subject)
    assert [m.data for m in messages] == [b'{"dossierId": "d1"}', b'{"dossierId": "d2"}']
    assert messages[0].headers[HEADER] == "corr-1"
    await client.close()
    engine.dispose()
