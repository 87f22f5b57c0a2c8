"""Transactional outbox: events are written with the data that caused them, then relayed to NATS.

An event is never lost between a commit and a crash: the relay publishes every unsent row with
its row id as `Nats-Msg-Id`, so a retry after a crash is de-duplicated by JetStream.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from datetime import UTC, datetime
from typing import Any

from nats.js import JetStreamContext
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from plumbing.correlation import current_correlation_id
from plumbing.database import UtcDateTime
from plumbing.messaging import ensure_stream, publish_event

log = logging.getLogger(__name__)


def outbox_table(metadata: MetaData, service: str) -> Table:
    """Declare the `<service>_outbox` table in a service's metadata (and so in its migrations).

    Named after the service so that services can share one PostgreSQL database.
    """
    return Table(
        f"{service}_outbox",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("subject", String(200), nullable=False),
        Column("payload", JSON, nullable=False),
        Column("correlation_id", String(64)),
        Column("created_at", UtcDateTime(), nullable=False),
        Column("sent_at", UtcDateTime(), index=True),
    )


class Outbox:
    """Adds events to the caller's transaction."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def add(self, session: Session, subject: str, payload: dict[str, Any]) -> None:
        session.execute(
            insert(self.table).values(
                subject=subject,
                payload=json.loads(json.dumps(payload, default=str)),
                correlation_id=current_correlation_id(),
                created_at=datetime.now(UTC),
            )
        )


class OutboxRelay:
    """Publishes unsent outbox rows to a JetStream stream, in order, until stopped."""

    def __init__(
        self,
        table: Table,
        sessions: sessionmaker[Session],
        js: JetStreamContext,
        stream: str,
        subjects: list[str],
        service: str,
    ) -> None:
        self.table, self.sessions, self.js = table, sessions, js
        self.stream, self.subjects, self.service = stream, subjects, service
        self._wakeup = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def notify(self) -> None:
        """Relay now rather than at the next poll; safe from any thread (sync handlers run in
        a thread pool)."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._wakeup.set)

    async def run(self, idle_seconds: float = 1.0) -> None:
        self._loop = asyncio.get_running_loop()
        await ensure_stream(self.js, self.stream, self.subjects)
        while True:
            self._wakeup.clear()  # before reading: a notification during the read is not lost
            try:
                sent = await self.relay_pending()
            except Exception:
                log.exception("relais de l'outbox en échec, nouvel essai")
                sent = 0
            if not sent:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wakeup.wait(), idle_seconds)

    async def relay_pending(self, batch: int = 100) -> int:
        rows = await asyncio.to_thread(self._pending, batch)
        for row in rows:
            await publish_event(
                self.js,
                row.subject,
                row.payload,
                message_id=f"{self.service}-{row.id}",
                correlation_id=row.correlation_id,
            )
            await asyncio.to_thread(self._mark_sent, row.id)
        return len(rows)

    def _pending(self, batch: int) -> list[Any]:
        with self.sessions() as session:
            query = select(self.table).where(self.table.c.sent_at.is_(None)).order_by(self.table.c.id)
            return list(session.execute(query.limit(batch)).all())

    def _mark_sent(self, row_id: int) -> None:
        with self.sessions() as session, session.begin():
            session.execute(
                update(self.table).where(self.table.c.id == row_id).values(sent_at=datetime.now(UTC))
            )
