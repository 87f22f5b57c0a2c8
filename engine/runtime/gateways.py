"""Which outgoing flows an exclusive or inclusive gateway takes."""

from __future__ import annotations

from engine.model.elements import Element
from engine.model.expressions import ExpressionError
from engine.runtime.failures import CONDITION_ERROR, Failure, type_name
from engine.runtime.instance_state import ElementInstance, InstanceState


def choose_flows(state: InstanceState, instance: ElementInstance, element: Element) -> list[str]:
    if element.kind == "parallelGateway" or (
        len(element.outgoing) <= 1 and not _has_condition(state, element)
    ):
        return list(element.outgoing)
    context = state.visible_variables(instance.key)
    chosen: list[str] = []
    for flow_id in element.outgoing:
        if flow_id == element.default_flow:
            continue
        condition = state.model.flows[flow_id].condition
        if condition is None or _holds(condition, context):
            chosen.append(flow_id)
        if chosen and element.kind == "exclusiveGateway":
            return chosen
    if chosen:
        return chosen
    if element.default_flow:
        return [element.default_flow]
    if element.kind == "exclusiveGateway":
        message = "Expected at least one condition to evaluate to true, or to have a default flow"
    else:
        message = "Expected at least one condition to evaluate to true, or to have a default flow"
    raise Failure(CONDITION_ERROR, message)


def _has_condition(state: InstanceState, element: Element) -> bool:
    return any(state.model.flows[f].condition is not None for f in element.outgoing)


def _holds(condition: object, context: dict[str, object]) -> bool:
    try:
        value = condition.evaluate(context)  # type: ignore[attr-defined]
    except ExpressionError as error:
        raise Failure(CONDITION_ERROR, str(error)) from error
    if value is None:
        return False
    if not isinstance(value, bool):
        source = condition.source  # type: ignore[attr-defined]
        raise Failure(
            CONDITION_ERROR,
            f"Expected result of the expression '{source}' to be 'BOOLEAN', but was '{type_name(value)}'.",
        )
    return value
