"""SpiffWorkflow configured for Zeebe models: parser, spec classes, FEEL script engine, serializer.

* The parser is Spiff's `BpmnParser` with a `TaskParser` mixin on every node parser: it reads the
  `zeebe:*` extensions into the spec's `extensions`, keeps the XML order of outgoing flows (Zeebe
  evaluates conditions in that order; Spiff would sort them by diagram position), leaves
  multi-instance to our layer, and replaces message, timer, signal and error event definitions by
  `HostEventDefinition`: an event that only fires when our layer says so (Spiff would otherwise
  correlate messages by its own properties, evaluate timers on its own clock and catch errors with
  its own priority).
* Every BPMN element spec is `manual`: `do_engine_steps` runs only Spiff's internal tasks (splits,
  joins of boundary events, start and end bookkeeping); the host enters each element, then runs it.
* Job-like elements (tasks, call activities) are `HostTask`s: the token waits on them until our layer
  completes the element; Spiff then moves it on.
* The script engine routes '='-text to FEEL over our scoped variables and keeps other text literal.
* Specs are serialized once per process version; a workflow's state (task tree, no spec) per instance.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, ClassVar
from uuid import UUID

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
from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.config import DEFAULT_CONFIG
from SpiffWorkflow.bpmn.serializer.default.task_spec import BpmnTaskSpecConverter
from SpiffWorkflow.bpmn.serializer.helpers.spec import EventDefinitionConverter
from SpiffWorkflow.bpmn.specs.defaults import (
    BoundaryEvent,
    EndEvent,
    EventBasedGateway,
    ExclusiveGateway,
    InclusiveGateway,
    IntermediateCatchEvent,
    IntermediateThrowEvent,
    NoneTask,
    ParallelGateway,
    ReceiveTask,
    StartEvent,
    SubWorkflowTask,
)
from SpiffWorkflow.bpmn.specs.event_definitions.base import EventDefinition
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import SubWorkflowTask as SubWorkflowTaskMixin
from SpiffWorkflow.bpmn.util.subworkflow import BpmnSubWorkflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.model.expressions import Expression, ExpressionError
from engine.model.zeebe_extensions import ZEEBE
from engine.runtime.failures import CONDITION_ERROR, Failure, type_name


class HostTask(NoneTask):
    """An activity whose work our layer does (job, user task, script, call, multi-instance body)."""


class HostEventDefinition(EventDefinition):
    """Fires only when our layer sets `event_fired`; never matched by Spiff's own event manager."""

    def catches(self, my_task: Any, event: Any) -> bool:
        return False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HostEventDefinition) and other.name == self.name

    def __hash__(self) -> int:
        return hash(self.name)

    def throw(self, my_task: Any) -> None:
        return None


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


class FeelScriptEngine(PythonScriptEngine):
    """Spiff evaluates only sequence flow conditions here: '='-text is FEEL over our scoped variables."""

    _compiled: ClassVar[dict[str, Expression]] = {}

    def evaluate(self, task: Any, expression: str, external_context: Any = None) -> Any:
        source = expression.strip()
        if not source.startswith("="):
            return expression  # Zeebe's rule: not FEEL, a literal
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = self._compiled[source] = Expression(source)
        variables = task.workflow.top_workflow.engine_variables(task)
        try:
            value = compiled.evaluate(variables)
        except ExpressionError as error:
            raise Failure(CONDITION_ERROR, str(error)) from error
        if value is None:
            return False
        if not isinstance(value, bool):
            raise Failure(
                CONDITION_ERROR,
                f"Expected result of the expression '{source}' to be 'BOOLEAN', but was '{type_name(value)}'.",
            )
        return value

    def execute(self, task: Any, script: str, external_context: Any = None) -> Any:
        raise Failure(CONDITION_ERROR, "scripts are evaluated by the engine, not by SpiffWorkflow")


SCRIPT_ENGINE = FeelScriptEngine()


class EngineWorkflow(BpmnWorkflow):
    """A Spiff workflow that asks our layer for the variables visible from one of its tasks."""

    variables_of: Any = None

    def engine_variables(self, task: Any) -> dict[str, Any]:
        return self.variables_of(task) if self.variables_of is not None else {}


