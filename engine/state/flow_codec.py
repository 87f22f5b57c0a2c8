"""What state needs from the runtime to keep executable specs and token flows: text in, objects out.

The tables hold a process version's compiled spec and each instance's token flow as JSON; only the
runtime knows the objects behind that JSON (SpiffWorkflow's), so it hands state a codec instead of
state importing it.
"""

from __future__ import annotations

from typing import Any, Protocol

from engine.model.instances import InstanceState


class FlowCodec(Protocol):
    def build_spec(self, content: bytes, process_id: str, resource_name: str) -> Any:
        """The executable spec of one process of a deployed BPMN resource."""

    def spec_from_json(self, text: str) -> Any:
        """A spec stored at deployment, restored without parsing the BPMN again."""

    def flow_from_json(self, text: str, spec: Any) -> Any:
        """An instance's workflow restored from its stored state against its process's spec."""

    def flow_to_json(self, workflow: Any) -> str:
        """An instance's workflow state (never its spec), as stored."""

    def attach(self, workflow: Any, state: InstanceState, revision: int) -> Any:
        """The token flow that drives `state` with `workflow`, set as `state.flow`."""
