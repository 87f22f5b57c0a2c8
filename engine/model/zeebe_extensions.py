"""Reading Zeebe's `zeebe:*` extension elements of one BPMN element."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from engine.model.elements import Element, LoopSpec, Mapping, UserTaskSpec
from engine.model.expressions import Expression

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
ZEEBE = "http://camunda.org/schema/zeebe/1.0"
JOB_USER_TASK_TYPE = "io.camunda.zeebe:userTask"

ExpressionFactory = Callable[[str, str], Expression]  # (source, what) -> Expression


def zeebe_children(node: etree._Element, local_name: str) -> list[etree._Element]:
    found: list[etree._Element] = []
    for ext in node.findall(f"{{{BPMN}}}extensionElements"):
        found.extend(ext.findall(f"{{{ZEEBE}}}{local_name}"))
    return found


def zeebe_child(node: etree._Element, local_name: str) -> etree._Element | None:
    children = zeebe_children(node, local_name)
    return children[0] if children else None


def read_extensions(node: etree._Element, element: Element, expr: ExpressionFactory) -> None:
    """Fill `element` with what its zeebe:* extensions say."""
    task = zeebe_child(node, "taskDefinition")
    if task is not None:
        element.job_type = expr(task.get("type", ""), "job type")
        element.job_retries = expr(task.get("retries", "3"), "job retries")
    for header in zeebe_children(node, "taskHeaders"):
        for item in header.findall(f"{{{ZEEBE}}}header"):
            element.headers[item.get("key", "")] = item.get("value", "")
    for io in zeebe_children(node, "ioMapping"):
        for item in io.findall(f"{{{ZEEBE}}}input"):
            element.inputs.append(_mapping(item, expr))
        for item in io.findall(f"{{{ZEEBE}}}output"):
            element.outputs.append(_mapping(item, expr))
    called = zeebe_child(node, "calledElement")
    if called is not None:
        element.called_process_id = expr(called.get("processId", ""), "called process id")
        element.propagate_all_child_variables = called.get("propagateAllChildVariables", "true") != "false"
        element.propagate_all_parent_variables = called.get("propagateAllParentVariables", "true") != "false"
    script = zeebe_child(node, "script")
    if script is not None:
        element.script = expr(script.get("expression", ""), "script expression")
        element.result_variable = script.get("resultVariable")
    decision = zeebe_child(node, "calledDecision")
    if decision is not None:
        element.called_decision = decision.get("decisionId", "")
        element.result_variable = decision.get("resultVariable")
    if element.kind == "userTask":
        element.user_task = _user_task(node, expr)


def _mapping(item: etree._Element, expr: ExpressionFactory) -> Mapping:
    source = item.get("source") or "=null"
    target = item.get("target", "")
    return Mapping(source=expr(source, f"mapping to '{target}'"), target=target)


def _user_task(node: etree._Element, expr: ExpressionFactory) -> UserTaskSpec:
    spec = UserTaskSpec(native=zeebe_child(node, "userTask") is not None)

    def optional(attribute: str | None, what: str) -> Expression | None:
        return expr(attribute, what) if attribute else None

    assignment = zeebe_child(node, "assignmentDefinition")
    if assignment is not None:
        spec.assignee = optional(assignment.get("assignee"), "assignee")
        spec.candidate_groups = optional(assignment.get("candidateGroups"), "candidate groups")
        spec.candidate_users = optional(assignment.get("candidateUsers"), "candidate users")
    schedule = zeebe_child(node, "taskSchedule")
    if schedule is not None:
        spec.due_date = optional(schedule.get("dueDate"), "due date")
        spec.follow_up_date = optional(schedule.get("followUpDate"), "follow-up date")
    priority = zeebe_child(node, "priorityDefinition")
    if priority is not None:
        spec.priority = optional(priority.get("priority"), "priority")
    form = zeebe_child(node, "formDefinition")
    if form is not None:
        spec.form_id = form.get("formId")
        spec.form_key = form.get("formKey")
        spec.external_reference = optional(form.get("externalReference"), "external form reference")
    return spec


def read_loop(node: etree._Element, expr: ExpressionFactory) -> LoopSpec | None:
    loop = node.find(f"{{{BPMN}}}multiInstanceLoopCharacteristics")
    if loop is None:
        return None
    zeebe = zeebe_child(loop, "loopCharacteristics")
    attrs = dict(zeebe.attrib) if zeebe is not None else {}
    condition = loop.find(f"{{{BPMN}}}completionCondition")
    condition_text = (condition.text or "").strip() if condition is not None else ""
    output_element = attrs.get("outputElement")
    return LoopSpec(
        sequential=loop.get("isSequential", "false") == "true",
        input_collection=expr(attrs["inputCollection"], "input collection")
        if attrs.get("inputCollection")
        else None,
        input_element=attrs.get("inputElement") or None,
        output_collection=attrs.get("outputCollection") or None,
        output_element=expr(output_element, "output element") if output_element else None,
        completion_condition=expr(condition_text, "completion condition") if condition_text else None,
    )


def job_type_for_user_task(element: Element) -> None:
    """Job-based user tasks are jobs of Zeebe's reserved type, with its reserved headers."""
    spec = element.user_task
    if spec is None or spec.native:
        return
    headers = element.headers
    if spec.form_key:
        headers["io.camunda.zeebe:formKey"] = spec.form_key
    for attr, header in (
        ("assignee", "io.camunda.zeebe:assignee"),
        ("candidate_groups", "io.camunda.zeebe:candidateGroups"),
        ("candidate_users", "io.camunda.zeebe:candidateUsers"),
        ("due_date", "io.camunda.zeebe:dueDate"),
        ("follow_up_date", "io.camunda.zeebe:followUpDate"),
    ):
        value = getattr(spec, attr)
        if value is not None:
            headers[header] = value.source  # evaluated when the job is created
    element.job_type = Expression(JOB_USER_TASK_TYPE)
    element.job_retries = Expression("1")