_config = dict(DEFAULT_CONFIG)
_config.update({HostTask: BpmnTaskSpecConverter, HostEventDefinition: EventDefinitionConverter})
_registry = BpmnWorkflowSerializer.configure(_config)


@dataclass
class SpiffSpec:
    spec: Any
    subprocess_specs: dict[str, Any]


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


def spec_to_json(spiff: SpiffSpec) -> str:
    return json.dumps(
        {
            "spec": _registry.convert(spiff.spec),
            "subprocess_specs": {k: _registry.convert(v) for k, v in spiff.subprocess_specs.items()},
        }
    )


def spec_from_json(text: str) -> SpiffSpec:
    dct = json.loads(text)
    spec = _registry.restore(dct["spec"])
    subs = {k: _registry.restore(v) for k, v in dct["subprocess_specs"].items()}
    return SpiffSpec(spec, subs)


def new_workflow(spiff: SpiffSpec) -> EngineWorkflow:
    return EngineWorkflow(spiff.spec, spiff.subprocess_specs, script_engine=SCRIPT_ENGINE)


def _task_to_list(task: Any) -> list[Any]:
    # task data stays empty (variables live in our scopes), so only the tree and states are kept
    return [
        str(task.id),
        str(task._parent) if task._parent is not None else None,
        [str(child) for child in task._children],
        task.state,
        task.task_spec.name,
        task.triggered,
        task.last_state_change,
        _registry.convert(task.internal_data) if task.internal_data else None,
    ]


def _tasks_to_dict(workflow: Any) -> dict[str, Any]:
    return {
        "tasks": [_task_to_list(task) for task in workflow.tasks.values()],
        "root": str(workflow.task_tree.id),
        "last_task": str(workflow.last_task.id) if workflow.last_task is not None else None,
        "success": workflow.success,
        "completed": workflow.completed,
    }


def _restore_tasks(workflow: Any, dct: dict[str, Any]) -> None:
    workflow.tasks = {}
    event_manager = workflow.top_workflow.event_manager
    for task_id, parent, children, state, spec_name, triggered, changed, internal in dct["tasks"]:
        spec = workflow.spec.task_specs.get(spec_name)
        task = Task(workflow, spec, state=state, id=UUID(task_id))
        task._parent = UUID(parent) if parent is not None else None
        task._children = [UUID(child) for child in children]
        task.triggered = triggered
        task.last_state_change = changed
        task.internal_data = _registry.restore(internal) if internal else {}
        if isinstance(spec, CatchingEvent) and task.has_state(TaskState.WAITING):
            event_manager.add_task(task)
    workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
    workflow.success = dct["success"]
    workflow.completed = dct["completed"]
    last = dct["last_task"]
    workflow.last_task = workflow.tasks.get(UUID(last)) if last is not None else None


def state_to_json(workflow: EngineWorkflow) -> str:
    """The instance's state only: task trees of the workflow and its subprocesses, not the spec."""
    dct = _tasks_to_dict(workflow)
    dct["subprocesses"] = {
        str(task_id): {**_tasks_to_dict(sub), "spec": sub.spec.name}
        for task_id, sub in workflow.subprocesses.items()
    }
    return json.dumps(dct, separators=(",", ":"))


def state_from_json(text: str, spiff: SpiffSpec) -> EngineWorkflow:
    dct = json.loads(text)
    workflow = EngineWorkflow(
        spiff.spec, spiff.subprocess_specs, script_engine=SCRIPT_ENGINE, deserializing=True
    )
    _restore_tasks(workflow, dct)
    pending = dict(dct["subprocesses"])
    parents = [workflow]
    while parents:  # parent workflows before their children: a sub-workflow hangs on a parent's task
        current = parents.pop(0)
        for task in list(current.tasks.values()):
            sub_dct = pending.pop(str(task.id), None)
            if sub_dct is None or not isinstance(task.task_spec, SubWorkflowTaskMixin):
                continue
            sub = BpmnSubWorkflow(
                spiff.subprocess_specs[sub_dct["spec"]], task.id, workflow, deserializing=True
            )
            _restore_tasks(sub, sub_dct)
            workflow.subprocesses[task.id] = sub
            sub.completed_event.connect(task.task_spec._on_subworkflow_completed, task)
            parents.append(sub)
    return workflow
