"""The message buffer: published messages kept for their time to live."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, RowMapping, delete, exists, func, insert, select

from engine.state.schema import message_correlations, messages


def insert_message(conn: Connection, **values: Any) -> None:
    conn.execute(messages.insert().values(**values))


def message_id_taken(
    conn: Connection, name: str, correlation_key: str, message_id: str, tenant_id: str, now: int
) -> bool:
    table = messages
    query = select(table.c.key).where(
        table.c.name == name,
        table.c.correlation_key == correlation_key,
        table.c.message_id == message_id,
        table.c.tenant_id == tenant_id,
        table.c.expires_at > now,
    )
    return conn.execute(query.limit(1)).first() is not None


def oldest_uncorrelated(
    conn: Connection, name: str, correlation_key: str, bpmn_process_id: str, tenant_id: str, now: int
) -> RowMapping | None:
    """The first buffered message (FIFO) not yet correlated to this process id."""
    table = messages
    already = exists().where(
        message_correlations.c.message_key == table.c.key,
        message_correlations.c.bpmn_process_id == bpmn_process_id,
    )
    query = (
        select(table)
        .where(
            table.c.name == name,
            table.c.correlation_key == correlation_key,
            table.c.tenant_id == tenant_id,
            table.c.expires_at > now,
            ~already,
        )
        .order_by(table.c.key)
        .limit(1)
    )
    return conn.execute(query).mappings().first()


def mark_correlated(conn: Connection, message_key: int, bpmn_process_id: str) -> None:
    conn.execute(
        insert(message_correlations).values(message_key=message_key, bpmn_process_id=bpmn_process_id)
    )


def expired_messages(conn: Connection, now: int, limit: int = 500) -> list[RowMapping]:
    table = messages
    query = select(table.c.key, table.c.name, table.c.correlation_key).where(table.c.expires_at <= now)
    return list(conn.execute(query.order_by(table.c.expires_at).limit(limit)).mappings())


def delete_messages(conn: Connection, keys: list[int]) -> None:
    conn.execute(delete(message_correlations).where(message_correlations.c.message_key.in_(keys)))
    conn.execute(delete(messages).where(messages.c.key.in_(keys)))


def next_expiry(conn: Connection) -> int | None:
    value = conn.execute(select(func.min(messages.c.expires_at))).scalar()
    return int(value) if value is not None else None
