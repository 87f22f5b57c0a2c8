"""Spec classes of the Zeebe dialect: elements whose work, and events whose firing, our layer owns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from SpiffWorkflow.bpmn.specs.defaults import NoneTask
from SpiffWorkflow.bpmn.specs.event_definitions.base import EventDefinition


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


@dataclass
class SpiffSpec:
    spec: Any
    subprocess_specs: dict[str, Any]
