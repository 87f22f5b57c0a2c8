"""The BPMN step processor: element instances are activated, completed and terminated as in Zeebe.

Where tokens go next is SpiffWorkflow's decision (see `engine.runtime.token_flow`): this module
creates the instance's Spiff workflow, enters and leaves the element instances bound to Spiff's
tasks, and hands each completed element back to Spiff. All work of one command is queued and
drained inside the command's transaction, so a long chain of elements that complete at once never
deepens the Python stack.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from engine.model.elements import Element
from engine.model.instances import ElementInstance, InstanceState, ProcessInstance
from engine.runtime import behaviors, events, message_starts, multi_instance, token_flow
from engine.runtime.failures import Failure
from engine.runtime.incidents import cancel_element_side_effects, raise_incident
from engine.runtime.spiff.workflow import new_workflow
from engine.runtime.variables import propagate, set_all_local
from engine.state.definitions import Definition

if TYPE_CHECKING:
    from engine.state.unit_of_work import UnitOfWork

MI_BODY = "MULTI_INSTANCE_BODY"


class Executor:
    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self._queue: deque[Callable[[], None]] = deque()

    def later(self, step: Callable[[], None]) -> None:
        self._queue.append(step)

    def run(self) -> None:
        while self._queue:
            self._queue.popleft()()

    # -- process instances -------------------------------------------------------------------

    def create_process_instance(
        self,
        definition: Definition,
        variables: dict[str, Any],
        *,
        start_element_id: str | None = None,
        parent: tuple[int, int] | None = None,
        start_correlation_key: str | None = None,
        tenant_id: str = "<default>",
        start_triggered: bool = False,
        start_variables: dict[str, Any] | None = None,
    ) -> InstanceState:
        uow = self.uow
        model = definition.model
        key = uow.next_key()
        instance = ProcessInstance(
            key=key,
            definition_key=definition.key,
            bpmn_process_id=definition.bpmn_process_id,
            version=definition.version,
            state="ACTIVE",
            started_at=uow.now,
            tenant_id=tenant_id,
            parent_process_instance_key=parent[0] if parent else None,
            parent_element_instance_key=parent[1] if parent else None,
            start_correlation_key=start_correlation_key,
        )
        state = uow.add_instance(instance, model)
        root = ElementInstance(key, key, model.process_id, "PROCESS", None, "ACTIVATED", uow.now, is_new=True)
        state.add_element(root)
        self._record_element(state, root, "ELEMENT_ACTIVATED")
        set_all_local(uow, state, key, variables)
        start = (
            model.elements[start_element_id] if start_element_id else model.none_start_event(model.process_id)
        )
        if start is None:
            raise Failure("EXTRACT_VALUE_ERROR", f"process '{model.process_id}' has no none start event")
        state.flow = token_flow.TokenFlow(new_workflow(definition.spiff), state)
        state.flow.dirty = True
        try:
            events.open_event_subprocess_subscriptions(self, state, root, model.root)
        except Failure as failure:
            raise_incident(uow, state, root, failure.error_type, failure.message)
            return state
        token_flow.start_instance(self, state, root, start.id, start_variables, start_triggered)
        return state

    def cancel_process_instance(self, state: InstanceState) -> None:
        root = state.active(state.key)
        if root is not None:
            self.terminate(state, root)
        self._finish_process(state, "TERMINATED")

    # -- element lifecycle -------------------------------------------------------------------

    def new_element_instance(
        self, state: InstanceState, element: Element, scope: ElementInstance, element_type: str
    ) -> ElementInstance:
        key = self.uow.next_key()
        instance = ElementInstance(
            key, state.key, element.id, element_type, scope.key, "ACTIVATING", self.uow.now, is_new=True
        )
        state.add_element(instance)
        return instance

    def activate(
        self,
        state: InstanceState,
        element: Element,
        scope: ElementInstance,
        *,
        variables: dict[str, Any] | None = None,
        triggered: bool = False,
        inner: bool = False,
    ) -> ElementInstance:
        """Create the element instance now (so it counts as a token) and enter it in a later step."""
        element_type = MI_BODY if element.loop is not None and not inner else element.element_type
        instance = self.new_element_instance(state, element, scope, element_type)
        self.later(lambda: self.enter(state, instance, variables, triggered))
        return instance

    def enter(
        self,
        state: InstanceState,
        instance: ElementInstance,
        variables: dict[str, Any] | None,
        triggered: bool,
    ) -> None:
        if instance.state != "ACTIVATING" or not state.is_active:
            return
        element = state.model.elements[instance.element_id]
        try:
            if instance.element_type == MI_BODY:
                multi_instance.enter_body(self, state, instance, element)
            else:
                behaviors.enter(self, state, instance, element, variables, triggered)
        except Failure as failure:
            from engine.state.subscriptions import close_all_of_element

            close_all_of_element(self.uow.conn, instance.key)
            instance.set_state("ACTIVATING")
            raise_incident(self.uow, state, instance, failure.error_type, failure.message)
            return
        self._record_element(state, instance, "ELEMENT_ACTIVATED")

    def complete_later(
        self,
        state: InstanceState,
        instance: ElementInstance,
        variables: dict[str, Any] | None = None,
        outgoing: list[str] | None = None,
    ) -> None:
        self.later(lambda: self.complete(state, instance, variables, outgoing))

    def complete(
        self,
        state: InstanceState,
        instance: ElementInstance,
        variables: dict[str, Any] | None = None,
        outgoing: list[str] | None = None,
    ) -> None:
        if not instance.is_active or not state.is_active:
            return
        element = state.model.elements[instance.element_id]
        instance.set_state("COMPLETING")
        try:
            behaviors.apply_completion_variables(self, state, instance, element, variables)
        except Failure as failure:
            raise_incident(self.uow, state, instance, failure.error_type, failure.message)
            return
        if behaviors.owns_subscriptions(element, instance):
            events.close_subscriptions(self, state, instance)
        instance.set_state("COMPLETED")
        instance.ended_at = self.uow.now
        self._record_element(state, instance, "ELEMENT_COMPLETED")
        self._continue_after(state, instance, element, outgoing)

    def _continue_after(
        self, state: InstanceState, instance: ElementInstance, element: Element, outgoing: list[str] | None
    ) -> None:
        if instance.element_type == "PROCESS":
            self._finish_process(state, "COMPLETED")
            return
        scope = state.elements[instance.flow_scope_key or state.key]
        if scope.element_type == MI_BODY and scope.element_id == instance.element_id:
            try:
                multi_instance.inner_completed(self, state, scope, instance, element)
            except Failure as failure:
                raise_incident(self.uow, state, scope, failure.error_type, failure.message)
            return
        token_flow.advance(self, state, instance)

    def terminate(self, state: InstanceState, instance: ElementInstance) -> None:
        for child in state.children(instance.key):
            self.terminate(state, child)
        element = state.model.elements[instance.element_id]
        cancel_element_side_effects(self, state, instance, element)
        instance.set_state("TERMINATED")
        instance.ended_at = self.uow.now
        self._record_element(state, instance, "ELEMENT_TERMINATED")

    # -- process end -------------------------------------------------------------------------

    def _finish_process(self, state: InstanceState, outcome: str) -> None:
        instance = state.instance
        if instance.state != "ACTIVE":
            return
        instance.state = outcome
        instance.ended_at = self.uow.now
        instance.dirty = True
        self.uow.effects.finished_instances[instance.key] = outcome
        if outcome == "COMPLETED":
            self.uow.effects.results[instance.key] = state.local_variables(state.key)
        if instance.start_correlation_key:
            self.later(lambda: message_starts.start_buffered(self, state))
        if outcome != "COMPLETED" or instance.parent_process_instance_key is None:
            return
        parent = self.uow.instance(instance.parent_process_instance_key)
        if parent is None or instance.parent_element_instance_key is None:
            return
        call = parent.active(instance.parent_element_instance_key)
        if call is None or call.state != "ACTIVATED":
            return
        element = parent.model.elements[call.element_id]
        child_variables = state.local_variables(state.key)
        carried = child_variables if (element.outputs or element.propagate_all_child_variables) else None
        self.complete_later(parent, call, carried)

    def _record_element(self, state: InstanceState, instance: ElementInstance, intent: str) -> None:
        self.uow.record(
            "PROCESS_INSTANCE",
            intent,
            instance.key,
            state.key,
            bpmnProcessId=state.instance.bpmn_process_id,
            processDefinitionKey=state.instance.definition_key,
            version=state.instance.version,
            elementId=instance.element_id,
            bpmnElementType=instance.element_type,
            flowScopeKey=instance.flow_scope_key if instance.flow_scope_key is not None else -1,
            parentProcessInstanceKey=state.instance.parent_process_instance_key or -1,
        )

    def merge_from_scope(self, state: InstanceState, scope_key: int, values: dict[str, Any]) -> None:
        propagate(self.uow, state, scope_key, values)
