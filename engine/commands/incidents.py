"""Resolve an incident: the stopped step is tried again."""

from __future__ import annotations

from engine.errors import NotFound
from engine.runtime.executor import Executor
from engine.runtime.failures import JOB_NO_RETRIES
from engine.runtime.incidents import raise_incident
from engine.state import incidents as incident_table
from engine.state import jobs as job_table
from engine.state.unit_of_work import Store


def resolve_incident(store: Store, key: int) -> None:
    with store.transaction() as uow:
        incident = incident_table.get_incident(uow.conn, key)
        if incident is None or incident["state"] != incident_table.ACTIVE:
            raise NotFound(f"Expected to resolve incident with key '{key}', but no such incident was found")
        incident_table.resolve(uow.conn, key, uow.now)
        uow.record(
            "INCIDENT", "RESOLVED", key, incident["process_instance_key"], elementId=incident["element_id"]
        )
        state = uow.instance(incident["process_instance_key"])
        if state is None:
            return
        element = state.active(incident["element_instance_key"])
        if element is None:
            return
        job_key = incident["job_key"]
        if job_key is not None:
            job = job_table.get_job(uow.conn, job_key)
            if job is None:
                return
            if job["retries"] <= 0 and incident["error_type"] == JOB_NO_RETRIES:
                raise_incident(
                    uow,
                    state,
                    element,
                    JOB_NO_RETRIES,
                    job["error_message"] or "No more retries left.",
                    job_key=job_key,
                )
                return
            job_table.update_job(
                uow.conn,
                job_key,
                state=job_table.ACTIVATABLE,
                activatable_at=uow.now,
                deadline=None,
                worker=None,
            )
            uow.effects.job_types.add(job["type"])
            return
        executor = Executor(uow)
        if element.state == "ACTIVATING":
            executor.later(lambda: executor.enter(state, element, None, False))
        elif element.state == "COMPLETING":
            element.set_state("ACTIVATED")
            executor.later(lambda: executor.complete(state, element))
        executor.run()
