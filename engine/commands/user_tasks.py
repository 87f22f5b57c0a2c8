"""User task operations of the REST API: assign, unassign, complete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import RowMapping

from engine.errors import FailedPrecondition, NotFound
from engine.runtime.executor import Executor
from engine.state import user_tasks as task_table
from engine.state.unit_of_work import Store, UnitOfWork


def _open_task(uow: UnitOfWork, key: int, action: str) -> RowMapping:
    task = task_table.get_user_task(uow.conn, key)
    if task is None:
        raise NotFound(
            f"Command '{action}' rejected: Expected to {action.lower()} user task with key '{key}', but no such user task was found"
        )
    if task["state"] != task_table.CREATED:
        raise FailedPrecondition(
            f"Command '{action}' rejected: Expected to {action.lower()} user task with key '{key}', "
            f"but it is in state '{task['state']}'"
        )
    return task


def assign_user_task(store: Store, key: int, assignee: str, allow_override: bool = True) -> None:
    with store.transaction() as uow:
        task = _open_task(uow, key, "ASSIGN")
        if not allow_override and task["assignee"] and task["assignee"] != assignee:
            raise FailedPrecondition(
                f"Command 'ASSIGN' rejected: Expected to assign user task with key '{key}', but it is already "
                "assigned to someone else"
            )
        task_table.update_user_task(uow.conn, key, assignee=assignee)
        uow.record(
            "USER_TASK",
            "ASSIGNED",
            key,
            task["process_instance_key"],
            assignee=assignee,
            elementId=task["element_id"],
        )


def unassign_user_task(store: Store, key: int) -> None:
    with store.transaction() as uow:
        task = _open_task(uow, key, "UNASSIGN")
        task_table.update_user_task(uow.conn, key, assignee=None)
        uow.record(
            "USER_TASK",
            "ASSIGNED",
            key,
            task["process_instance_key"],
            assignee="",
            elementId=task["element_id"],
        )


def complete_user_task(store: Store, key: int, variables: dict[str, Any], action: str | None) -> None:
    with store.transaction() as uow:
        task = _open_task(uow, key, "COMPLETE")
        state = uow.instance(task["process_instance_key"])
        element = state.active(task["element_instance_key"]) if state is not None else None
        if state is None or element is None:
            raise NotFound(
                f"Expected to complete user task with key '{key}', but no such user task was found"
            )
        task_table.update_user_task(uow.conn, key, state=task_table.COMPLETED, completed_at=uow.now)
        uow.record(
            "USER_TASK",
            "COMPLETED",
            key,
            state.key,
            action=action or "complete",
            elementId=task["element_id"],
        )
        executor = Executor(uow)
        executor.complete(state, element, variables)
        executor.run()
