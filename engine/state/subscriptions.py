"""Message and signal subscriptions and the timers that catch events wait for."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, RowMapping, delete, func, select

from engine.state.schema import message_subscriptions, signal_subscriptions, timers


def insert_message_subscription(conn: Connection, **values: Any) -> None:
    conn.execute(message_subscriptions.insert().values(**values))


def matching_message_subscriptions(
    conn: Connection, name: str, correlation_key: str, tenant_id: str
) -> list[RowMapping]:
    table = message_subscriptions
    return list(
        conn.execute(
            select(table)
            .where(
                table.c.message_name == name,
                table.c.correlation_key == correlation_key,
                table.c.tenant_id == tenant_id,
            )
            .order_by(table.c.key)
        ).mappings()
    )


def insert_signal_subscription(conn: Connection, **values: Any) -> None:
    conn.execute(signal_subscriptions.insert().values(**values))


def signal_subscriptions_named(conn: Connection, name: str) -> list[RowMapping]:
    table = signal_subscriptions
    return list(
        conn.execute(select(table).where(table.c.signal_name == name).order_by(table.c.key)).mappings()
    )


def insert_timer(conn: Connection, **values: Any) -> None:
    conn.execute(timers.insert().values(**values))


def get_timer(conn: Connection, key: int) -> RowMapping | None:
    query = select(timers).where(timers.c.key == key)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return conn.execute(query).mappings().first()


def due_timers(conn: Connection, now: int, limit: int = 200) -> list[int]:
    rows = conn.execute(
        select(timers.c.key).where(timers.c.due_at <= now).order_by(timers.c.due_at).limit(limit)
    )
    return [row[0] for row in rows]


def next_timer_due(conn: Connection) -> int | None:
    value = conn.execute(select(func.min(timers.c.due_at))).scalar()
    return int(value) if value is not None else None


def delete_timer(conn: Connection, key: int) -> None:
    conn.execute(delete(timers).where(timers.c.key == key))


def close_all_of_element(
    conn: Connection, element_instance_key: int, catch_element_ids: set[str] | None = None
) -> list[int]:
    """Delete the subscriptions and timers an element instance owns; returns the timer keys removed."""
    removed: list[int] = []
    for table in (message_subscriptions, signal_subscriptions, timers):
        where = [table.c.element_instance_key == element_instance_key]
        if catch_element_ids is not None:
            where.append(table.c.catch_element_id.in_(catch_element_ids))
        if table is timers:
            removed = [row[0] for row in conn.execute(select(timers.c.key).where(*where))]
        conn.execute(delete(table).where(*where))
    return removed
