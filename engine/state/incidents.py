"""Incidents: a problem that stops an element instance until someone resolves it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, RowMapping, select, update

from engine.state.schema import incidents

ACTIVE = "ACTIVE"
RESOLVED = "RESOLVED"


def insert_incident(conn: Connection, **values: Any) -> None:
    conn.execute(incidents.insert().values(state=ACTIVE, **values))


def get_incident(conn: Connection, key: int) -> RowMapping | None:
    return conn.execute(select(incidents).where(incidents.c.key == key)).mappings().first()


def active_incidents_of_element(conn: Connection, element_instance_key: int) -> list[RowMapping]:
    return list(
        conn.execute(
            select(incidents).where(
                incidents.c.element_instance_key == element_instance_key, incidents.c.state == ACTIVE
            )
        ).mappings()
    )


def resolve(conn: Connection, key: int, now: int) -> None:
    conn.execute(update(incidents).where(incidents.c.key == key).values(state=RESOLVED, resolved_at=now))
