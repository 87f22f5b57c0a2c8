"""Which elements can still send a token to an inclusive join (for its 'wait for every path' rule)."""

from __future__ import annotations

from engine.model.elements import ProcessModel


def upstream_elements(model: ProcessModel) -> dict[str, frozenset[str]]:
    """For each element with incoming flows: the ids of the elements from which it can be reached."""
    predecessors: dict[str, set[str]] = {element_id: set() for element_id in model.elements}
    for flow in model.flows.values():
        predecessors.setdefault(flow.target, set()).add(flow.source)
    for element in model.elements.values():
        if element.attached_to:  # a boundary event is reached through the activity it is attached to
            predecessors[element.id].add(element.attached_to)
    result: dict[str, frozenset[str]] = {}
    for element in model.elements.values():
        if element.kind != "inclusiveGateway" or len(element.incoming) < 2:
            continue
        for flow_id in element.incoming:
            source = model.flows[flow_id].source
            result[source] = _reaching(source, predecessors, stop=element.id)
    return result


def _reaching(start: str, predecessors: dict[str, set[str]], stop: str) -> frozenset[str]:
    seen = {start}
    pending = [start]
    while pending:
        current = pending.pop()
        for previous in predecessors.get(current, ()):
            if previous not in seen and previous != stop:
                seen.add(previous)
                pending.append(previous)
    return frozenset(seen)
