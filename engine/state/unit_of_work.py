"""One command = one unit of work (a transaction, or a savepoint of a group commit), and what to announce
once it is committed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine

from engine.clock import Clock
from engine.model.elements import ProcessModel
from engine.model.instances import InstanceState, ProcessInstance
from engine.state import json_text
from engine.state.definitions import DefinitionCache
from engine.state.instances import (
    current_revision,
    flush_flow,
    flush_state,
    has_changes,
    load_flow,
    load_process_instance,
    load_state,
)
from engine.state.key_blocks import KeyGenerator
from engine.state.prepared import insert_into
from engine.state.schema import records

T = TypeVar("T")

_INSERT_RECORD = insert_into(
    records, ("key", "value_type", "intent", "timestamp", "process_instance_key", "value")
)


@dataclass
class Effects:
    """What waiting parties must hear about after the commit."""

    job_types: set[str] = field(default_factory=set)
    finished_instances: dict[int, str] = field(default_factory=dict)
    # the variables of the process scope of each instance that completed: its result, not read back
    results: dict[int, dict[str, Any]] = field(default_factory=dict)
    schedule_changed: bool = False
    records_written: bool = False
    due_at: int | None = None  # the earliest new deadline this transaction set (epoch ms), if any

    def falls_due(self, epoch_ms: int) -> None:
        """Something set here falls due at `epoch_ms`: the scheduler must wake by then."""
        if self.due_at is None or epoch_ms < self.due_at:
            self.due_at = epoch_ms


class UnitOfWork:
    def __init__(
        self, conn: Connection, now: int, keys: KeyGenerator, definitions: DefinitionCache, partition_id: int
    ) -> None:
        self.conn = conn
        self.now = now
        self.keys = keys
        self.definitions = definitions
        self.partition_id = partition_id
        self.states: dict[int, InstanceState] = {}
        self.effects = Effects()
        self._records: list[dict[str, Any]] = []

    def next_key(self) -> int:
        return self.keys.next_key()

    def instance(self, key: int) -> InstanceState | None:
        """The live state of a process instance, locked for this transaction (PostgreSQL)."""
        state = self.states.get(key)
        if state is not None:
            return state
        hot = self.definitions.hot.take(key)
        if hot is not None and current_revision(self.conn, key) == hot[0]:
            state = hot[1]
            self.states[key] = state
            return state
        instance = load_process_instance(self.conn, key, lock=True)
        if instance is None:
            return None
        definition = self.definitions.get(self.conn, instance.definition_key)
        if definition is None:
            return None
        state = load_state(self.conn, instance, definition.model)
        load_flow(self.conn, state, definition.spiff, self.definitions.codec)
        self.states[key] = state
        return state

    def add_instance(self, instance: ProcessInstance, model: ProcessModel) -> InstanceState:
        instance.is_new = True
        state = InstanceState(instance, model)
        self.states[instance.key] = state
        return state

    def record(
        self, value_type: str, intent: str, key: int, process_instance_key: int | None, **value: Any
    ) -> None:
        self._records.append(
            {
                "key": key,
                "value_type": value_type,
                "intent": intent,
                "timestamp": self.now,
                "process_instance_key": process_instance_key,
                "value": json_text.dumps(value, default=str),
            }
        )

    def flush(self) -> None:
        for state in self.states.values():
            flush_flow(self.conn, state, self.definitions.codec, has_changes(state))
            flush_state(self.conn, state, self.now)
        if self._records:
            _INSERT_RECORD.execute_many(self.conn, self._records)
            self._records = []
            self.effects.records_written = True

    def keep_hot(self) -> None:
        """After the commit: the states of the instances still running stay in memory, with their workflow."""
        for state in self.states.values():
            flow = state.flow
            if flow is not None and state.is_active:
                self.definitions.hot.put(state.key, flow.revision, state)


class _Batch:
    """The commands of one event-loop turn: one transaction, a savepoint each."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.committed: list[UnitOfWork] = []
        self.savepoints = 0

    def run(self, sql: str) -> None:
        cursor = self.conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        cursor.execute(sql)
        cursor.close()


