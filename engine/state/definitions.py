"""Deployed process definitions and forms, with a cache of parsed models per definition key."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select

from engine.model.elements import ProcessModel
from engine.model.parser import parse_bpmn
from engine.state.flow_codec import FlowCodec
from engine.state.prepared import Prepared
from engine.state.schema import forms, process_definitions, spiff_specs

HOT_INSTANCES = 2000
_LATEST_KEY = Prepared(
    select(process_definitions.c.key)
    .where(
        process_definitions.c.bpmn_process_id == bindparam("p"),
        process_definitions.c.tenant_id == bindparam("t"),
    )
    .order_by(process_definitions.c.version.desc())
    .limit(1)
)


@dataclass(frozen=True)
class Definition:
    key: int
    bpmn_process_id: str
    version: int
    resource_name: str
    tenant_id: str
    model: ProcessModel
    spiff: Any  # the executable spec built by the runtime (see FlowCodec)


class HotInstances:
    """A bounded cache of the live states of recently used instances (with their Spiff workflow), by key.

    An entry is valid only for the revision of the instance's stored state it was saved with (every
    change to an instance bumps it, see `engine.state.instances.flush_flow`); it is taken out while a
    transaction uses it and put back after the commit, so a rollback loses it.
    """

    def __init__(self, capacity: int = HOT_INSTANCES) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[int, tuple[int, Any]] = OrderedDict()

    def take(self, key: int) -> tuple[int, Any] | None:
        return self._entries.pop(key, None)

    def put(self, key: int, revision: int, state: Any) -> None:
        self._entries[key] = (revision, state)
        self._entries.move_to_end(key)
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)


class DefinitionCache:
    """Parsed models never change once deployed, so each one is parsed once per engine process."""

    def __init__(self, codec: FlowCodec) -> None:
        self.codec = codec
        self._by_key: dict[int, Definition] = {}
        self.hot = HotInstances()

    def get(self, conn: Connection, key: int) -> Definition | None:
        cached = self._by_key.get(key)
        if cached is not None:
            return cached
        row = (
            conn.execute(select(process_definitions).where(process_definitions.c.key == key))
            .mappings()
            .first()
        )
        if row is None:
            return None
        return self._remember(row, conn)

    def latest(
        self, conn: Connection, bpmn_process_id: str, tenant_id: str = "<default>"
    ) -> Definition | None:
        key = _LATEST_KEY.scalar(conn, {"p": bpmn_process_id, "t": tenant_id})
        return None if key is None else self.get(conn, key)

    def by_version(
        self, conn: Connection, bpmn_process_id: str, version: int, tenant_id: str
    ) -> Definition | None:
        table = process_definitions
        row = (
            conn.execute(
                select(table).where(
                    table.c.bpmn_process_id == bpmn_process_id,
                    table.c.version == version,
                    table.c.tenant_id == tenant_id,
                )
            )
            .mappings()
            .first()
        )
        return None if row is None else self._by_key.get(row["key"]) or self._remember(row, conn)

    def remember_parsed(self, definition: Definition) -> None:
        self._by_key[definition.key] = definition

    def _remember(self, row: Any, conn: Connection | None = None) -> Definition:
        content = row["resource"].encode()
        models = parse_bpmn(content, row["resource_name"])
        model = next(m for m in models if m.process_id == row["bpmn_process_id"])
        stored = None
        if conn is not None:
            stored = conn.execute(
                select(spiff_specs.c.spec).where(spiff_specs.c.definition_key == row["key"])
            ).scalar()
        spiff = (
            self.codec.spec_from_json(stored)
            if stored
            else self.codec.build_spec(content, row["bpmn_process_id"], row["resource_name"])
        )
        definition = Definition(
            row["key"],
            row["bpmn_process_id"],
            row["version"],
            row["resource_name"],
            row["tenant_id"],
            model,
            spiff,
        )
        self._by_key[definition.key] = definition
        return definition


def store_spec(conn: Connection, definition_key: int, spec_json: str) -> None:
    """The executable spec of a process version, serialized once at deployment."""
    conn.execute(insert(spiff_specs).values(definition_key=definition_key, spec=spec_json))


def latest_version(conn: Connection, bpmn_process_id: str, tenant_id: str) -> tuple[int, str] | None:
    """(version, checksum) of the newest deployed version, if any."""
    table = process_definitions
    row = conn.execute(
        select(table.c.version, table.c.checksum)
        .where(table.c.bpmn_process_id == bpmn_process_id, table.c.tenant_id == tenant_id)
        .order_by(table.c.version.desc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


def latest_form(conn: Connection, form_id: str, tenant_id: str) -> Any:
    return (
        conn.execute(
            select(forms)
            .where(forms.c.form_id == form_id, forms.c.tenant_id == tenant_id)
            .order_by(forms.c.version.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
