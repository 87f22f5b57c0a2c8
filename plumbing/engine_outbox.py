"""Engine-command outbox: engine calls decided in a transaction are made after it, exactly once in effect.

A deposit records "create the process instance" in the transaction that freezes the dossier; an
opened notification records its `notification-lue` message the same way. The code that committed
the command asks the relay to send it at once (`EngineCommandRelay.send`); if the call fails or the
process crashes, the relay's loop sends it later, with a back-off. A lease keeps two senders from
making the same call together. A message carries the command id as its `messageId`, so the engine
keeps one copy; an instance creation cannot be de-duplicated by the engine, so `on_instance_created`
decides whether the new instance is the one to keep (otherwise it is cancelled).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, sessionmaker

from plumbing.clock import utc_now
from plumbing.database import UtcDateTime

log = logging.getLogger(__name__)

CommandKind = Literal["create-instance", "publish-message"]


def engine_commands_table(metadata: MetaData, service: str) -> Table:
    """Declare the `<service>_engine_commands` table in a service's metadata (and its migrations)."""
    return Table(
        f"{service}_engine_commands",
        metadata,
        Column("id", String(200), primary_key=True),  # idempotency key, the messageId of a message
        Column("kind", String(20), nullable=False),
        Column("name", String(200), nullable=False),  # BPMN process id or message name
        Column("correlation_key", String(200)),
        Column("variables", JSON, nullable=False),
        Column("created_at", UtcDateTime(), nullable=False, index=True),
        Column("attempts", Integer, nullable=False, default=0),
        Column("not_before", UtcDateTime()),  # lease of a sender, or back-off after a failure
        Column("done_at", UtcDateTime(), index=True),
        Column("instance_key", BigInteger),  # the created instance's key
        Column("last_error", String(200)),
    )


@dataclass(frozen=True)
class EngineCommand:
    id: str
    kind: CommandKind
    name: str
    variables: dict[str, Any] = field(default_factory=dict)
    correlation_key: str | None = None
    attempts: int = 0


class EngineCommands(Protocol):
    """The engine's side: the Zeebe gateway protocol (plumbing.zeebe_client) or a test double."""

    async def create_instance(self, process_id: str, variables: dict[str, Any]) -> int: ...

    async def publish_message(
        self, name: str, correlation_key: str, variables: dict[str, Any], message_id: str
    ) -> None: ...

    async def cancel_instance(self, process_instance_key: int) -> None: ...


