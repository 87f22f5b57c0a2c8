"""Parse BPMN 2.0 XML (with Zeebe's extensions) into process models, rejecting what cannot run."""

from __future__ import annotations

from lxml import etree

from engine.model.elements import (
    SUPPORTED_KINDS,
    Element,
    EventDefinition,
    ProcessModel,
    SequenceFlow,
)
from engine.model.expressions import Expression, InvalidExpression
from engine.model.validation import validate_model
from engine.model.zeebe_extensions import (
    BPMN,
    job_type_for_user_task,
    read_extensions,
    read_loop,
    zeebe_child,
)

IGNORED = frozenset(
    {
        "extensionElements",
        "documentation",
        "laneSet",
        "textAnnotation",
        "association",
        "dataObject",
        "dataObjectReference",
        "dataStoreReference",
        "ioSpecification",
        "property",
        "group",
        "category",
        "incoming",
        "outgoing",
        "multiInstanceLoopCharacteristics",
        "dataInputAssociation",
        "dataOutputAssociation",
    }
)


class InvalidModel(Exception):
    """The resource cannot be deployed; the message names the element and the problem."""


def parse_bpmn(content: bytes, resource_name: str) -> list[ProcessModel]:
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as error:
        raise InvalidModel(f"'{resource_name}': malformed XML: {error}") from error
    if root.tag != f"{{{BPMN}}}definitions":
        raise InvalidModel(f"'{resource_name}': not a BPMN 2.0 document (root element is {root.tag})")
    builder = _Builder(root, resource_name)
    processes = [builder.process(node) for node in root.findall(f"{{{BPMN}}}process")]
    executable = [
        p
        for p, node in zip(processes, root.findall(f"{{{BPMN}}}process"), strict=True)
        if node.get("isExecutable", "false") == "true"
    ]
    if not executable:
        raise InvalidModel(f"'{resource_name}': must contain at least one executable process")
    for model in executable:
        problems = validate_model(model)
        if problems:
            raise InvalidModel(f"'{resource_name}': " + "; ".join(problems))
    return executable


class _Builder:
    def __init__(self, root: etree._Element, resource_name: str) -> None:
        self.resource_name = resource_name
        self.messages = {m.get("id"): m for m in root.iter(f"{{{BPMN}}}message")}
        self.errors = {e.get("id"): e for e in root.iter(f"{{{BPMN}}}error")}
        self.signals = {s.get("id"): s.get("name", "") for s in root.iter(f"{{{BPMN}}}signal")}
        self.elements: dict[str, Element] = {}
        self.flows: dict[str, SequenceFlow] = {}
        self._current_id = ""

    def expr(self, source: str, what: str) -> Expression:
        try:
            return Expression(source)
        except InvalidExpression as error:
            where = f" at position {error.position}" if error.position is not None else ""
            raise InvalidModel(
                f"'{self.resource_name}': element '{self._current_id}': invalid FEEL in {what} "
                f"'{source}'{where}: {error}"
            ) from error

    def process(self, node: etree._Element) -> ProcessModel:
        self.elements, self.flows = {}, {}
        process_id = node.get("id", "")
        if not process_id:
            raise InvalidModel(f"'{self.resource_name}': a process has no id")
        root = Element(id=process_id, kind="process", scope_id="", name=node.get("name"))
        self.elements[process_id] = root
        self._current_id = process_id
        self._scope_children(node, root)
        return ProcessModel(process_id, node.get("name"), self.elements, self.flows)

    def _scope_children(self, node: etree._Element, scope: Element) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue  # comments and processing instructions
            local = etree.QName(child).localname
            if etree.QName(child).namespace != BPMN or local in IGNORED:
                continue
            self._current_id = child.get("id", "?")
            if local == "sequenceFlow":
                self._flow(child)
            elif local in SUPPORTED_KINDS:
                self._element(child, local, scope)
            else:
                raise InvalidModel(
                    f"'{self.resource_name}': element '{child.get('id', '?')}' of type '{local}' is not supported"
                )

    def _flow(self, node: etree._Element) -> None:
        flow_id = node.get("id", "")
        condition = node.find(f"{{{BPMN}}}conditionExpression")
        text = (condition.text or "").strip() if condition is not None else ""
        self.flows[flow_id] = SequenceFlow(
            id=flow_id,
            source=node.get("sourceRef", ""),
            target=node.get("targetRef", ""),
            condition=self.expr(text, "condition") if text else None,
        )

    def _element(self, node: etree._Element, kind: str, scope: Element) -> None:
        element_id = node.get("id", "")
        if not element_id:
            raise InvalidModel(f"'{self.resource_name}': an element of type '{kind}' has no id")
        if element_id in self.elements:
            raise InvalidModel(f"'{self.resource_name}': duplicate element id '{element_id}'")
        element = Element(id=element_id, kind=kind, scope_id=scope.id, name=node.get("name"))
        self.elements[element_id] = element
        element.default_flow = node.get("default")
        element.triggered_by_event = node.get("triggeredByEvent", "false") == "true"
        element.attached_to = node.get("attachedToRef")
        element.cancel_activity = node.get("cancelActivity", "true") != "false"
        element.interrupting = node.get("isInterrupting", "true") != "false"
        element.event = self._event_definition(node, kind)
        read_extensions(node, element, self.expr)
        job_type_for_user_task(element)
        element.loop = read_loop(node, self.expr)
        if element.triggered_by_event:
            scope.event_subprocesses.append(element_id)
        elif kind == "boundaryEvent":
            pass  # registered on the activity in validation (the activity may come later)
        else:
            scope.children.append(element_id)
        if kind == "subProcess":
            self._scope_children(node, element)
            self._current_id = element_id

    def _event_definition(self, node: etree._Element, kind: str) -> EventDefinition | None:
        if not kind.endswith("Event"):
            if kind == "receiveTask":
                return self._message(node.get("messageRef"), node)
            return None
        for child in node:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            if not local.endswith("EventDefinition"):
                continue
            definition = local.removesuffix("EventDefinition")
            if definition == "message":
                return self._message(child.get("messageRef"), node)
            if definition == "timer":
                return self._timer(child)
            if definition == "error":
                return self._error(child.get("errorRef"))
            if definition == "signal":
                name = self.signals.get(child.get("signalRef"), "")
                return EventDefinition(kind="signal", signal_name=self.expr(name, "signal name"))
            return EventDefinition(kind=definition)
        return EventDefinition(kind="none")

    def _message(self, message_ref: str | None, node: etree._Element) -> EventDefinition:
        message = self.messages.get(message_ref)
        if message is None:
            return EventDefinition(kind="message")
        subscription = zeebe_child(message, "subscription")
        key = subscription.get("correlationKey") if subscription is not None else None
        return EventDefinition(
            kind="message",
            message_name=self.expr(message.get("name", ""), "message name"),
            correlation_key=self.expr(key, "correlation key") if key else None,
        )

    def _timer(self, node: etree._Element) -> EventDefinition:
        for timer_kind in ("timeDate", "timeDuration", "timeCycle"):
            child = node.find(f"{{{BPMN}}}{timer_kind}")
            if child is not None:
                text = (child.text or "").strip()
                return EventDefinition(kind="timer", timer_kind=timer_kind, timer=self.expr(text, timer_kind))
        return EventDefinition(kind="timer")

    def _error(self, error_ref: str | None) -> EventDefinition:
        error = self.errors.get(error_ref)
        code = error.get("errorCode") if error is not None else None
        return EventDefinition(kind="error", error_code=code or None)
