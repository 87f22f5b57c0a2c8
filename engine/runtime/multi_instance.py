"""Parallel and sequential multi-instance activities (zeebe:loopCharacteristics)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.model.elements import Element
from engine.model.expressions import ExpressionError
from engine.model.instances import ElementInstance, InstanceState
from engine.runtime import events
from engine.runtime.failures import EXTRACT_VALUE_ERROR, Failure, type_name
from engine.runtime.variables import set_local

if TYPE_CHECKING:
    from engine.runtime.executor import Executor


def enter_body(ex: Executor, state: InstanceState, body: ElementInstance, element: Element) -> None:
    loop = element.loop
    assert loop is not None and loop.input_collection is not None
    context = state.visible_variables(body.flow_scope_key or state.key)
    try:
        items = loop.input_collection.evaluate(context)
    except ExpressionError as error:
        raise Failure(EXTRACT_VALUE_ERROR, str(error)) from error
    if not isinstance(items, list):
        raise Failure(
            EXTRACT_VALUE_ERROR,
            f"Expected result of the expression '{loop.input_collection.source}' to be 'ARRAY', "
            f"but was '{type_name(items)}'.",
        )
    if element.boundary_events:
        events.open_boundary_subscriptions(ex, state, body, element)
    body.set_state("ACTIVATED")
    body.data.update({"items": items, "next": 0, "completed": 0})
    if loop.output_collection:
        set_local(ex.uow, state, body.key, loop.output_collection, [None] * len(items))
    if not items:
        ex.complete_later(state, body)
    elif loop.sequential:
        _start_inner(ex, state, body, element)
    else:
        for _ in items:
            _start_inner(ex, state, body, element)


def _start_inner(ex: Executor, state: InstanceState, body: ElementInstance, element: Element) -> None:
    index = body.data["next"]
    body.data["next"] = index + 1
    body.dirty = True
    inner = ex.activate(state, element, body, inner=True)
    loop = element.loop
    assert loop is not None
    if loop.input_element:
        set_local(ex.uow, state, inner.key, loop.input_element, body.data["items"][index])
    set_local(ex.uow, state, inner.key, "loopCounter", index + 1)


def inner_completed(
    ex: Executor, state: InstanceState, body: ElementInstance, inner: ElementInstance, element: Element
) -> None:
    loop = element.loop
    assert loop is not None
    context = state.visible_variables(inner.key)
    if loop.output_collection and loop.output_element is not None:
        try:
            value = loop.output_element.evaluate(context)
        except ExpressionError as error:
            raise Failure(EXTRACT_VALUE_ERROR, str(error)) from error
        collection = list(state.local_variables(body.key).get(loop.output_collection) or [])
        counter = int(state.local_variables(inner.key).get("loopCounter", 1))
        if 0 < counter <= len(collection):
            collection[counter - 1] = value
            set_local(ex.uow, state, body.key, loop.output_collection, collection)
    body.data["completed"] += 1
    body.dirty = True
    done = False
    if loop.completion_condition is not None:
        try:
            done = loop.completion_condition.evaluate(context) is True
        except ExpressionError as error:
            raise Failure(EXTRACT_VALUE_ERROR, str(error)) from error
    total = len(body.data["items"])
    if done:
        for other in state.children(body.key):
            ex.terminate(state, other)
        ex.complete_later(state, body)
    elif loop.sequential and body.data["next"] < total:
        _start_inner(ex, state, body, element)
    elif body.data["completed"] >= total:
        ex.complete_later(state, body)
