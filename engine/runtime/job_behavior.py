"""Job-based elements: a job of the element's type is created and waits for a worker."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from engine.model.elements import Element
from engine.model.expressions import Expression, ExpressionError
from engine.model.instances import ElementInstance, InstanceState
from engine.runtime.failures import EXTRACT_VALUE_ERROR, Failure, type_name
from engine.state.jobs import ACTIVATABLE, insert_job

if TYPE_CHECKING:
    from engine.runtime.executor import Executor

RESERVED_HEADER_PREFIX = "io.camunda.zeebe:"


def create_job(ex: Executor, state: InstanceState, instance: ElementInstance, element: Element) -> None:
    assert element.job_type is not None
    context = state.visible_variables(instance.key)
    job_type = _evaluate(element.job_type, context)
    if not isinstance(job_type, str) or not job_type:
        raise Failure(
            EXTRACT_VALUE_ERROR,
            f"Expected result of the expression '{element.job_type.source}' to be 'STRING', "
            f"but was '{type_name(job_type)}'.",
        )
    retries = _retries(element, context)
    headers = _headers(element, context)
    uow = ex.uow
    key = uow.next_key()
    insert_job(
        uow.conn,
        key=key,
        type=job_type,
        state=ACTIVATABLE,
        retries=retries,
        deadline=None,
        activatable_at=uow.now,
        worker=None,
        process_instance_key=state.key,
        element_instance_key=instance.key,
        element_id=element.id,
        bpmn_process_id=state.instance.bpmn_process_id,
        definition_key=state.instance.definition_key,
        version=state.instance.version,
        headers=json.dumps(headers),
        error_message=None,
        created_at=uow.now,
        tenant_id=state.instance.tenant_id,
    )
    uow.record(
        "JOB",
        "CREATED",
        key,
        state.key,
        type=job_type,
        retries=retries,
        elementId=element.id,
        elementInstanceKey=instance.key,
        bpmnProcessId=state.instance.bpmn_process_id,
    )
    uow.effects.job_types.add(job_type)


def _evaluate(expression: Expression, context: dict[str, Any]) -> Any:
    try:
        return expression.evaluate(context)
    except ExpressionError as error:
        raise Failure(EXTRACT_VALUE_ERROR, str(error)) from error


def _retries(element: Element, context: dict[str, Any]) -> int:
    assert element.job_retries is not None
    value = _evaluate(element.job_retries, context)
    try:
        return int(Decimal(str(value)))
    except (ArithmeticError, ValueError) as error:
        raise Failure(
            EXTRACT_VALUE_ERROR,
            f"Expected result of the expression '{element.job_retries.source}' to be 'NUMBER', "
            f"but was '{type_name(value)}'.",
        ) from error


def _headers(element: Element, context: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in element.headers.items():
        if name.startswith(RESERVED_HEADER_PREFIX) and value.startswith("="):
            result = _evaluate(Expression(value), context)
            headers[name] = result if isinstance(result, str) else json.dumps(result)
        else:
            headers[name] = value
    return headers
