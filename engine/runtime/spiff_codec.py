"""The runtime's side of `FlowCodec`: SpiffWorkflow specs and workflows to JSON and back."""

from __future__ import annotations

from typing import Any

from engine.model.instances import InstanceState
from engine.runtime.spiff.parser import build_spec
from engine.runtime.spiff.serializer import spec_from_json, state_from_json, state_to_json
from engine.runtime.spiff.specs import SpiffSpec
from engine.runtime.spiff.workflow import EngineWorkflow
from engine.runtime.token_flow import TokenFlow


class SpiffFlowCodec:
    """Handed to `DefinitionCache` at start-up so state stores Spiff objects without importing Spiff."""

    def build_spec(self, content: bytes, process_id: str, resource_name: str) -> SpiffSpec:
        return build_spec(content, process_id, resource_name)

    def spec_from_json(self, text: str) -> SpiffSpec:
        return spec_from_json(text)

    def flow_from_json(self, text: str, spec: Any) -> EngineWorkflow:
        return state_from_json(text, spec)

    def flow_to_json(self, workflow: Any) -> str:
        return state_to_json(workflow)

    def attach(self, workflow: Any, state: InstanceState, revision: int) -> TokenFlow:
        return TokenFlow(workflow, state, revision)
