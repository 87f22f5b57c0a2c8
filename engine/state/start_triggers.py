"""Message, timer and signal start events of the latest version of each process."""

from __future__ import annotations

from sqlalchemy import Connection, RowMapping, delete, select

from engine.state.schema import start_triggers


def replace_start_triggers(
    conn: Connection, bpmn_process_id: str, definition_key: int, triggers: list[dict[str, str]]
) -> None:
    conn.execute(delete(start_triggers).where(start_triggers.c.bpmn_process_id == bpmn_process_id))
    if triggers:
        conn.execute(
            start_triggers.insert(),
            [{"definition_key": definition_key, "bpmn_process_id": bpmn_process_id, **t} for t in triggers],
        )


def latest_start_triggers(conn: Connection, kind: str, name: str) -> list[RowMapping]:
    table = start_triggers
    query = select(table).where(table.c.kind == kind, table.c.name == name).order_by(table.c.bpmn_process_id)
    return list(conn.execute(query).mappings())


def start_triggers_of(conn: Connection, kind: str, bpmn_process_id: str) -> list[RowMapping]:
    table = start_triggers
    query = select(table).where(table.c.kind == kind, table.c.bpmn_process_id == bpmn_process_id)
    return list(conn.execute(query.order_by(table.c.name)).mappings())