class EngineCommandOutbox:
    """The write side, in the caller's transaction."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def add(self, session: Session, command: EngineCommand, now: datetime) -> bool:
        """Record the command unless one with its id exists (a double click records it once)."""
        if self.exists(session, command.id):
            return False
        session.execute(
            insert(self.table).values(
                id=command.id,
                kind=command.kind,
                name=command.name,
                correlation_key=command.correlation_key,
                variables=command.variables,
                created_at=now,
                attempts=0,
            )
        )
        return True

    def exists(self, session: Session, command_id: str) -> bool:
        return (
            session.execute(select(self.table.c.id).where(self.table.c.id == command_id)).first() is not None
        )

    def is_done(self, session: Session, command_id: str) -> bool:
        query = select(self.table.c.done_at).where(self.table.c.id == command_id)
        row = session.execute(query).first()
        return bool(row and row.done_at)


# Decides, in the transaction that marks the creation done, whether to keep the new instance.
OnInstanceCreated = Callable[[Session, EngineCommand, int], bool]


class EngineCommandRelay:
    """Sends recorded commands to the engine until each one is acknowledged."""

    def __init__(
        self,
        table: Table,
        sessions: sessionmaker[Session],
        engine: EngineCommands,
        *,
        on_instance_created: OnInstanceCreated | None = None,
        clock: Callable[[], datetime] = utc_now,
        lease: timedelta = timedelta(seconds=60),
        max_backoff: timedelta = timedelta(minutes=5),
    ) -> None:
        self.table, self.sessions, self.engine = table, sessions, engine
        self.on_instance_created, self.clock = on_instance_created, clock
        self.lease, self.max_backoff = lease, max_backoff
        self._wakeup = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def notify(self) -> None:
        """Something was committed: send now rather than at the next idle tick (any thread)."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._wakeup.set)

    async def send(self, command_id: str) -> bool:
        """Send one command now unless another sender holds it; True once it is done. Never raises."""
        command = await asyncio.to_thread(self._take_lease, command_id)
        if command is None:
            return False
        try:
            await self._execute(command)
        except Exception as error:
            log.warning(
                "appel au moteur en échec, nouvel essai plus tard",
                extra={"commande": command.id, "erreur": type(error).__name__},
            )
            await asyncio.to_thread(self._postpone, command, type(error).__name__)
            return False
        return True

    async def send_pending(self, batch: int = 50) -> int:
        """Send what is due, oldest first; the number sent."""
        ids = await asyncio.to_thread(self._due, batch)
        sent = 0
        for command_id in ids:
            sent += await self.send(command_id)
        return sent

    async def run(self, idle_seconds: float = 2.0) -> None:
        """Background loop: send what is due, then wait for a notification or `idle_seconds`."""
        self._loop = asyncio.get_running_loop()
        while True:
            self._wakeup.clear()  # before reading: a notification during the read is kept
            try:
                sent = await self.send_pending()
            except Exception as error:  # the database may be briefly unavailable
                log.warning("relais des commandes moteur en échec", extra={"erreur": type(error).__name__})
                sent = 0
            if not sent:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wakeup.wait(), idle_seconds)

    async def _execute(self, command: EngineCommand) -> None:
        if command.kind == "create-instance":
            key = await self.engine.create_instance(command.name, command.variables)
            if not await asyncio.to_thread(self._finish, command, key):
                log.warning("instance en double annulée", extra={"commande": command.id})
                await self.engine.cancel_instance(key)
            return
        await self.engine.publish_message(
            command.name, command.correlation_key or "", command.variables, command.id
        )
        await asyncio.to_thread(self._finish, command, None)

    def _available(self, now: datetime) -> Any:
        c = self.table.c
        return and_(c.done_at.is_(None), or_(c.not_before.is_(None), c.not_before < now))

    def _due(self, batch: int) -> list[str]:
        query = (
            select(self.table.c.id)
            .where(self._available(self.clock()))
            .order_by(self.table.c.created_at)
            .limit(batch)
        )
        with self.sessions() as session:
            return [row.id for row in session.execute(query)]

    def _take_lease(self, command_id: str) -> EngineCommand | None:
        now, c = self.clock(), self.table.c
        with self.sessions() as session, session.begin():
            result = session.execute(
                update(self.table)
                .where(c.id == command_id, self._available(now))
                .values(not_before=now + self.lease, attempts=c.attempts + 1)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                return None
            row = session.execute(select(self.table).where(c.id == command_id)).one()
        return EngineCommand(
            row.id, row.kind, row.name, dict(row.variables), row.correlation_key, row.attempts
        )

    def _finish(self, command: EngineCommand, instance_key: int | None) -> bool:
        """Mark the command done; for a creation, whether the new instance is the one to keep."""
        with self.sessions() as session, session.begin():
            keep = True
            if instance_key is not None and self.on_instance_created is not None:
                keep = self.on_instance_created(session, command, instance_key)
            session.execute(
                update(self.table)
                .where(self.table.c.id == command.id)
                .values(done_at=self.clock(), instance_key=instance_key, not_before=None, last_error=None)
            )
            return keep

    def _postpone(self, command: EngineCommand, error: str) -> None:
        delay = min(self.max_backoff, timedelta(seconds=2 ** min(command.attempts, 10)))
        with self.sessions() as session, session.begin():
            session.execute(
                update(self.table)
                .where(self.table.c.id == command.id)
                .values(not_before=self.clock() + delay, last_error=error[:200])
            )
