"""Native Camunda user tasks (zeebe:userTask): assignment, candidates, schedule, priority, form."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from engine.model.elements import Element
from engine.model.expressions import Expression, ExpressionError
from engine.model.instances import ElementInstance, InstanceState
from engine.runtime.failures import EXTRACT_VALUE_ERROR, FORM_NOT_FOUND, Failure, type_name
from engine.state.definitions import latest_form
from engine.state.user_tasks import CREATED, insert_user_task

if TYPE_CHECKING:
    from engine.runtime.executor import Executor

DEFAULT_PRIORITY = 50


def create_user_task(ex: Executor, state: InstanceState, instance: ElementInstance, element: Element) -> None:
    spec = element.user_task
    assert spec is not None
    context = state.visible_variables(instance.key)
    assignee = _text(spec.assignee, context, "assignee")
    groups = _list(spec.candidate_groups, context)
    users = _list(spec.candidate_users, context)
    due_date = _text(spec.due_date, context, "due date")
    follow_up = _text(spec.follow_up_date, context, "follow-up date")
    priority = _priority(spec.priority, context)
    form_key = None
    tenant = state.instance.tenant_id
    if spec.form_id:
        form = latest_form(ex.uow.conn, spec.form_id, tenant)
        if form is None:
            raise Failure(
                FORM_NOT_FOUND,
                f"Expected to find a form with id '{spec.form_id}', but no form with this id is found, "
                "at least a form with this id should be available.",
            )
        form_key = form["key"]
    external = _text(spec.external_reference, context, "external form reference") or spec.form_key
    uow = ex.uow
    key = uow.next_key()
    insert_user_task(
        uow.conn,
        key=key,
        element_instance_key=instance.key,
        process_instance_key=state.key,
        element_id=element.id,
        name=element.name,
        bpmn_process_id=state.instance.bpmn_process_id,
        definition_key=state.instance.definition_key,
        version=state.instance.version,
        state=CREATED,
        assignee=assignee,
        candidate_groups=json.dumps(groups),
        candidate_users=json.dumps(users),
        due_date=due_date,
        follow_up_date=follow_up,
        priority=priority,
        form_key=form_key,
        external_form_reference=external,
        custom_headers=json.dumps(element.headers),
        created_at=uow.now,
        tenant_id=tenant,
    )
    instance.data["userTaskKey"] = key
    instance.dirty = True
    uow.record(
        "USER_TASK",
        "CREATED",
        key,
        state.key,
        elementId=element.id,
        elementInstanceKey=instance.key,
        assignee=assignee,
        candidateGroups=groups,
        candidateUsers=users,
    )
    if assignee:
        uow.record("USER_TASK", "ASSIGNED", key, state.key, elementId=element.id, assignee=assignee)


def _value(expression: Expression | None, context: dict[str, Any]) -> Any:
    if expression is None:
        return None
    try:
        return expression.evaluate(context)
    except ExpressionError as error:
        raise Failure(EXTRACT_VALUE_ERROR, str(error)) from error


def _text(expression: Expression | None, context: dict[str, Any], what: str) -> str | None:
    value = _value(expression, context)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Failure(EXTRACT_VALUE_ERROR, f"Expected {what} to be 'STRING', but was '{type_name(value)}'.")
    return value


def _list(expression: Expression | None, context: dict[str, Any]) -> list[str]:
    value = _value(expression, context)
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    raise Failure(EXTRACT_VALUE_ERROR, f"Expected a list of strings, but was '{type_name(value)}'.")


def _priority(expression: Expression | None, context: dict[str, Any]) -> int:
    value = _value(expression, context)
    if value is None:
        return DEFAULT_PRIORITY
    try:
        priority = int(str(value))
    except ValueError as error:
        raise Failure(EXTRACT_VALUE_ERROR, f"Expected priority to be a number, but was '{value}'") from error
    if not 0 <= priority <= 100:
        raise Failure(
            EXTRACT_VALUE_ERROR, f"Expected priority to be in the range [0,100], but was {priority}"
        )
    return priority
