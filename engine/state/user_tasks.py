"""Native user tasks (zeebe:userTask), read and changed through the REST API."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, RowMapping, select, update

from engine.state.schema import user_tasks

CREATED = "CREATED"
COMPLETED = "COMPLETED"
CANCELED = "CANCELED"


def insert_user_task(conn: Connection, **values: Any) -> None:
    conn.execute(user_tasks.insert().values(**values))


def get_user_task(conn: Connection, key: int) -> RowMapping | None:
    query = select(user_tasks).where(user_tasks.c.key == key)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    return conn.execute(query).mappings().first()


def user_task_of_element(conn: Connection, element_instance_key: int) -> RowMapping | None:
    table = user_tasks
    return (
        conn.execute(
            select(table).where(
                table.c.element_instance_key == element_instance_key, table.c.state == CREATED
            )
        )
        .mappings()
        .first()
    )


def update_user_task(conn: Connection, key: int, **values: Any) -> None:
    conn.execute(update(user_tasks).where(user_tasks.c.key == key).values(**values))
