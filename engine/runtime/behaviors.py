"""What each kind of element does when it is entered, and how completion variables are merged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.model.elements import Element
from engine.model.expressions import ExpressionError
from engine.model.instances import ElementInstance, InstanceState
from engine.runtime import events, job_behavior, token_flow, user_task_behavior
from engine.runtime.failures import (
    CALLED_DECISION_ERROR,
    CALLED_ELEMENT_ERROR,
    EXTRACT_VALUE_ERROR,
    Failure,
)
from engine.runtime.variables import evaluate_mappings, set_all_local

if TYPE_CHECKING:
    from engine.runtime.executor import Executor

PASS_THROUGH = frozenset({"task", "manualTask", "startEvent", "boundaryEvent"})
WAITING_CATCH = frozenset({"intermediateCatchEvent", "receiveTask"})


def enter(
    ex: Executor,
    state: InstanceState,
    instance: ElementInstance,
    element: Element,
    variables: dict[str, Any] | None,
    triggered: bool,
) -> None:
    if element.inputs:
        scope_key = instance.flow_scope_key or state.key
        context = state.visible_variables(scope_key)
        context.update(state.local_variables(instance.key))
        set_all_local(ex.uow, state, instance.key, evaluate_mappings(element.inputs, context))
    if element.boundary_events and not is_inner_of_body(state, instance):
        events.open_boundary_subscriptions(ex, state, instance, element)
    if element.kind == "subProcess":
        events.open_event_subprocess_subscriptions(ex, state, instance, element)
    instance.set_state("ACTIVATED")
    _behave(ex, state, instance, element, variables, triggered)


def _behave(
    ex: Executor,
    state: InstanceState,
    instance: ElementInstance,
    element: Element,
    variables: dict[str, Any] | None,
    triggered: bool,
) -> None:
    kind = element.kind
    event_kind = element.event.kind if element.event is not None else "none"
    if kind in PASS_THROUGH or (triggered and kind in WAITING_CATCH):
        ex.complete_later(state, instance, variables)
    elif kind in WAITING_CATCH:
        events.open_catch(ex, state, instance, element)
    elif kind in ("endEvent", "intermediateThrowEvent"):
        _throw_event(ex, state, instance, element, event_kind)
    elif kind == "scriptTask" and element.script is not None:
        value = evaluate(element, element.script, state.visible_variables(instance.key))
        result = {element.result_variable: value} if element.result_variable else {}
        ex.complete_later(state, instance, result)
    elif kind == "businessRuleTask" and element.called_decision is not None:
        raise Failure(CALLED_DECISION_ERROR, "DMN decisions are not supported by this engine yet")
    elif kind == "userTask" and element.user_task is not None and element.user_task.native:
        user_task_behavior.create_user_task(ex, state, instance, element)
    elif element.job_type is not None:
        job_behavior.create_job(ex, state, instance, element)
    elif kind == "subProcess":
        token_flow.schedule_sync(ex, state)  # Spiff started its sub-workflow; bind its start event
    elif kind == "callActivity":
        _call_process(ex, state, instance, element)
    elif kind in ("exclusiveGateway", "inclusiveGateway", "parallelGateway"):
        token_flow.run_gateway(ex, state, instance)  # Spiff chooses the flows
        ex.complete_later(state, instance)
    elif kind == "eventBasedGateway":
        events.open_event_gateway(ex, state, instance, element)
    else:
        raise Failure(EXTRACT_VALUE_ERROR, f"element '{element.id}' of type '{kind}' cannot be executed")


def _throw_event(
    ex: Executor, state: InstanceState, instance: ElementInstance, element: Element, event_kind: str
) -> None:
    if element.job_type is not None:  # message throw events are jobs
        job_behavior.create_job(ex, state, instance, element)
    elif event_kind == "terminate":
        ex.later(lambda: events.terminate_end(ex, state, instance))
    elif event_kind == "error":
        ex.later(lambda: events.throw_error_end(ex, state, instance, element))
    elif event_kind == "signal":
        events.throw_signal(ex, state, instance, element)
        ex.complete_later(state, instance)
    else:
        ex.complete_later(state, instance)


def _call_process(ex: Executor, state: InstanceState, instance: ElementInstance, element: Element) -> None:
    assert element.called_process_id is not None
    process_id = evaluate(element, element.called_process_id, state.visible_variables(instance.key))
    if not isinstance(process_id, str) or not process_id:
        raise Failure(
            EXTRACT_VALUE_ERROR, f"Expected process id to be a non-empty string, but was {process_id!r}"
        )
    definition = ex.uow.definitions.latest(ex.uow.conn, process_id, state.instance.tenant_id)
    if definition is None:
        raise Failure(
            CALLED_ELEMENT_ERROR,
            f"Expected process with BPMN process id '{process_id}' to be deployed, but not found.",
        )
    if element.propagate_all_parent_variables:
        variables = state.visible_variables(instance.key)
    else:
        variables = state.local_variables(instance.key)
    child = ex.create_process_instance(
        definition, variables, parent=(state.key, instance.key), tenant_id=state.instance.tenant_id
    )
    instance.data["child"] = child.key
    instance.dirty = True


def evaluate(element: Element, expression: Any, context: dict[str, Any]) -> Any:
    try:
        return expression.evaluate(context)
    except ExpressionError as error:
        raise Failure(EXTRACT_VALUE_ERROR, str(error)) from error


def apply_completion_variables(
    ex: Executor,
    state: InstanceState,
    instance: ElementInstance,
    element: Element,
    variables: dict[str, Any] | None,
) -> None:
    if instance.element_type == "MULTI_INSTANCE_BODY":
        loop = element.loop
        if loop is not None and loop.output_collection:
            collection = state.local_variables(instance.key).get(loop.output_collection)
            ex.merge_from_scope(
                state, instance.flow_scope_key or state.key, {loop.output_collection: collection}
            )
        return
    if element.outputs:
        if variables:
            set_all_local(ex.uow, state, instance.key, variables)
        context = state.visible_variables(instance.key)
        results = evaluate_mappings(element.outputs, context)
        ex.merge_from_scope(state, instance.flow_scope_key or state.key, results)
    elif variables:
        ex.merge_from_scope(state, instance.key, variables)


def owns_subscriptions(element: Element, instance: ElementInstance) -> bool:
    return bool(
        element.boundary_events
        or element.event_subprocesses
        or element.kind in ("intermediateCatchEvent", "receiveTask", "eventBasedGateway")
    )


def is_inner_of_body(state: InstanceState, instance: ElementInstance) -> bool:
    scope = state.elements.get(instance.flow_scope_key or -1)
    return (
        scope is not None
        and scope.element_type == "MULTI_INSTANCE_BODY"
        and scope.element_id == instance.element_id
    )
