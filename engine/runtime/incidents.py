"""Raising incidents, and undoing an element instance's side effects when it is terminated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.model.elements import Element
from engine.model.instances import ElementInstance, InstanceState
from engine.state import incidents as incident_table
from engine.state.jobs import delete_job, job_of_element
from engine.state.user_tasks import CANCELED, update_user_task, user_task_of_element

if TYPE_CHECKING:
    from engine.runtime.executor import Executor
    from engine.state.unit_of_work import UnitOfWork


def raise_incident(
    uow: UnitOfWork,
    state: InstanceState,
    instance: ElementInstance,
    error_type: str,
    message: str,
    job_key: int | None = None,
) -> int:
    key = uow.next_key()
    incident_table.insert_incident(
        uow.conn,
        key=key,
        process_instance_key=state.key,
        element_instance_key=instance.key,
        element_id=instance.element_id,
        bpmn_process_id=state.instance.bpmn_process_id,
        definition_key=state.instance.definition_key,
        job_key=job_key,
        error_type=error_type,
        error_message=message,
        created_at=uow.now,
        tenant_id=state.instance.tenant_id,
    )
    uow.record(
        "INCIDENT",
        "CREATED",
        key,
        state.key,
        errorType=error_type,
        errorMessage=message,
        elementId=instance.element_id,
        elementInstanceKey=instance.key,
        jobKey=job_key or -1,
    )
    return key


def cancel_element_side_effects(
    ex: Executor, state: InstanceState, instance: ElementInstance, element: Element
) -> None:
    from engine.runtime import events

    uow = ex.uow
    if (
        element.boundary_events
        or element.event_subprocesses
        or element.kind
        in (
            "intermediateCatchEvent",
            "receiveTask",
            "eventBasedGateway",
        )
    ):
        events.close_subscriptions(ex, state, instance)
    if element.job_type is not None and instance.element_type != "MULTI_INSTANCE_BODY":
        job = job_of_element(uow.conn, instance.key)
        if job is not None:
            delete_job(uow.conn, job["key"])
            uow.record("JOB", "CANCELED", job["key"], state.key, type=job["type"], elementId=element.id)
    if "userTaskKey" in instance.data:
        task = user_task_of_element(uow.conn, instance.key)
        if task is not None:
            update_user_task(uow.conn, task["key"], state=CANCELED, completed_at=uow.now)
            uow.record("USER_TASK", "CANCELED", task["key"], state.key, elementId=element.id)
    for incident in incident_table.active_incidents_of_element(uow.conn, instance.key):
        incident_table.resolve(uow.conn, incident["key"], uow.now)
        uow.record("INCIDENT", "RESOLVED", incident["key"], state.key, elementId=element.id)
    child_key = instance.data.get("child")
    if child_key is not None:
        child = uow.instance(child_key)
        if child is not None and child.is_active:
            ex.cancel_process_instance(child)
