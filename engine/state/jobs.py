"""Jobs: created by the runtime, leased to workers with a deadline, failed, timed out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, RowMapping, and_, bindparam, delete, func, select, update

from engine.state.prepared import Prepared, insert_into
from engine.state.schema import jobs

ACTIVATABLE = "ACTIVATABLE"
ACTIVATED = "ACTIVATED"
FAILED = "FAILED"  # no retries left: an incident holds it
ERROR_THROWN = "ERROR_THROWN"  # thrown error not caught: an incident holds it


_INSERTS: dict[frozenset[str], Prepared] = {}
_SELECT_LOCKED = Prepared(select(jobs).where(jobs.c.key == bindparam("k")), lock="update")
_SELECT = Prepared(select(jobs).where(jobs.c.key == bindparam("k")))
_DELETE = Prepared(delete(jobs).where(jobs.c.key == bindparam("k")))
_CLAIM = Prepared(
    select(jobs)
    .where(
        jobs.c.type == bindparam("t"), jobs.c.state == ACTIVATABLE, jobs.c.activatable_at <= bindparam("now")
    )
    .order_by(jobs.c.key)
    .limit(bindparam("n")),
    lock="skip_locked",
)
_MARK_ACTIVATED = Prepared(
    update(jobs)
    .where(jobs.c.key == bindparam("k"))
    .values(state=ACTIVATED, worker=bindparam("w"), deadline=bindparam("d"))
)


def insert_job(conn: Connection, **values: Any) -> None:
    columns = frozenset(values)
    statement = _INSERTS.get(columns)
    if statement is None:
        statement = _INSERTS[columns] = insert_into(jobs, sorted(columns))
    statement.execute(conn, values).close()


def get_job(conn: Connection, key: int, lock: bool = True) -> Mapping[str, Any] | None:
    return (_SELECT_LOCKED if lock else _SELECT).mapping(conn, {"k": key})


def job_of_element(conn: Connection, element_instance_key: int) -> RowMapping | None:
    return (
        conn.execute(select(jobs).where(jobs.c.element_instance_key == element_instance_key))
        .mappings()
        .first()
    )


def update_job(conn: Connection, key: int, **values: Any) -> None:
    conn.execute(update(jobs).where(jobs.c.key == key).values(**values))


def delete_job(conn: Connection, key: int) -> None:
    _DELETE.execute(conn, {"k": key}).close()


def claim_activatable(conn: Connection, job_type: str, now: int, limit: int) -> list[dict[str, Any]]:
    """Activatable jobs of a type, locked so that no other engine hands them out (SKIP LOCKED)."""
    return _CLAIM.mappings(conn, {"t": job_type, "now": now, "n": limit})


def mark_activated(conn: Connection, keys: list[int], worker: str, deadline: int) -> None:
    _MARK_ACTIVATED.execute_many(conn, [{"k": key, "w": worker, "d": deadline} for key in keys])


def expired_jobs(conn: Connection, now: int, limit: int = 500) -> list[RowMapping]:
    query = select(jobs).where(jobs.c.state == ACTIVATED, jobs.c.deadline <= now).order_by(jobs.c.deadline)
    query = query.limit(limit)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(conn.execute(query).mappings())


def next_job_event(conn: Connection, now: int) -> int | None:
    """The earliest future instant when a job times out or comes back from its retry back-off."""
    deadline = conn.execute(select(func.min(jobs.c.deadline)).where(jobs.c.state == ACTIVATED)).scalar()
    backoff = conn.execute(
        select(func.min(jobs.c.activatable_at)).where(
            and_(jobs.c.state == ACTIVATABLE, jobs.c.activatable_at > now)
        )
    ).scalar()
    candidates = [t for t in (deadline, backoff) if t is not None]
    return min(candidates) if candidates else None


def types_back_from_backoff(conn: Connection, since: int, now: int) -> set[str]:
    rows = conn.execute(
        select(jobs.c.type)
        .where(jobs.c.state == ACTIVATABLE, jobs.c.activatable_at > since, jobs.c.activatable_at <= now)
        .distinct()
    )
    return {row[0] for row in rows}