class Store:
    """Opens units of work; after each commit, hands the effects to `on_commit`.

    Group commit: the commands `submit`ted during one turn of the event loop run together in one
    transaction, each in a savepoint of its own (a rejected command rolls back to it and fails alone);
    their effects are published, and their callers answered, once that transaction is committed.
    """

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        keys: KeyGenerator,
        definitions: DefinitionCache,
        on_commit: Callable[[Effects], None] | None = None,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.keys = keys
        self.definitions = definitions
        self.on_commit = on_commit
        self._queue: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []
        self._batch: _Batch | None = None

    async def submit(self, command: Callable[[], T]) -> T:
        """Run `command` (which opens its `transaction`) with the other commands of this loop turn."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.append((command, future))
        if len(self._queue) == 1:
            asyncio.get_running_loop().call_soon(self._run_queue)
        return await future

    def _run_queue(self) -> None:
        queue, self._queue = self._queue, []
        if len(queue) == 1:  # alone: its own transaction, no savepoint
            command, future = queue[0]
            _settle(future, command)
            return
        outcomes: list[tuple[asyncio.Future[Any], Any, BaseException | None]] = []
        try:
            with self.engine.connect() as conn:
                try:
                    with conn.begin():
                        self.keys.begin(conn)
                        self._batch = batch = _Batch(conn)
                        for command, future in queue:
                            try:
                                outcomes.append((future, command(), None))
                            except Exception as error:
                                outcomes.append((future, None, error))
                except BaseException:
                    self.keys.rollback()
                    raise
                finally:
                    self._batch = None
                self.keys.commit()
        except Exception as error:  # the transaction itself failed: every command of the batch with it
            for future, _, _ in outcomes:
                if not future.done():
                    future.set_exception(error)
            for _, future in queue[len(outcomes) :]:
                if not future.done():
                    future.set_exception(error)
            return
        for uow in batch.committed:
            self._published(uow)
        for future, value, rejection in outcomes:
            if future.done():
                continue
            if rejection is not None:
                future.set_exception(rejection)
            else:
                future.set_result(value)

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        if self._batch is not None:
            with self._savepoint(self._batch) as uow:
                yield uow
            return
        with self.engine.connect() as conn:
            try:
                with conn.begin():
                    self.keys.begin(conn)
                    uow = UnitOfWork(
                        conn, self.clock.now_ms(), self.keys, self.definitions, self.keys.partition_id
                    )
                    yield uow
                    uow.flush()
            except BaseException:
                self.keys.rollback()
                raise
            self.keys.commit()
        self._published(uow)

    @contextmanager
    def _savepoint(self, batch: _Batch) -> Iterator[UnitOfWork]:
        batch.savepoints += 1
        name = f"command_{batch.savepoints}"
        mark = self.keys.mark()
        batch.run(f"SAVEPOINT {name}")
        uow = UnitOfWork(batch.conn, self.clock.now_ms(), self.keys, self.definitions, self.keys.partition_id)
        try:
            yield uow
            uow.flush()
        except BaseException:
            batch.run(f"ROLLBACK TO SAVEPOINT {name}")
            batch.run(f"RELEASE SAVEPOINT {name}")
            self.keys.rollback_to(mark)
            raise
        batch.run(f"RELEASE SAVEPOINT {name}")
        batch.committed.append(uow)

    def _published(self, uow: UnitOfWork) -> None:
        uow.keep_hot()
        if self.on_commit is not None:
            self.on_commit(uow.effects)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn


def _settle(future: asyncio.Future[T], command: Callable[[], T]) -> None:
    try:
        value = command()
    except Exception as error:
        future.set_exception(error)
        return
    future.set_result(value)
