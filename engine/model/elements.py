"""The in-memory model of one executable process, as the runtime needs it."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.model.expressions import Expression

ACTIVITY_KINDS = frozenset(
    {
        "task",
        "serviceTask",
        "sendTask",
        "receiveTask",
        "scriptTask",
        "userTask",
        "manualTask",
        "businessRuleTask",
        "subProcess",
        "callActivity",
    }
)
GATEWAY_KINDS = frozenset({"exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway"})
EVENT_KINDS = frozenset(
    {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
)
SUPPORTED_KINDS = ACTIVITY_KINDS | GATEWAY_KINDS | EVENT_KINDS

# Zeebe's BpmnElementType names, used in records and REST answers.
ELEMENT_TYPES = {
    "process": "PROCESS",
    "task": "TASK",
    "serviceTask": "SERVICE_TASK",
    "sendTask": "SEND_TASK",
    "receiveTask": "RECEIVE_TASK",
    "scriptTask": "SCRIPT_TASK",
    "userTask": "USER_TASK",
    "manualTask": "MANUAL_TASK",
    "businessRuleTask": "BUSINESS_RULE_TASK",
    "subProcess": "SUB_PROCESS",
    "eventSubProcess": "EVENT_SUB_PROCESS",
    "callActivity": "CALL_ACTIVITY",
    "exclusiveGateway": "EXCLUSIVE_GATEWAY",
    "parallelGateway": "PARALLEL_GATEWAY",
    "inclusiveGateway": "INCLUSIVE_GATEWAY",
    "eventBasedGateway": "EVENT_BASED_GATEWAY",
    "startEvent": "START_EVENT",
    "endEvent": "END_EVENT",
    "intermediateCatchEvent": "INTERMEDIATE_CATCH_EVENT",
    "intermediateThrowEvent": "INTERMEDIATE_THROW_EVENT",
    "boundaryEvent": "BOUNDARY_EVENT",
    "multiInstanceBody": "MULTI_INSTANCE_BODY",
}


@dataclass
class EventDefinition:
    kind: str  # none | message | timer | error | signal | terminate | escalation | link | compensate
    message_name: Expression | None = None
    correlation_key: Expression | None = None
    timer_kind: str | None = None  # timeDate | timeDuration | timeCycle
    timer: Expression | None = None
    error_code: str | None = None  # None on a catch event: catches every error
    signal_name: Expression | None = None


@dataclass
class Mapping:
    source: Expression
    target: str


@dataclass
class UserTaskSpec:
    native: bool
    assignee: Expression | None = None
    candidate_groups: Expression | None = None
    candidate_users: Expression | None = None
    due_date: Expression | None = None
    follow_up_date: Expression | None = None
    priority: Expression | None = None
    form_id: str | None = None
    form_key: str | None = None
    external_reference: Expression | None = None


@dataclass
class LoopSpec:
    sequential: bool
    input_collection: Expression | None
    input_element: str | None
    output_collection: str | None
    output_element: Expression | None
    completion_condition: Expression | None


@dataclass
class Element:
    id: str
    kind: str
    scope_id: str
    name: str | None = None
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)
    event: EventDefinition | None = None
    job_type: Expression | None = None
    job_retries: Expression | None = None
    headers: dict[str, str] = field(default_factory=dict)
    inputs: list[Mapping] = field(default_factory=list)
    outputs: list[Mapping] = field(default_factory=list)
    called_process_id: Expression | None = None
    propagate_all_child_variables: bool = True
    propagate_all_parent_variables: bool = True
    script: Expression | None = None
    result_variable: str | None = None
    called_decision: str | None = None
    user_task: UserTaskSpec | None = None
    loop: LoopSpec | None = None
    attached_to: str | None = None
    cancel_activity: bool = True
    interrupting: bool = True
    default_flow: str | None = None
    triggered_by_event: bool = False
    children: list[str] = field(default_factory=list)
    boundary_events: list[str] = field(default_factory=list)
    event_subprocesses: list[str] = field(default_factory=list)

    @property
    def element_type(self) -> str:
        if self.kind == "subProcess" and self.triggered_by_event:
            return ELEMENT_TYPES["eventSubProcess"]
        return ELEMENT_TYPES[self.kind]

    @property
    def is_scope(self) -> bool:
        return self.kind in ("process", "subProcess")


@dataclass
class SequenceFlow:
    id: str
    source: str
    target: str
    condition: Expression | None = None


@dataclass
class ProcessModel:
    process_id: str
    name: str | None
    elements: dict[str, Element]
    flows: dict[str, SequenceFlow]

    @property
    def root(self) -> Element:
        return self.elements[self.process_id]

    def start_events(self, scope_id: str) -> list[Element]:
        scope = self.elements[scope_id]
        return [self.elements[c] for c in scope.children if self.elements[c].kind == "startEvent"]

    def none_start_event(self, scope_id: str) -> Element | None:
        for start in self.start_events(scope_id):
            if start.event is None or start.event.kind == "none":
                return start
        return None
