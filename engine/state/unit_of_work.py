"""One command = one transaction: the unit of work, and what to announce once it is committed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine

from engine.clock import Clock
from engine.model.elements import ProcessModel
from engine.model.instances import InstanceState, ProcessInstance
from engine.state import json_text
from engine.state.definitions import DefinitionCache
from engine.state.instances import flush_flow, flush_state, load_flow, load_process_instance, load_state
from engine.state.key_blocks import KeyGenerator
from engine.state.prepared import insert_into
from engine.state.schema import records

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
        instance = load_process_instance(self.conn, key, lock=True)
        if instance is None:
            return None
        definition = self.definitions.get(self.conn, instance.definition_key)
        if definition is None:
            return None
        state = load_state(self.conn, instance, definition.model)
        load_flow(self.conn, state, definition.spiff, self.definitions.hot, self.definitions.codec)
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
            flush_flow(self.conn, state, self.definitions.codec)
            flush_state(self.conn, state, self.now)
        if self._records:
            _INSERT_RECORD.execute_many(self.conn, self._records)
            self._records = []
            self.effects.records_written = True

    def keep_hot(self) -> None:
        """After the commit: the workflows of the instances still running stay in memory."""
        for state in self.states.values():
            flow = state.flow
            if flow is not None and state.is_active:
                self.definitions.hot.put(state.key, flow.revision, flow.workflow)


class Store:
    """Opens units of work; after each commit, hands the effects to `on_commit`."""

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

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
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
        uow.keep_hot()
        if self.on_commit is not None:
            self.on_commit(uow.effects)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn
