"""Token flow: one SpiffWorkflow per process instance decides where tokens go; our layer does the rest.

What SpiffWorkflow does (it is the token-flow interpreter):
  * sequence flows: which element comes after a completed one;
  * gateways: exclusive (conditions in XML order, default flow), parallel and inclusive splits and
    joins (when a join may fire), event-based gateways (which branch the fired event selects);
  * embedded subprocesses and event subprocesses (a sub-workflow each; when one is complete);
  * boundary events (their split/join: an interrupting boundary cancels its activity, the others
    keep it alive), terminate end events (the remaining tokens of the scope are cancelled);
  * the completion of the process instance (no token left).
  Sequence flow conditions reach our FEEL through `FeelScriptEngine` with the variables visible
  from the gateway's element instance.

What our layer does (Zeebe semantics SpiffWorkflow lacks), in SQL inside the command's transaction:
  * element instances with Zeebe keys and records (ACTIVATED, COMPLETED, TERMINATED): each Spiff task
    of a BPMN element that receives a token is bound to one element instance (`internal_data["ek"]`
    and the element instance's `data["t"]`);
  * what an element does on entry: jobs (leases, retries, incidents), native user tasks, FEEL
    scripts, input/output mappings and variable scopes, call activities across process instances,
    multi-instance bodies (Spiff holds the token on the activity while our layer runs the inner
    instances), signal throws;
  * events: message subscriptions and the message buffer, timers and the scheduler, signals; when
    one fires, our layer tells Spiff which waiting task fires (`event_fired`), boundary event or event
    subprocess included. Errors: our layer picks the catcher (a specific code beats a catch-all,
    nearest scope first, across call activities) and fires it in Spiff;
  * incidents: a failing expression leaves the element (and its Spiff task) where it is until resolved.

Why: SpiffWorkflow interprets BPMN token flow well, but ignores zeebe:* extensions, would correlate
messages and catch errors with other rules, and fires timers only on its own clock. Every BPMN element
spec is `manual`, so `do_engine_steps` only runs Spiff's bookkeeping tasks and the host enters and
leaves every element itself, in Zeebe's order, then lets Spiff move the token on (`run`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from SpiffWorkflow.bpmn.specs.control import BoundaryEventSplit, BpmnStartTask
from SpiffWorkflow.bpmn.specs.mixins.events.event_types import CatchingEvent
from SpiffWorkflow.bpmn.specs.mixins.events.intermediate_event import BoundaryEvent
from SpiffWorkflow.bpmn.specs.mixins.events.start_event import StartEvent
from SpiffWorkflow.bpmn.specs.mixins.subworkflow_task import EventSubprocess, SubWorkflowTask
from SpiffWorkflow.bpmn.util.event import BpmnEvent
from SpiffWorkflow.exceptions import WorkflowException
from SpiffWorkflow.util.task import TaskState

from engine.model.instances import ElementInstance, InstanceState
from engine.runtime.failures import CONDITION_ERROR, Failure
from engine.runtime.spiff.workflow import EngineWorkflow

if TYPE_CHECKING:
    from engine.runtime.executor import Executor

NO_MATCH = "Expected at least one condition to evaluate to true, or to have a default flow"


class TokenFlow:
    """The Spiff workflow of one process instance, and what our layer has bound of it."""

    def __init__(self, workflow: EngineWorkflow, state: InstanceState, revision: int = 0) -> None:
        self.workflow = workflow
        self.revision = revision
        self.dirty = False
        self.sync_scheduled = False
        self.pending: dict[str, tuple[dict[str, Any] | None, bool]] = {}
        workflow.variables_of = lambda task: _variables_of(state, task)

    # -- lookups -----------------------------------------------------------------------------

    def task(self, instance: ElementInstance) -> Any:
        task_id = instance.data.get("t")
        return None if task_id is None else self.workflow.get_task_from_id(UUID(task_id))

    def workflow_of(self, scope: ElementInstance) -> Any:
        """The (sub-)workflow holding the tokens of a scope element instance."""
        if scope.element_type == "PROCESS":
            return self.workflow
        task_id = scope.data.get("t")
        return None if task_id is None else self.workflow.subprocesses.get(UUID(task_id))

    def all_tasks(self) -> list[Any]:
        tasks = list(self.workflow.tasks.values())
        for sub in list(self.workflow.subprocesses.values()):
            tasks.extend(sub.tasks.values())
        return tasks


def _variables_of(state: InstanceState, task: Any) -> dict[str, Any]:
    key = task.internal_data.get("ek")
    return state.visible_variables(key if key is not None else state.key)


def bind(
    ex: Executor,
    state: InstanceState,
    task: Any,
    scope: ElementInstance,
    variables: dict[str, Any] | None = None,
    triggered: bool = False,
) -> ElementInstance:
    """Create the element instance of a Spiff task that received a token, and enter it later."""
    element = state.model.elements[task.task_spec.bpmn_id]
    instance = ex.activate(state, element, scope, variables=variables, triggered=triggered)
    instance.data["t"] = str(task.id)
    task.internal_data["ek"] = instance.key
    flow(state).dirty = True
    return instance


def flow(state: InstanceState) -> TokenFlow:
    assert state.flow is not None
    return state.flow


def schedule_sync(ex: Executor, state: InstanceState) -> None:
    f = flow(state)
    f.dirty = True
    if not f.sync_scheduled:
        f.sync_scheduled = True
        ex.later(lambda: sync(ex, state))


def sync(ex: Executor, state: InstanceState) -> None:
    """Let Spiff run its bookkeeping, then mirror what its tasks entered and left."""
    f = flow(state)
    f.sync_scheduled = False
    if not state.is_active:
        return
    workflow = f.workflow
    workflow.do_engine_steps()
    for task in f.all_tasks():
        spec = task.task_spec
        bpmn_id = getattr(spec, "bpmn_id", None)
        if bpmn_id is None:
            continue
        key = task.internal_data.get("ek")
        if key is not None:
            instance = state.active(key)
            if instance is None:
                continue
            if task.state == TaskState.CANCELLED:
                ex.terminate(state, instance)
            elif (
                task.state == TaskState.READY
                and isinstance(spec, SubWorkflowTask)
                and instance.state == "ACTIVATED"
                and instance.data.get("t")
            ):
                ex.complete_later(state, instance)
            continue
        if not _receives_token(task):
            continue
        scope = _scope_of(state, f, task)
        if scope is None or scope.state != "ACTIVATED":
            continue
        variables, triggered = f.pending.pop(bpmn_id, (None, False))
        bind(ex, state, task, scope, variables, triggered)
    root = state.active(state.key)
    if workflow.completed and root is not None and root.state == "ACTIVATED":
        ex.complete_later(state, root)


def _receives_token(task: Any) -> bool:
    spec = task.task_spec
    if isinstance(spec, (BoundaryEvent, EventSubprocess)):
        return False  # subscriptions of our layer; bound when they fire
    if isinstance(spec, StartEvent):
        parent = task.workflow.parent_task_id
        if parent is None:
            return False  # the process's start event is chosen by our layer
        host = task.workflow.top_workflow.get_task_from_id(parent)
        if isinstance(host.task_spec, EventSubprocess):
            return False
        return bool(task.state == TaskState.READY)
    if task.state in (TaskState.READY, TaskState.STARTED):
        return True
    return bool(task.state == TaskState.WAITING and isinstance(spec, CatchingEvent))


def _scope_of(state: InstanceState, f: TokenFlow, task: Any) -> ElementInstance | None:
    parent_id = task.workflow.parent_task_id
    if parent_id is None:
        return state.active(state.key)
    host = f.workflow.get_task_from_id(parent_id)
    key = host.internal_data.get("ek") if host is not None else None
    return state.active(key) if key is not None else None


def advance(ex: Executor, state: InstanceState, instance: ElementInstance) -> None:
    """Our layer completed an element: Spiff moves its token on."""
    f = flow(state)
    task = f.task(instance)
    if task is None:
        return
    run_task(task)
    schedule_sync(ex, state)


def run_task(task: Any) -> None:
    if task.state == TaskState.ERROR:
        task._set_state(TaskState.READY)
    if task.state == TaskState.WAITING:
        task._set_internal_data(event_fired=True)
        task._ready()
    if task.state == TaskState.READY:
        try:
            task.run()
        except Failure:
            raise
        except WorkflowException as error:
            task._set_state(TaskState.READY)
            if "No conditions satisfied" in str(error):
                raise Failure(CONDITION_ERROR, NO_MATCH) from error
            raise
        finally:
            task.internal_data.pop("seen_events", None)


def run_gateway(ex: Executor, state: InstanceState, instance: ElementInstance) -> None:
    """Gateways choose their flows when entered (a failing condition is an incident on entry)."""
    task = flow(state).task(instance)
    if task is None:
        return
    try:
        run_task(task)
    except Failure:
        if task.state == TaskState.ERROR:
            task._set_state(TaskState.READY)
        raise


def start_instance(
    ex: Executor,
    state: InstanceState,
    root: ElementInstance,
    start_id: str,
    variables: dict[str, Any] | None,
    triggered: bool,
) -> None:
    f = flow(state)
    f.workflow.do_engine_steps()
    if state.model.elements[start_id].kind != "startEvent":
        _move_start_token(f.workflow, start_id)
        schedule_sync(ex, state)
        return
    for task in f.workflow.tasks.values():
        if getattr(task.task_spec, "bpmn_id", None) == start_id and task.state in (
            TaskState.READY,
            TaskState.WAITING,
        ):
            bind(ex, state, task, root, variables, triggered)
            return
    raise Failure("EXTRACT_VALUE_ERROR", f"element '{start_id}' cannot start the process")


def _move_start_token(workflow: Any, element_id: str) -> None:
    """A start instruction (Zeebe's `startInstructions`): the token starts at an element, not a start event.

    The process's start events are cancelled before they are entered, and the element's task (or the
    split that arms its boundary events) becomes a READY child of Spiff's start task: from there Spiff
    predicts and moves the token as if it had come along a sequence flow.
    """
    spec = workflow.spec.task_specs[element_id]
    entry = (
        spec.inputs[0] if len(spec.inputs) == 1 and isinstance(spec.inputs[0], BoundaryEventSplit) else spec
    )
    root_start = next(t for t in workflow.tasks.values() if isinstance(t.task_spec, BpmnStartTask))
    for child in list(root_start.children):
        if isinstance(child.task_spec, StartEvent) and child.has_state(TaskState.NOT_FINISHED_MASK):
            child.cancel()
    _give_path(root_start._add_child(entry, TaskState.READY))


def fire_boundary(
    ex: Executor,
    state: InstanceState,
    host: ElementInstance,
    catch_id: str,
    scope: ElementInstance,
    variables: dict[str, Any] | None,
    interrupting: bool,
) -> None:
    """Our layer decided that a boundary event fires: Spiff takes the token from there."""
    f = flow(state)
    host_task = f.task(host)
    split = host_task.parent if host_task is not None else None
    if split is None or not isinstance(split.task_spec, BoundaryEventSplit):
        return
    for child in split.children:
        if getattr(child.task_spec, "bpmn_id", None) == catch_id and child.state == TaskState.WAITING:
            if not interrupting:
                split._add_child(child.task_spec, TaskState.WAITING)  # the event can fire again
            if not child.children:  # a boundary event armed again by our layer has no predicted path
                _give_path(child)
            child._set_internal_data(event_fired=True)
            child._ready()
            bind(ex, state, child, scope, variables, triggered=True)
            return


def _give_path(task: Any) -> None:
    task._sync_children(task.task_spec.outputs, TaskState.FUTURE)
    for child in task.children:
        child.task_spec._predict(child, mask=TaskState.FUTURE | TaskState.PREDICTED_MASK)


def fire_event_gateway(state: InstanceState, gateway: ElementInstance, catch_id: str, variables: Any) -> None:
    f = flow(state)
    task = f.task(gateway)
    if task is None or task.state != TaskState.WAITING:
        return
    outputs = task.task_spec.outputs
    index = next(i for i, spec in enumerate(outputs) if spec.bpmn_id == catch_id)
    event = BpmnEvent(task.task_spec.event_definition.event_definitions[index])
    task.internal_data["seen_events"] = [event]
    task._set_internal_data(event_fired=True)
    task._ready()
    f.pending[catch_id] = (variables, True)
    f.dirty = True


def start_event_subprocess(
    ex: Executor,
    state: InstanceState,
    scope: ElementInstance,
    subprocess: ElementInstance,
    start_id: str,
    variables: dict[str, Any] | None,
    interrupting: bool,
) -> None:
    """Spiff starts the event subprocess in the scope's workflow; interrupting ones cancel its tokens."""
    f = flow(state)
    workflow = f.workflow_of(scope)
    if workflow is None:
        return
    if interrupting:
        for task in list(workflow.tasks.values()):
            if (
                task.task_spec.bpmn_id is not None
                and task.has_state(TaskState.NOT_FINISHED_MASK)
                and task.id in workflow.tasks
            ):
                task.cancel()
    child_id = workflow.spec.start.trigger_wf(workflow.task_tree, subprocess.element_id)
    esp_task = workflow.get_task_from_id(child_id)
    # Spiff leaves a triggered event subprocess without a path to its scope's end: give it one, so
    # that its completion counts in the scope's completion as BPMN (and Zeebe) want
    _give_path(esp_task)
    subprocess.data["t"] = str(esp_task.id)
    esp_task.internal_data["ek"] = subprocess.key
    sub = f.workflow.subprocesses[child_id]
    for task in sub.tasks.values():
        if getattr(task.task_spec, "bpmn_id", None) == start_id:
            task._set_internal_data(event_fired=True)
            task._ready()
            bind(ex, state, task, subprocess, variables, triggered=True)
    schedule_sync(ex, state)
