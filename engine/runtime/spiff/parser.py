"""Spiff's BPMN parser reading Zeebe models: zeebe:* extensions, XML flow order, events left to the host."""

from __future__ import annotations

from typing import Any, ClassVar

from lxml import etree
from SpiffWorkflow.bpmn.parser import BpmnParser
from SpiffWorkflow.bpmn.parser.event_parsers import (
    ERROR_EVENT_XPATH,
    MESSAGE_EVENT_XPATH,
    SIGNAL_EVENT_XPATH,
    TIMER_EVENT_XPATH,
    BoundaryEventParser,
    EndEventParser,
    EventBasedGatewayParser,
    IntermediateCatchEventParser,
    IntermediateThrowEventParser,
    ReceiveTaskParser,
    StartEventParser,
)
from SpiffWorkflow.bpmn.parser.task_parsers import (
    ConditionalGatewayParser,
    GatewayParser,
    SubWorkflowParser,
)
from SpiffWorkflow.bpmn.parser.TaskParser import TaskParser
from SpiffWorkflow.bpmn.parser.util import full_tag
from SpiffWorkflow.bpmn.specs.defaults import (
    BoundaryEvent,
    EndEvent,
    EventBasedGateway,
    ExclusiveGateway,
    InclusiveGateway,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    ParallelGateway,
    ReceiveTask,
    StartEvent,
    SubWorkflowTask,
)

from engine.model.zeebe_extensions import ZEEBE
from engine.runtime.spiff.specs import HostEventDefinition, HostTask, SpiffSpec


class _ZeebeMixin:
    """Reads zeebe:* extensions; keeps the XML order of flows; multi-instance and events go to the host."""

    node: Any
    process_parser: Any
    task: Any

    def parse_extensions(self, node: Any = None) -> dict[str, Any]:
        node = node if node is not None else self.node
        found: dict[str, Any] = {}
        for ext in node.findall("{http://www.omg.org/spec/BPMN/20100524/MODEL}extensionElements"):
            for child in ext:
                if isinstance(child.tag, str) and etree.QName(child).namespace == ZEEBE:
                    found[etree.QName(child).localname] = dict(child.attrib)
        return {"zeebe": found} if found else {}

    def get_position(self, node: Any = None) -> dict[str, float]:
        node = node if node is not None else self.node
        order = self.process_parser.__dict__.setdefault("_zeebe_order", {})
        node_id = node.get("id")
        if node_id not in order:
            order[node_id] = float(len(order))
        return {"x": 0.0, "y": order[node_id]}

    def _add_multiinstance_task(self, loop_characteristics: Any) -> None:
        return None  # zeebe:loopCharacteristics are run by our layer; Spiff holds the token

    def _host(self, event: Any) -> HostEventDefinition:
        kind = etree.QName(event).localname
        return HostEventDefinition(name=f"{kind}:{self.node.get('id')}", description="zeebe")

    def parse_message_event(self, message_event: Any) -> HostEventDefinition:
        return self._host(message_event)

    def parse_timer_event(self, event: Any) -> HostEventDefinition:
        return self._host(event)

    def parse_signal_event(self, signal_event: Any) -> HostEventDefinition:
        return self._host(signal_event)

    def parse_error_event(self, error_event: Any) -> HostEventDefinition:
        return self._host(error_event)

    def parse_escalation_event(self, escalation_event: Any) -> HostEventDefinition:
        return self._host(escalation_event)


def _zeebe(parser_class: type) -> type:
    return type(f"Zeebe{parser_class.__name__}", (_ZeebeMixin, parser_class), {})


class _ReceiveParser(_zeebe(ReceiveTaskParser)):  # type: ignore[misc]
    def create_task(self) -> Any:
        name = f"messageEventDefinition:{self.node.get('id')}"
        return self._create_task(HostEventDefinition(name=name, description="zeebe"))


class _StartParser(_zeebe(StartEventParser)):  # type: ignore[misc]
    """Zeebe's event subprocesses also start on errors; Spiff's start parser ignores error definitions."""

    def create_task(self) -> Any:
        definition = self.get_event_definition(
            [MESSAGE_EVENT_XPATH, SIGNAL_EVENT_XPATH, TIMER_EVENT_XPATH, ERROR_EVENT_XPATH]
        )
        task = self._create_task(definition)
        self.spec.start.connect(task)
        return task


_TASK = _zeebe(TaskParser)


class ZeebeBpmnParser(BpmnParser):
    OVERRIDE_PARSER_CLASSES: ClassVar[dict[str, tuple[type, type]]] = {
        full_tag("startEvent"): (_StartParser, StartEvent),
        full_tag("endEvent"): (_zeebe(EndEventParser), EndEvent),
        full_tag("userTask"): (_TASK, HostTask),
        full_tag("task"): (_TASK, HostTask),
        full_tag("manualTask"): (_TASK, HostTask),
        full_tag("serviceTask"): (_TASK, HostTask),
        full_tag("sendTask"): (_TASK, HostTask),
        full_tag("scriptTask"): (_TASK, HostTask),
        full_tag("businessRuleTask"): (_TASK, HostTask),
        full_tag("callActivity"): (_TASK, HostTask),
        full_tag("subProcess"): (_zeebe(SubWorkflowParser), SubWorkflowTask),
        full_tag("exclusiveGateway"): (_zeebe(ConditionalGatewayParser), ExclusiveGateway),
        full_tag("inclusiveGateway"): (_zeebe(ConditionalGatewayParser), InclusiveGateway),
        full_tag("parallelGateway"): (_zeebe(GatewayParser), ParallelGateway),
        full_tag("intermediateCatchEvent"): (_zeebe(IntermediateCatchEventParser), IntermediateCatchEvent),
        full_tag("intermediateThrowEvent"): (_zeebe(IntermediateThrowEventParser), IntermediateThrowEvent),
        full_tag("boundaryEvent"): (_zeebe(BoundaryEventParser), BoundaryEvent),
        full_tag("receiveTask"): (_ReceiveParser, ReceiveTask),
        full_tag("eventBasedGateway"): (_zeebe(EventBasedGatewayParser), EventBasedGateway),
    }


def _mark_manual(spec: Any) -> None:
    for task_spec in spec.task_specs.values():
        if getattr(task_spec, "bpmn_id", None) is not None:
            task_spec.manual = True


def build_spec(content: bytes, process_id: str, resource_name: str) -> SpiffSpec:
    parser = ZeebeBpmnParser()
    node = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    parser.add_bpmn_xml(node, filename=resource_name)
    spec = parser.get_spec(process_id)
    subprocess_specs = parser.get_subprocess_specs(process_id)
    _mark_manual(spec)
    for sub in subprocess_specs.values():
        _mark_manual(sub)
    return SpiffSpec(spec, subprocess_specs)
