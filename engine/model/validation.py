"""Deploy-time checks that Zeebe makes, so that a model that cannot run is rejected as a whole."""

from __future__ import annotations

from engine.model.elements import ACTIVITY_KINDS, Element, ProcessModel

JOB_KINDS = frozenset({"serviceTask", "sendTask", "businessRuleTask", "scriptTask"})
SUPPORTED_EVENTS = frozenset({"none", "message", "timer", "error", "signal", "terminate"})


def validate_model(model: ProcessModel) -> list[str]:
    problems: list[str] = []
    _link_flows(model, problems)
    _link_boundaries(model, problems)
    for element in model.elements.values():
        problems.extend(f"element '{element.id}': {p}" for p in _check(model, element))
    if not model.start_events(model.process_id):
        problems.append(f"process '{model.process_id}': must have at least one start event")
    return problems


def _link_flows(model: ProcessModel, problems: list[str]) -> None:
    for flow in model.flows.values():
        source, target = model.elements.get(flow.source), model.elements.get(flow.target)
        if source is None or target is None:
            problems.append(f"sequence flow '{flow.id}': source or target does not exist")
            continue
        if source.scope_id != target.scope_id:
            problems.append(f"sequence flow '{flow.id}': connects elements of different scopes")
            continue
        source.outgoing.append(flow.id)
        target.incoming.append(flow.id)


def _link_boundaries(model: ProcessModel, problems: list[str]) -> None:
    for element in model.elements.values():
        if element.kind != "boundaryEvent":
            continue
        host = model.elements.get(element.attached_to or "")
        if host is None or host.kind not in ACTIVITY_KINDS:
            problems.append(f"element '{element.id}': must be attached to an activity")
            continue
        host.boundary_events.append(element.id)


def _check(model: ProcessModel, element: Element) -> list[str]:
    problems: list[str] = []
    event = element.event
    kind = element.kind
    if event is not None and event.kind not in SUPPORTED_EVENTS:
        problems.append(f"event definition '{event.kind}' is not supported")
        return problems
    if element.default_flow and element.default_flow not in element.outgoing:
        problems.append(f"default flow '{element.default_flow}' is not an outgoing flow")
    has_job = element.job_type is not None and bool(element.job_type.source)
    if kind in JOB_KINDS and not (element.script or element.called_decision) and not has_job:
        problems.append("must have a 'zeebe:taskDefinition' with a job type")
    is_message_throw = (
        kind in ("endEvent", "intermediateThrowEvent") and event is not None and event.kind == "message"
    )
    if is_message_throw and not has_job:
        problems.append("a message throw event must have a 'zeebe:taskDefinition' with a job type")
    if element.user_task is not None and not element.user_task.native and element.job_type is None:
        problems.append("user task has no job definition")
    if kind == "callActivity" and (element.called_process_id is None or not element.called_process_id.source):
        problems.append("must have a 'zeebe:calledElement' with a process id")
    if (
        event is not None
        and event.kind == "message"
        and kind != "endEvent"
        and kind != "intermediateThrowEvent"
    ):
        problems.extend(_check_message_catch(model, element))
    if kind == "receiveTask":
        problems.extend(_check_message_catch(model, element))
    if event is not None and event.kind == "timer" and (event.timer is None or not event.timer.source):
        problems.append("a timer must have a timeDate, timeDuration or timeCycle")
    if kind == "endEvent" and event is not None and event.kind == "error" and not event.error_code:
        problems.append("an error end event must reference an error with an error code")
    if kind in ("exclusiveGateway", "inclusiveGateway") and len(element.outgoing) > 1:
        for flow_id in element.outgoing:
            if flow_id != element.default_flow and model.flows[flow_id].condition is None:
                problems.append(f"outgoing flow '{flow_id}' must have a condition or be the default flow")
    if kind == "eventBasedGateway":
        problems.extend(_check_event_gateway(model, element))
    if element.is_scope and kind == "subProcess":
        problems.extend(_check_subprocess(model, element))
    if element.loop is not None and element.loop.input_collection is None:
        problems.append("multi-instance must have an input collection")
    is_process_start = kind == "startEvent" and element.scope_id == model.process_id and event is not None
    if is_process_start and event is not None and event.kind not in ("none", "message", "timer", "signal"):
        problems.append(f"a process start event cannot be of type '{event.kind}'")
    return problems


def _check_message_catch(model: ProcessModel, element: Element) -> list[str]:
    event = element.event
    if event is None or event.message_name is None or not event.message_name.source:
        return ["must reference a message with a name"]
    is_process_start = element.kind == "startEvent" and element.scope_id == model.process_id
    if not is_process_start and event.correlation_key is None:
        return ["the message must have a 'zeebe:subscription' with a correlationKey"]
    return []


def _check_event_gateway(model: ProcessModel, element: Element) -> list[str]:
    if len(element.outgoing) < 2:
        return ["an event-based gateway must have at least two outgoing flows"]
    for flow_id in element.outgoing:
        target = model.elements[model.flows[flow_id].target]
        catch = target.kind == "intermediateCatchEvent" or target.kind == "receiveTask"
        if not catch or target.event is None or target.event.kind not in ("message", "timer", "signal"):
            return [f"target of '{flow_id}' must be a message, timer or signal catch event"]
    return []


def _check_subprocess(model: ProcessModel, element: Element) -> list[str]:
    starts = model.start_events(element.id)
    if element.triggered_by_event:
        if len(starts) != 1 or starts[0].event is None or starts[0].event.kind == "none":
            return ["an event subprocess must have exactly one start event with an event definition"]
        return []
    if len(starts) != 1 or (starts[0].event is not None and starts[0].event.kind != "none"):
        return ["an embedded subprocess must have exactly one none start event"]
    return []
