"""Job commands: activate (lease), complete, fail, throw error, update retries and timeout."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.errors import FailedPrecondition, InvalidArgument, NotFound
from engine.limits import count, duration_ms
from engine.model.instances import ElementInstance, InstanceState
from engine.runtime import events
from engine.runtime.executor import Executor
from engine.runtime.failures import JOB_NO_RETRIES, UNHANDLED_ERROR_EVENT
from engine.runtime.incidents import raise_incident
from engine.runtime.variables import set_all_local
from engine.state import jobs as job_table
from engine.state.instances import visible_variables_of
from engine.state.unit_of_work import Store, UnitOfWork


@dataclass
class ActivatedJob:
    key: int
    type: str
    process_instance_key: int
    bpmn_process_id: str
    version: int
    definition_key: int
    element_id: str
    element_instance_key: int
    headers: str
    worker: str
    retries: int
    deadline: int
    variables: dict[str, Any]
    tenant_id: str


def activate_jobs(
    store: Store, *, job_type: str, worker: str, timeout_ms: int, max_jobs: int, fetch_variables: list[str]
) -> list[ActivatedJob]:
    if not job_type:
        raise InvalidArgument("Expected to activate jobs with a non-empty type")
    if max_jobs < 1:
        raise InvalidArgument(f"Expected to activate at least one job, but maxJobsToActivate was {max_jobs}")
    if timeout_ms < 1:
        raise InvalidArgument(f"Expected a job timeout greater than zero, but was {timeout_ms}")
    duration_ms(timeout_ms, "timeout")
    max_jobs = count(max_jobs, "maxJobsToActivate")
    with store.transaction() as uow:
        rows = job_table.claim_activatable(uow.conn, job_type, uow.now, max_jobs)
        if not rows:
            return []
        deadline = uow.now + timeout_ms
        job_table.mark_activated(uow.conn, [row["key"] for row in rows], worker, deadline)
        uow.effects.falls_due(deadline)
        activated = []
        visible = visible_variables_of(uow, rows)
        for row in rows:
            variables = _fetched(visible.get(row["element_instance_key"], {}), fetch_variables)
            uow.record(
                "JOB",
                "ACTIVATED",
                row["key"],
                row["process_instance_key"],
                type=job_type,
                worker=worker,
                deadline=deadline,
                elementId=row["element_id"],
                createdAt=row["created_at"],
            )
            activated.append(
                ActivatedJob(
                    key=row["key"],
                    type=row["type"],
                    process_instance_key=row["process_instance_key"],
                    bpmn_process_id=row["bpmn_process_id"],
                    version=row["version"],
                    definition_key=row["definition_key"],
                    element_id=row["element_id"],
                    element_instance_key=row["element_instance_key"],
                    headers=row["headers"],
                    worker=worker,
                    retries=row["retries"],
                    deadline=deadline,
                    variables=variables,
                    tenant_id=row["tenant_id"],
                )
            )
        return activated


def _fetched(visible: dict[str, Any], fetch: list[str]) -> dict[str, Any]:
    if fetch:
        return {name: visible[name] for name in fetch if name in visible}
    return visible


def _load_job(
    uow: UnitOfWork, key: int, action: str
) -> tuple[Mapping[str, Any], InstanceState, ElementInstance]:
    job = job_table.get_job(uow.conn, key)
    if job is None:
        raise NotFound(f"Expected to {action} job with key '{key}', but no such job was found")
    state = uow.instance(job["process_instance_key"])
    element = state.active(job["element_instance_key"]) if state is not None else None
    if state is None or element is None:
        raise NotFound(f"Expected to {action} job with key '{key}', but no such job was found")
    return job, state, element


def complete_job(store: Store, key: int, variables: dict[str, Any]) -> None:
    with store.transaction() as uow:
        job, state, element = _load_job(uow, key, "complete")
        if job["state"] not in (job_table.ACTIVATABLE, job_table.ACTIVATED):
            raise FailedPrecondition(
                f"Expected to complete job with key '{key}', but it is in state '{job['state']}'"
            )
        job_table.delete_job(uow.conn, key)
        uow.record("JOB", "COMPLETED", key, state.key, type=job["type"], elementId=job["element_id"])
        executor = Executor(uow)
        executor.complete(state, element, variables)
        executor.run()


def fail_job(
    store: Store, key: int, retries: int, message: str, backoff_ms: int, variables: dict[str, Any]
) -> None:
    count(retries, "retries")
    duration_ms(backoff_ms, "retryBackOff")
    with store.transaction() as uow:
        job, state, element = _load_job(uow, key, "fail")
        if job["state"] != job_table.ACTIVATED:
            raise FailedPrecondition(
                f"Expected to fail job with key '{key}', but it is in state '{job['state']}'"
            )
        if variables:
            set_all_local(uow, state, element.key, variables)
        uow.record(
            "JOB",
            "FAILED",
            key,
            state.key,
            type=job["type"],
            retries=retries,
            errorMessage=message,
            elementId=job["element_id"],
        )
        if retries > 0:
            job_table.update_job(
                uow.conn,
                key,
                state=job_table.ACTIVATABLE,
                retries=retries,
                deadline=None,
                worker=None,
                activatable_at=uow.now + max(backoff_ms, 0),
                error_message=message,
            )
            if backoff_ms > 0:
                uow.effects.schedule_changed = True
            else:
                uow.effects.job_types.add(job["type"])
            return
        job_table.update_job(
            uow.conn, key, state=job_table.FAILED, retries=0, deadline=None, error_message=message
        )
        raise_incident(uow, state, element, JOB_NO_RETRIES, message or "No more retries left.", job_key=key)


def throw_error(store: Store, key: int, code: str, message: str, variables: dict[str, Any]) -> None:
    if not code:
        raise InvalidArgument("Expected an error code, but none given")
    with store.transaction() as uow:
        job, state, element = _load_job(uow, key, "throw an error for")
        if job["state"] not in (job_table.ACTIVATABLE, job_table.ACTIVATED):
            raise FailedPrecondition(
                f"Expected to throw an error for job with key '{key}', but it is in state '{job['state']}'"
            )
        uow.record(
            "JOB",
            "ERROR_THROWN",
            key,
            state.key,
            type=job["type"],
            errorCode=code,
            errorMessage=message,
            elementId=job["element_id"],
        )
        executor = Executor(uow)
        if events.throw_error(executor, state, element, code, message, variables or None):
            job_table.delete_job(uow.conn, key)
            executor.run()
            return
        job_table.update_job(
            uow.conn, key, state=job_table.ERROR_THROWN, deadline=None, error_message=message
        )
        raise_incident(
            uow, state, element, UNHANDLED_ERROR_EVENT, events.unhandled_message(code, message), job_key=key
        )


def update_job(store: Store, key: int, *, retries: int | None = None, timeout_ms: int | None = None) -> None:
    """Change a job's retries, its timeout, or both at once (Camunda's REST update), in one transaction."""
    if retries is None and timeout_ms is None:
        raise InvalidArgument("At least one of [retries, timeout] is required")
    if retries is not None and retries < 1:
        raise InvalidArgument(f"Expected retries to be greater than zero, but was {retries}")
    if retries is not None:
        count(retries, "retries")
    if timeout_ms is not None:
        duration_ms(timeout_ms, "timeout")
    action = "update" if retries is not None and timeout_ms is not None else ""
    action = action or ("update retries of" if retries is not None else "update the timeout of")
    with store.transaction() as uow:
        job, state, _ = _load_job(uow, key, action)
        if retries is not None:
            job_table.update_job(uow.conn, key, retries=retries)
            uow.record("JOB", "RETRIES_UPDATED", key, state.key, retries=retries, type=job["type"])
        if timeout_ms is not None:
            if job["state"] != job_table.ACTIVATED:
                raise FailedPrecondition(f"Expected to {action} job with key '{key}', but it is not active")
            deadline = uow.now + timeout_ms
            job_table.update_job(uow.conn, key, deadline=deadline)
            uow.record("JOB", "TIMEOUT_UPDATED", key, state.key, deadline=deadline, type=job["type"])
            uow.effects.schedule_changed = True


def update_job_retries(store: Store, key: int, retries: int) -> None:
    update_job(store, key, retries=retries)


def update_job_timeout(store: Store, key: int, timeout_ms: int) -> None:
    update_job(store, key, timeout_ms=timeout_ms)
