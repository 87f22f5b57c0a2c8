"""Work that falls due with time: timers, job deadlines, retry back-offs, message TTLs."""

from __future__ import annotations

from engine.runtime.events import can_trigger, trigger
from engine.runtime.executor import Executor
from engine.runtime.timer_values import parse_duration
from engine.state import jobs as job_table
from engine.state import messages as message_table
from engine.state import subscriptions as subscription_table
from engine.state.unit_of_work import Store


def fire_due_timers(store: Store) -> int:
    with store.reading() as conn:
        keys = subscription_table.due_timers(conn, store.clock.now_ms())
        conn.rollback()
    for key in keys:
        _fire_timer(store, key)
    return len(keys)


def _fire_timer(store: Store, key: int) -> None:
    with store.transaction() as uow:
        timer = subscription_table.get_timer(uow.conn, key)
        if timer is None or timer["due_at"] > uow.now:
            return
        uow.record(
            "TIMER",
            "TRIGGERED",
            key,
            timer["process_instance_key"],
            elementId=timer["catch_element_id"],
            dueDate=timer["due_at"],
        )
        repeats = timer["repetitions"] != 1 and timer["interval"]
        if repeats:
            remaining = timer["repetitions"] - 1 if timer["repetitions"] > 0 else -1
            due = parse_duration(timer["interval"]).after(timer["due_at"])
            subscription_table.delete_timer(uow.conn, key)
            subscription_table.insert_timer(
                uow.conn, **{**dict(timer), "key": uow.next_key(), "due_at": due, "repetitions": remaining}
            )
            uow.effects.schedule_changed = True
        else:
            subscription_table.delete_timer(uow.conn, key)
        executor = Executor(uow)
        if timer["process_instance_key"] is None:
            definition = uow.definitions.get(uow.conn, timer["definition_key"])
            if definition is not None:
                executor.create_process_instance(
                    definition,
                    {},
                    start_element_id=timer["catch_element_id"],
                    start_triggered=True,
                    tenant_id=definition.tenant_id,
                )
        else:
            state = uow.instance(timer["process_instance_key"])
            owner = state.active(timer["element_instance_key"]) if state is not None else None
            if (
                state is not None
                and owner is not None
                and can_trigger(state, owner, timer["catch_element_id"])
            ):
                trigger(executor, state, owner, timer["catch_element_id"], None)
        executor.run()


def time_out_jobs(store: Store) -> set[str]:
    with store.transaction() as uow:
        types: set[str] = set()
        for job in job_table.expired_jobs(uow.conn, uow.now):
            job_table.update_job(
                uow.conn,
                job["key"],
                state=job_table.ACTIVATABLE,
                deadline=None,
                worker=None,
                activatable_at=uow.now,
            )
            uow.record(
                "JOB",
                "TIMED_OUT",
                job["key"],
                job["process_instance_key"],
                type=job["type"],
                retries=job["retries"],
                elementId=job["element_id"],
            )
            types.add(job["type"])
        uow.effects.job_types |= types
        return types


def expire_messages(store: Store) -> int:
    with store.transaction() as uow:
        expired = message_table.expired_messages(uow.conn, uow.now)
        if expired:
            message_table.delete_messages(uow.conn, [row["key"] for row in expired])
            for row in expired:
                uow.record(
                    "MESSAGE",
                    "EXPIRED",
                    row["key"],
                    None,
                    name=row["name"],
                    correlationKey=row["correlation_key"],
                )
        return len(expired)


def next_due(store: Store) -> int | None:
    """The earliest instant at which some work falls due (epoch ms), if any."""
    with store.reading() as conn:
        now = store.clock.now_ms()
        candidates = [
            subscription_table.next_timer_due(conn),
            job_table.next_job_event(conn, now),
            message_table.next_expiry(conn),
        ]
        conn.rollback()
    present = [c for c in candidates if c is not None]
    return min(present) if present else None
