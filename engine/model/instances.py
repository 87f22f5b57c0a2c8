"""The data of one running process instance: plain records that state loads and writes back, runtime changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.model.elements import ProcessModel

ACTIVE_STATES = frozenset({"ACTIVATING", "ACTIVATED", "COMPLETING"})


@dataclass
class ElementInstance:
    key: int
    process_instance_key: int
    element_id: str
    element_type: str
    flow_scope_key: int | None
    state: str
    started_at: int
    ended_at: int | None = None
    data: dict[str, Any] = field(default_factory=dict)
    is_new: bool = False
    dirty: bool = False

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    def set_state(self, state: str) -> None:
        self.state = state
        self.dirty = True


@dataclass
class Variable:
    key: int
    value: Any
    is_new: bool = False
    dirty: bool = False


@dataclass
class ProcessInstance:
    key: int
    definition_key: int
    bpmn_process_id: str
    version: int
    state: str
    started_at: int
    tenant_id: str
    parent_process_instance_key: int | None = None
    parent_element_instance_key: int | None = None
    start_correlation_key: str | None = None
    ended_at: int | None = None
    is_new: bool = False
    dirty: bool = False


class InstanceState:
    """Element instances and variables of one process instance; the truth lives in SQL."""

    def __init__(self, instance: ProcessInstance, model: ProcessModel) -> None:
        self.instance = instance
        self.model = model
        self.elements: dict[int, ElementInstance] = {}
        self.variables: dict[int, dict[str, Variable]] = {}
        self.flow: Any = None  # engine.runtime.token_flow.TokenFlow

    @property
    def key(self) -> int:
        return self.instance.key

    @property
    def is_active(self) -> bool:
        return self.instance.state == "ACTIVE"

    def add_element(self, element: ElementInstance) -> None:
        self.elements[element.key] = element

    def children(self, scope_key: int) -> list[ElementInstance]:
        return [e for e in self.elements.values() if e.flow_scope_key == scope_key and e.is_active]

    def active(self, key: int) -> ElementInstance | None:
        element = self.elements.get(key)
        return element if element is not None and element.is_active else None

    def scope_chain(self, key: int) -> list[ElementInstance]:
        """The element instance and its flow scopes up to the process, innermost first."""
        chain: list[ElementInstance] = []
        current: int | None = key
        while current is not None:
            element = self.elements.get(current)
            if element is None:
                break
            chain.append(element)
            current = element.flow_scope_key
        return chain

    def visible_variables(self, key: int) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for scope in reversed(self.scope_chain(key)):
            for name, variable in self.variables.get(scope.key, {}).items():
                merged[name] = variable.value
        return merged

    def local_variables(self, key: int) -> dict[str, Any]:
        return {name: v.value for name, v in self.variables.get(key, {}).items()}
