"""Deployed process definitions and forms, with a cache of parsed models per definition key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from engine.model.elements import ProcessModel
from engine.model.parser import parse_bpmn
from engine.state.schema import forms, process_definitions


@dataclass(frozen=True)
class Definition:
    key: int
    bpmn_process_id: str
    version: int
    resource_name: str
    tenant_id: str
    model: ProcessModel


class DefinitionCache:
    """Parsed models never change once deployed, so each one is parsed once per engine process."""

    def __init__(self) -> None:
        self._by_key: dict[int, Definition] = {}

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
        return self._remember(row)

    def latest(
        self, conn: Connection, bpmn_process_id: str, tenant_id: str = "<default>"
    ) -> Definition | None:
        table = process_definitions
        row = (
            conn.execute(
                select(table)
                .where(table.c.bpmn_process_id == bpmn_process_id, table.c.tenant_id == tenant_id)
                .order_by(table.c.version.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )
        return None if row is None else self._by_key.get(row["key"]) or self._remember(row)

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
        return None if row is None else self._by_key.get(row["key"]) or self._remember(row)

    def remember_parsed(self, definition: Definition) -> None:
        self._by_key[definition.key] = definition

    def _remember(self, row: Any) -> Definition:
        models = parse_bpmn(row["resource"].encode(), row["resource_name"])
        model = next(m for m in models if m.process_id == row["bpmn_process_id"])
        definition = Definition(
            row["key"], row["bpmn_process_id"], row["version"], row["resource_name"], row["tenant_id"], model
        )
        self._by_key[definition.key] = definition
        return definition


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


def latest_form_version(conn: Connection, form_id: str, tenant_id: str) -> tuple[int, str] | None:
    row = conn.execute(
        select(func.max(forms.c.version), forms.c.checksum)
        .where(forms.c.form_id == form_id, forms.c.tenant_id == tenant_id)
        .group_by(forms.c.checksum)
        .order_by(func.max(forms.c.version).desc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])
