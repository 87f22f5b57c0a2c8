"""Read the renewal model and its forms for the tests: elements, zeebe extensions, DI."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contracts.process import PROCESS_ID

REPO = Path(__file__).resolve().parents[2]
BPMN_DIR = REPO / "bpmn"
MODEL_PATH = BPMN_DIR / f"{PROCESS_ID}.bpmn"
FORMS_DIR = BPMN_DIR / "forms"

NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
    "zeebe": "http://camunda.org/schema/zeebe/1.0",
    "modeler": "http://camunda.org/schema/modeler/1.0",
}
BPMN = "{" + NS["bpmn"] + "}"
FLOW_NODE_TAGS = {
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
    "serviceTask",
    "userTask",
    "scriptTask",
    "sendTask",
    "receiveTask",
    "subProcess",
    "exclusiveGateway",
    "eventBasedGateway",
    "parallelGateway",
    "inclusiveGateway",
}


@dataclass
class Element:
    id: str
    tag: str
    name: str | None
    xml: ET.Element
    documentation: str = ""
    job_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def load_model(path: Path = MODEL_PATH) -> ET.Element:
    return ET.parse(path).getroot()


def process(root: ET.Element) -> ET.Element:
    found = root.find("bpmn:process", NS)
    assert found is not None
    return found


def elements(root: ET.Element) -> dict[str, Element]:
    """Every flow node of the process, subprocesses included, by id."""
    result: dict[str, Element] = {}
    for node in process(root).iter():
        tag = local(node.tag)
        if not node.tag.startswith(BPMN) or tag not in FLOW_NODE_TAGS:
            continue
        doc = node.find("bpmn:documentation", NS)
        task = node.find("bpmn:extensionElements/zeebe:taskDefinition", NS)
        headers = {
            h.get("key", ""): h.get("value", "")
            for h in node.findall("bpmn:extensionElements/zeebe:taskHeaders/zeebe:header", NS)
        }
        result[node.get("id", "")] = Element(
            id=node.get("id", ""),
            tag=tag,
            name=node.get("name"),
            xml=node,
            documentation=(doc.text or "") if doc is not None else "",
            job_type=task.get("type") if task is not None else None,
            headers=headers,
        )
    return result


def sequence_flows(root: ET.Element) -> list[ET.Element]:
    return [n for n in process(root).iter(f"{BPMN}sequenceFlow")]


def messages(root: ET.Element) -> dict[str, tuple[str, str | None]]:
    """Message id -> (name, correlation key expression)."""
    found = {}
    for msg in root.findall("bpmn:message", NS):
        sub = msg.find("bpmn:extensionElements/zeebe:subscription", NS)
        found[msg.get("id", "")] = (
            msg.get("name", ""),
            sub.get("correlationKey") if sub is not None else None,
        )
    return found


def load_forms() -> dict[Path, dict[str, Any]]:
    return {path: json.loads(path.read_text(encoding="utf-8")) for path in sorted(FORMS_DIR.glob("*.form"))}


def form_components(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Components, nested ones (groups, dynamic lists) included."""
    flat = []
    for component in components:
        flat.append(component)
        flat += form_components(component.get("components", []))
    return flat
