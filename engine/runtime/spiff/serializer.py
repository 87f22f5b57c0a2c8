"""JSON of specs (once per process version) and of workflow states (task trees only, per instance).

Spiff's own serializer writes the spec with every workflow; here a state holds only its task trees
and is restored against the spec kept in memory, which keeps each step's cost flat as models grow.
"""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.serializer.config import DEFAULT_CONFIG
from SpiffWorkflow.bpmn.serializer.default.task_spec import BpmnTaskSpecConverter
from SpiffWorkflow.bpmn.serializer.helpers.spec import EventDefinitionConverter
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import SubWorkflowTask as SubWorkflowTaskMixin
from SpiffWorkflow.bpmn.util.subworkflow import BpmnSubWorkflow
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.runtime.spiff.script_engine import SCRIPT_ENGINE
from engine.runtime.spiff.specs import HostEventDefinition, HostTask, SpiffSpec
from engine.runtime.spiff.workflow import EngineWorkflow
from engine.state import json_text

_config = dict(DEFAULT_CONFIG)
_config.update({HostTask: BpmnTaskSpecConverter, HostEventDefinition: EventDefinitionConverter})
_registry = BpmnWorkflowSerializer.configure(_config)


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
    return json_text.dumps(dct)


def state_from_json(text: str, spiff: SpiffSpec) -> EngineWorkflow:
    dct = json_text.loads(text)
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
