"""The Spiff workflow class the engine runs: variables come from our scopes, not from task data."""

from __future__ import annotations

from typing import Any

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow

from engine.runtime.spiff.script_engine import SCRIPT_ENGINE
from engine.runtime.spiff.specs import SpiffSpec


class EngineWorkflow(BpmnWorkflow):
    """A Spiff workflow that asks our layer for the variables visible from one of its tasks."""

    variables_of: Any = None

    def engine_variables(self, task: Any) -> dict[str, Any]:
        return self.variables_of(task) if self.variables_of is not None else {}


def new_workflow(spiff: SpiffSpec) -> EngineWorkflow:
    return EngineWorkflow(spiff.spec, spiff.subprocess_specs, script_engine=SCRIPT_ENGINE)
