"""A job's type, by key: what the permission check of a job command needs."""

from __future__ import annotations

from sqlalchemy import select

from engine.state.schema import jobs
from engine.state.unit_of_work import Store


def job_type(store: Store, key: int) -> str | None:
    """The type of job `key`, or None when there is no such job."""
    if not 0 < key < 2**63:
        return None
    with store.reading() as conn:
        found = conn.execute(select(jobs.c.type).where(jobs.c.key == key)).scalar_one_or_none()
        conn.rollback()
    return found
