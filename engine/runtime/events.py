"""Catch events: subscriptions opened on entry, triggers, interruption; error and signal throws."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.model.elements import Element
from engine.model.expressions import ExpressionError
from engine.model.instances import ElementInstance, InstanceState
from engine.runtime import token_flow
from engine.runtime.failures import EXTRACT_VALUE_ERROR, Failure, type_name
from engine.runtime.incidents import raise_incident
from engine.runtime.timer_values import TimerValueError, parse_cycle, parse_date, parse_duration
from engine.state import messages as message_table
from engine.state import subscriptions as subscription_table

if TYPE_CHECKING:
    from engine.runtime.executor import Executor

CATCHABLE = frozenset({"message", "timer", "signal"})


def open_boundary_subscriptions(
    ex: Executor, state: InstanceState, instance: ElementInstance, element: Element
) -> None:
    for boundary_id in element.boundary_events:
        boundary = state.model.elements[boundary_id]
        if boundary.event is not None and boundary.event.kind in CATCHABLE:
            _open(
                ex, state, instance, boundary, boundary.cancel_activity, repeat=not boundary.cancel_activity
            )


def open_event_subprocess_subscriptions(
    ex: Executor, state: InstanceState, scope: ElementInstance, element: Element
) -> None:
    for subprocess_id in element.event_subprocesses:
        for start in state.model.start_events(subprocess_id):
            if start.event is not None and start.event.kind in CATCHABLE:
                _open(ex, state, scope, start, start.interrupting, repeat=not start.interrupting)


def open_catch(ex: Executor, state: InstanceState, instance: ElementInstance, element: Element) -> None:
    _open(ex, state, instance, element, interrupting=True, repeat=False)


def open_event_gateway(
    ex: Executor, state: InstanceState, instance: ElementInstance, element: Element
) -> None:
    for flow_id in element.outgoing:
        target = state.model.elements[state.model.flows[flow_id].target]
        _open(ex, state, instance, target, interrupting=True, repeat=False)


def _open(
    ex: Executor,
    state: InstanceState,
    owner: ElementInstance,
    catch: Element,
    interrupting: bool,
    repeat: bool,
) -> None:
    event = catch.event
    assert event is not None
    uow = ex.uow
    context = state.visible_variables(owner.key)
    key = uow.next_key()
    if event.kind == "message":
        assert event.message_name is not None and event.correlation_key is not None
        name = _evaluate(event.message_name, context)
        correlation_key = correlation_key_text(
            _evaluate(event.correlation_key, context), event.correlation_key.source
        )
        subscription_table.insert_message_subscription(
            uow.conn,
            key=key,
            message_name=name,
            correlation_key=correlation_key,
            process_instance_key=state.key,
            element_instance_key=owner.key,
            catch_element_id=catch.id,
            bpmn_process_id=state.instance.bpmn_process_id,
            interrupting=interrupting,
            tenant_id=state.instance.tenant_id,
        )
        uow.record(
            "PROCESS_MESSAGE_SUBSCRIPTION",
            "CREATED",
            key,
            state.key,
            messageName=name,
            correlationKey=correlation_key,
            elementId=catch.id,
            elementInstanceKey=owner.key,
        )
        ex.later(
            lambda: correlate_buffered(ex, state, owner, key, catch.id, name, correlation_key, interrupting)
        )
    elif event.kind == "signal":
        assert event.signal_name is not None
        name = _evaluate(event.signal_name, context)
        subscription_table.insert_signal_subscription(
            uow.conn,
            key=key,
            signal_name=name,
            process_instance_key=state.key,
            element_instance_key=owner.key,
            catch_element_id=catch.id,
            interrupting=interrupting,
        )
    elif event.kind == "timer":
        due, repetitions, interval = timer_schedule(
            event.timer_kind or "", _evaluate(event.timer, context), uow.now
        )
        subscription_table.insert_timer(
            uow.conn,
            key=key,
            due_at=due,
            process_instance_key=state.key,
            element_instance_key=owner.key,
            catch_element_id=catch.id,
            definition_key=state.instance.definition_key,
            repetitions=repetitions if repeat else 1,
            interval=interval,
            interrupting=interrupting,
        )
        uow.record(
            "TIMER", "CREATED", key, state.key, dueDate=due, elementId=catch.id, elementInstanceKey=owner.key
        )
        uow.effects.schedule_changed = True


def timer_schedule(timer_kind: str, value: Any, now: int) -> tuple[int, int, str | None]:
    """(first due instant, repetitions, interval) of a timer definition evaluated now."""
    if not isinstance(value, str):
        raise Failure(EXTRACT_VALUE_ERROR, f"Expected a timer {timer_kind} but found '{type_name(value)}'")
    try:
        if timer_kind == "timeDuration":
            return parse_duration(value).after(now), 1, None
        if timer_kind == "timeDate":
            return parse_date(value), 1, None
        cycle = parse_cycle(value)
        return cycle.first_due(now), cycle.repetitions, cycle.interval
    except TimerValueError as error:
        raise Failure(EXTRACT_VALUE_ERROR, str(error)) from error


def correlation_key_text(value: Any, source: str) -> str:
    if isinstance(value, bool) or value is None or not isinstance(value, str | int | float):
        raise Failure(
            EXTRACT_VALUE_ERROR,
            f"Failed to extract the correlation key for '{source}': The value must be either a string or a "
            f"number, but was '{type_name(value)}'.",
        )
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _evaluate(expression: Any, context: dict[str, Any]) -> Any:
    try:
        return expression.evaluate(context)
    except ExpressionError as error:
        raise Failure(EXTRACT_VALUE_ERROR, str(error)) from error


def close_subscriptions(
    ex: Executor, state: InstanceState, owner: ElementInstance, catch_ids: set[str] | None = None
) -> None:
    for timer_key in subscription_table.close_all_of_element(ex.uow.conn, owner.key, catch_ids):
        ex.uow.record("TIMER", "CANCELED", timer_key, state.key, elementInstanceKey=owner.key)


def correlate_buffered(
    ex: Executor,
    state: InstanceState,
    owner: ElementInstance,
    subscription_key: int,
    catch_id: str,
    name: str,
    correlation_key: str,
    interrupting: bool,
) -> None:
    """A subscription that opens takes the oldest buffered message not yet correlated to this process."""
    if not owner.is_active:
        return
    uow = ex.uow
    message = message_table.oldest_uncorrelated(
        uow.conn, name, correlation_key, state.instance.bpmn_process_id, state.instance.tenant_id, uow.now
    )
    if message is None:
        return
    deliver_message(
        ex, state, owner, subscription_key, catch_id, message["key"], message["variables"], interrupting
    )


def deliver_message(
    ex: Executor,
    state: InstanceState,
    owner: ElementInstance,
    subscription_key: int,
    catch_id: str,
    message_key: int,
    variables_json: str,
    interrupting: bool,
) -> bool:
    import json

    uow = ex.uow
    if not can_trigger(state, owner, catch_id):
        return False
    message_table.mark_correlated(uow.conn, message_key, state.instance.bpmn_process_id)
    if interrupting:
        subscription_table.close_all_of_element(uow.conn, owner.key, {catch_id})
    uow.record(
        "PROCESS_MESSAGE_SUBSCRIPTION",
        "CORRELATED",
        subscription_key,
        state.key,
        messageKey=message_key,
        elementId=catch_id,
        elementInstanceKey=owner.key,
    )
    trigger(ex, state, owner, catch_id, json.loads(variables_json))
    return True


def can_trigger(state: InstanceState, owner: ElementInstance, catch_id: str) -> bool:
    if not state.is_active or owner.state != "ACTIVATED":
        return False
    catch = state.model.elements[catch_id]
    return not (catch.kind == "startEvent" and owner.data.get("interrupted"))


def trigger(
    ex: Executor,
    state: InstanceState,
    owner: ElementInstance,
    catch_id: str,
    variables: dict[str, Any] | None,
) -> None:
    model = state.model
    catch = model.elements[catch_id]
    owner_element = model.elements[owner.element_id]
    if catch.id == owner.element_id:
        close_subscriptions(ex, state, owner)
        ex.complete_later(state, owner, variables)
    elif catch.kind == "boundaryEvent":
        scope = state.elements[owner.flow_scope_key or state.key]
        if catch.cancel_activity:
            ex.terminate(state, owner)
        token_flow.fire_boundary(ex, state, owner, catch.id, scope, variables, catch.cancel_activity)
    elif catch.kind == "startEvent":
        start_event_subprocess(ex, state, owner, catch, variables)
    elif owner_element.kind == "eventBasedGateway":
        close_subscriptions(ex, state, owner)
        owner.set_state("COMPLETED")
        owner.ended_at = ex.uow.now
        ex._record_element(state, owner, "ELEMENT_COMPLETED")
        token_flow.fire_event_gateway(state, owner, catch.id, variables)
        token_flow.advance(ex, state, owner)


def start_event_subprocess(
    ex: Executor,
    state: InstanceState,
    scope: ElementInstance,
    start: Element,
    variables: dict[str, Any] | None,
) -> None:
    model = state.model
    subprocess = model.elements[start.scope_id]
    if start.interrupting:
        for child in state.children(scope.key):
            ex.terminate(state, child)
        scope_element = model.elements[scope.element_id]
        starts = {s.id for sub in scope_element.event_subprocesses for s in model.start_events(sub)}
        close_subscriptions(ex, state, scope, starts)
        scope.data["interrupted"] = True
        scope.dirty = True
    instance = ex.new_element_instance(state, subprocess, scope, subprocess.element_type)
    instance.set_state("ACTIVATED")
    ex._record_element(state, instance, "ELEMENT_ACTIVATED")
    open_event_subprocess_subscriptions(ex, state, instance, subprocess)
    token_flow.start_event_subprocess(ex, state, scope, instance, start.id, variables, start.interrupting)


def terminate_end(ex: Executor, state: InstanceState, instance: ElementInstance) -> None:
    if instance.state != "ACTIVATED":
        return
    scope = state.elements[instance.flow_scope_key or state.key]
    for sibling in state.children(scope.key):
        if sibling.key != instance.key:
            ex.terminate(state, sibling)
    scope.data.pop("joins", None)
    ex.complete(state, instance)


def throw_error_end(ex: Executor, state: InstanceState, instance: ElementInstance, element: Element) -> None:
    if instance.state != "ACTIVATED":
        return
    assert element.event is not None
    code = element.event.error_code or ""
    if not throw_error(ex, state, instance, code, "", None):
        raise_incident(ex.uow, state, instance, "UNHANDLED_ERROR_EVENT", unhandled_message(code, ""))


def unhandled_message(code: str, message: str) -> str:
    return (
        f"Expected to throw an error event with the code '{code}' with message '{message}', but it was not caught. "
        "No error events are available in the scope."
    )


def throw_error(
    ex: Executor,
    state: InstanceState,
    instance: ElementInstance,
    code: str,
    message: str,
    variables: dict[str, Any] | None,
) -> bool:
    """Hand the error to the nearest matching catch event; False when nothing catches it."""
    found = find_error_catch(ex, state, instance, code)
    if found is None:
        return False
    catch_state, host, catch = found
    if catch.kind == "boundaryEvent":
        scope = catch_state.elements[host.flow_scope_key or catch_state.key]
        ex.terminate(catch_state, host)
        token_flow.fire_boundary(ex, catch_state, host, catch.id, scope, variables, True)
    else:
        start_event_subprocess(ex, catch_state, host, catch, variables)
    return True


def find_error_catch(
    ex: Executor, state: InstanceState, instance: ElementInstance, code: str
) -> tuple[InstanceState, ElementInstance, Element] | None:
    current_state, current = state, instance
    while True:
        model = current_state.model
        element = model.elements[current.element_id]
        candidates: list[Element] = []
        is_scope = element.kind in ("process", "subProcess") and current.element_type != "MULTI_INSTANCE_BODY"
        if is_scope and not current.data.get("interrupted"):
            for sub_id in element.event_subprocesses:
                candidates.extend(model.start_events(sub_id))
        if not _is_inner(current_state, current):
            candidates.extend(model.elements[b] for b in element.boundary_events)
        errors = [c for c in candidates if c.event is not None and c.event.kind == "error"]
        for match in [c for c in errors if c.event and c.event.error_code == code] or [
            c for c in errors if c.event and c.event.error_code is None
        ]:
            return current_state, current, match
        if current.flow_scope_key is not None:
            current = current_state.elements[current.flow_scope_key]
            continue
        parent_key = current_state.instance.parent_process_instance_key
        call_key = current_state.instance.parent_element_instance_key
        if parent_key is None or call_key is None:
            return None
        parent = ex.uow.instance(parent_key)
        if parent is None or parent.active(call_key) is None:
            return None
        current_state, current = parent, parent.elements[call_key]


def _is_inner(state: InstanceState, instance: ElementInstance) -> bool:
    scope = state.elements.get(instance.flow_scope_key or -1)
    return (
        scope is not None
        and scope.element_type == "MULTI_INSTANCE_BODY"
        and scope.element_id == instance.element_id
    )


def throw_signal(ex: Executor, state: InstanceState, instance: ElementInstance, element: Element) -> None:
    from engine.runtime.signals import broadcast_signal

    assert element.event is not None and element.event.signal_name is not None
    name = _evaluate(element.event.signal_name, state.visible_variables(instance.key))
    ex.later(lambda: broadcast_signal(ex, str(name), {}, state.instance.tenant_id))
