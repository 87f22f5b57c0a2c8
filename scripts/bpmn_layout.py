"""A small BPMN writer with explicit coordinates, used to draw `bpmn/*.bpmn` once.

The committed XML is the source of truth: process owners edit it in Camunda Modeler. This module
and `scripts/generate_renewal_bpmn.py` only exist so the first layout is computed (no overlaps,
orthogonal edges with waypoints) instead of hand-placed, and can be redrawn while the model is
young. `check_layout` refuses a drawing where two shapes or a shape and a label overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from xml.sax.saxutils import escape, quoteattr

SIZES = {
    "startEvent": (36, 36),
    "endEvent": (36, 36),
    "intermediateCatchEvent": (36, 36),
    "intermediateThrowEvent": (36, 36),
    "boundaryEvent": (36, 36),
    "exclusiveGateway": (50, 50),
    "eventBasedGateway": (50, 50),
    "parallelGateway": (50, 50),
    "serviceTask": (100, 80),
    "userTask": (100, 80),
    "scriptTask": (100, 80),
}
EVENTS = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent"}
GATEWAYS = {"exclusiveGateway", "eventBasedGateway", "parallelGateway"}
Point = tuple[float, float]


@dataclass
class Node:
    id: str
    kind: str
    name: str | None
    x: float
    y: float
    w: float
    h: float
    scope: str | None  # id of the enclosing subprocess, None at process level
    attrs: dict[str, str] = field(default_factory=dict)
    documentation: str | None = None
    extensions: list[str] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)  # event definitions
    label: tuple[float, float, float, float] | None = None
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def anchor(self, side: str) -> Point:
        return {
            "l": (self.x, self.cy),
            "r": (self.x + self.w, self.cy),
            "t": (self.cx, self.y),
            "b": (self.cx, self.y + self.h),
        }[side]


@dataclass
class Flow:
    id: str
    source: str
    target: str
    name: str | None
    condition: str | None
    waypoints: list[Point]
    label: tuple[float, float, float, float] | None = None
    documentation: str | None = None


@dataclass
class Annotation:
    id: str
    text: str
    x: float
    y: float
    w: float
    h: float
    scope: str | None
    target: str


class Diagram:
    """Nodes, flows and artifacts of one process, with their coordinates."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.flows: dict[str, Flow] = {}
        self.annotations: list[Annotation] = []

    # -- nodes ----------------------------------------------------------------------------------
    def add(
        self,
        id: str,
        kind: str,
        name: str | None,
        x: float,
        y: float,
        *,
        scope: str | None = None,
        size: tuple[float, float] | None = None,
        center_y: bool = True,
        **kwargs: object,
    ) -> Node:
        """Place a node; `y` is its centre line unless `center_y` is false."""
        w, h = size or SIZES[kind]
        top = y - h / 2 if center_y else y
        node = Node(id=id, kind=kind, name=name, x=x, y=top, w=w, h=h, scope=scope, **kwargs)  # type: ignore[arg-type]
        if node.label is None and name and (kind in EVENTS or kind in GATEWAYS):
            node.label = default_label(node)
        assert id not in self.nodes, id
        self.nodes[id] = node
        return node

    def boundary(
        self,
        id: str,
        name: str,
        host: str,
        side: str,
        offset: float,
        *,
        label_side: str = "r",
        label_width: float = 110,
        **kwargs: object,
    ) -> Node:
        """A boundary event centred on `host`'s side, `offset` from its left (or top) edge."""
        h = self.nodes[host]
        if side == "b":
            cx, cy = h.x + offset, h.y + h.h
        elif side == "t":
            cx, cy = h.x + offset, h.y
        else:
            cx, cy = h.x + h.w, h.y + offset
        node = Node(
            id=id,
            kind="boundaryEvent",
            name=name,
            x=cx - 18,
            y=cy - 18,
            w=36,
            h=36,
            scope=h.scope,
            **kwargs,  # type: ignore[arg-type]
        )
        node.attrs.setdefault("attachedToRef", host)
        node.label = side_label(node, label_side, label_width)
        self.nodes[id] = node
        return node

    # -- flows ----------------------------------------------------------------------------------
    def flow(
        self,
        id: str,
        source: str,
        target: str,
        *,
        out: str = "r",
        into: str = "l",
        via: list[Point] | None = None,
        name: str | None = None,
        condition: str | None = None,
        label_at: Point | None = None,
        label_size: tuple[float, float] = (90, 27),
        start_at: Point | None = None,
        end_at: Point | None = None,
    ) -> Flow:
        """A sequence flow from `out` side of `source` to `into` side of `target` (or given points)."""
        s, t = self.nodes[source], self.nodes[target]
        start, end = start_at or s.anchor(out), end_at or t.anchor(into)
        points = [start, *(via if via is not None else elbow(start, end, out, into)), end]
        label = None
        if name:
            lx, ly = label_at or (start[0] + 8, start[1] - 30)
            label = (lx, ly, *label_size)
        f = Flow(
            id=id, source=source, target=target, name=name, condition=condition, waypoints=points, label=label
        )
        assert id not in self.flows, id
        self.flows[id] = f
        s.outgoing.append(id)
        t.incoming.append(id)
        return f

    def annotate(self, id: str, text: str, x: float, y: float, w: float, h: float, target: str) -> None:
        self.annotations.append(Annotation(id, text, x, y, w, h, self.nodes[target].scope, target))


def elbow(start: Point, end: Point, out: str, into: str) -> list[Point]:
    (x1, y1), (x2, y2) = start, end
    if x1 == x2 or y1 == y2:
        return []
    if out in "lr" and into in "lr":
        mx = (x1 + x2) / 2
        return [(mx, y1), (mx, y2)]
    if out in "tb" and into in "tb":
        my = (y1 + y2) / 2
        return [(x1, my), (x2, my)]
    if out in "tb":
        return [(x1, y2)]
    return [(x2, y1)]


def default_label(node: Node) -> tuple[float, float, float, float]:
    if node.kind in GATEWAYS:
        return (node.cx - 60, node.y - 34, 120, 27)
    return (node.cx - 50, node.y + node.h + 5, 100, 27)


def side_label(node: Node, side: str, width: float = 110) -> tuple[float, float, float, float]:
    if side == "r":
        return (node.x + node.w + 4, node.y + node.h - 4, width, 27)
    if side == "l":
        return (node.x - width - 4, node.y + node.h - 4, width, 27)
    return default_label(node)


# -- checks -----------------------------------------------------------------------------------------
def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def _ancestors(diagram: Diagram, node: Node) -> set[str]:
    found: set[str] = set()
    scope = node.scope
    while scope:
        found.add(scope)
        scope = diagram.nodes[scope].scope
    return found


def check_layout(diagram: Diagram) -> list[str]:
    """Overlaps between shapes that are not nested, and between labels and shapes or labels."""
    problems: list[str] = []
    nodes = list(diagram.nodes.values())
    boxes = [(n.id, (n.x, n.y, n.w, n.h), n) for n in nodes]
    for i, (aid, abox, a) in enumerate(boxes):
        for bid, bbox, b in boxes[i + 1 :]:
            if aid in _ancestors(diagram, b) or bid in _ancestors(diagram, a):
                continue
            if a.attrs.get("attachedToRef") == bid or b.attrs.get("attachedToRef") == aid:
                continue
            if _overlap(abox, bbox):
                problems.append(f"shapes overlap: {aid} / {bid}")
    labels = [(n.id, n.label) for n in nodes if n.label] + [
        (f.id, f.label) for f in diagram.flows.values() if f.label
    ]
    for i, (lid, lbox) in enumerate(labels):
        assert lbox is not None
        for nid, nbox, n in boxes:
            if n.kind == "subProcess":
                continue  # a label may sit inside its subprocess
            if nid != lid and _overlap(lbox, nbox):
                problems.append(f"label of {lid} overlaps shape {nid}")
        for oid, obox in labels[i + 1 :]:
            assert obox is not None
            if _overlap(lbox, obox):
                problems.append(f"labels overlap: {lid} / {oid}")
    for note in diagram.annotations:
        for nid, nbox, n in boxes:
            if n.kind != "subProcess" and _overlap((note.x, note.y, note.w, note.h), nbox):
                problems.append(f"annotation {note.id} overlaps shape {nid}")
    for f in diagram.flows.values():
        for (x1, y1), (x2, y2) in pairwise(f.waypoints):
            if x1 != x2 and y1 != y2:
                problems.append(f"flow {f.id} has a diagonal segment")
    return problems


# -- XML ----------------------------------------------------------------------------------------------
def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items())


def _doc(text: str | None, indent: str) -> list[str]:
    return [f"{indent}<bpmn:documentation>{escape(text)}</bpmn:documentation>"] if text else []


def _node_xml(diagram: Diagram, node: Node, indent: str) -> list[str]:
    attrs = {"id": node.id}
    if node.name:
        attrs["name"] = node.name
    attrs.update(node.attrs)
    lines = [f"{indent}<bpmn:{node.kind}{_attrs(attrs)}>"]
    inner = indent + "  "
    lines += _doc(node.documentation, inner)
    if node.extensions:
        lines.append(f"{inner}<bpmn:extensionElements>")
        lines += [f"{inner}  {e}" for e in node.extensions]
        lines.append(f"{inner}</bpmn:extensionElements>")
    lines += [f"{inner}<bpmn:incoming>{f}</bpmn:incoming>" for f in node.incoming]
    lines += [f"{inner}<bpmn:outgoing>{f}</bpmn:outgoing>" for f in node.outgoing]
    if node.kind == "subProcess":
        lines += _scope_xml(diagram, node.id, inner)
    lines += [f"{inner}{d}" for d in node.definitions]
    lines.append(f"{indent}</bpmn:{node.kind}>")
    return lines


def _flow_xml(flow: Flow, indent: str) -> list[str]:
    attrs = {"id": flow.id}
    if flow.name:
        attrs["name"] = flow.name
    attrs |= {"sourceRef": flow.source, "targetRef": flow.target}
    if not flow.condition and not flow.documentation:
        return [f"{indent}<bpmn:sequenceFlow{_attrs(attrs)} />"]
    lines = [f"{indent}<bpmn:sequenceFlow{_attrs(attrs)}>"]
    lines += _doc(flow.documentation, indent + "  ")
    if flow.condition:
        lines.append(
            f'{indent}  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">'
            f"{escape(flow.condition)}</bpmn:conditionExpression>"
        )
    lines.append(f"{indent}</bpmn:sequenceFlow>")
    return lines


def _scope_xml(diagram: Diagram, scope: str | None, indent: str) -> list[str]:
    lines: list[str] = []
    for node in diagram.nodes.values():
        if node.scope == scope:
            lines += _node_xml(diagram, node, indent)
    for flow in diagram.flows.values():
        if diagram.nodes[flow.source].scope == scope:
            lines += _flow_xml(flow, indent)
    for a in diagram.annotations:
        if a.scope == scope:
            lines.append(f'{indent}<bpmn:textAnnotation id="{a.id}">')
            lines.append(f"{indent}  <bpmn:text>{escape(a.text)}</bpmn:text>")
            lines.append(f"{indent}</bpmn:textAnnotation>")
            lines.append(
                f'{indent}<bpmn:association id="Association_{a.id}" sourceRef="{a.target}" targetRef="{a.id}" />'
            )
    return lines


def _bounds(x: float, y: float, w: float, h: float) -> str:
    return f'<dc:Bounds x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" />'


def _di_xml(diagram: Diagram, process_id: str) -> list[str]:
    ind = "      "
    lines = [
        '  <bpmndi:BPMNDiagram id="BPMNDiagram_1">',
        f'    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="{process_id}">',
    ]
    for node in diagram.nodes.values():
        extra = ' isExpanded="true"' if node.kind == "subProcess" else ""
        extra += ' isMarkerVisible="true"' if node.kind == "exclusiveGateway" else ""
        lines.append(f'{ind}<bpmndi:BPMNShape id="{node.id}_di" bpmnElement="{node.id}"{extra}>')
        lines.append(f"{ind}  {_bounds(node.x, node.y, node.w, node.h)}")
        if node.label:
            lines.append(f"{ind}  <bpmndi:BPMNLabel>{_bounds(*node.label)}</bpmndi:BPMNLabel>")
        lines.append(f"{ind}</bpmndi:BPMNShape>")
    for a in diagram.annotations:
        lines.append(f'{ind}<bpmndi:BPMNShape id="{a.id}_di" bpmnElement="{a.id}">')
        lines.append(f"{ind}  {_bounds(a.x, a.y, a.w, a.h)}")
        lines.append(f"{ind}</bpmndi:BPMNShape>")
    for flow in diagram.flows.values():
        lines.append(f'{ind}<bpmndi:BPMNEdge id="{flow.id}_di" bpmnElement="{flow.id}">')
        lines += [f'{ind}  <di:waypoint x="{_num(x)}" y="{_num(y)}" />' for x, y in flow.waypoints]
        if flow.label:
            lines.append(f"{ind}  <bpmndi:BPMNLabel>{_bounds(*flow.label)}</bpmndi:BPMNLabel>")
        lines.append(f"{ind}</bpmndi:BPMNEdge>")
    for a in diagram.annotations:
        target = diagram.nodes[a.target]
        start = (target.cx, target.y) if a.y + a.h <= target.y else (target.cx, target.y + target.h)
        if a.y >= target.y + target.h:
            end = (a.x + a.w / 2, a.y)
        elif a.y + a.h <= target.y:
            end = (a.x + a.w / 2, a.y + a.h)
        else:
            start, end = (target.x + target.w, target.cy), (a.x, a.y + a.h / 2)
        lines.append(f'{ind}<bpmndi:BPMNEdge id="Association_{a.id}_di" bpmnElement="Association_{a.id}">')
        lines.append(f'{ind}  <di:waypoint x="{_num(start[0])}" y="{_num(start[1])}" />')
        lines.append(f'{ind}  <di:waypoint x="{_num(end[0])}" y="{_num(end[1])}" />')
        lines.append(f"{ind}</bpmndi:BPMNEdge>")
    lines += ["    </bpmndi:BPMNPlane>", "  </bpmndi:BPMNDiagram>"]
    return lines


def to_xml(
    diagram: Diagram,
    *,
    process_id: str,
    process_name: str,
    process_documentation: str,
    root_elements: list[str],
    definitions_id: str = "Definitions_1",
) -> str:
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'
        ' xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"'
        ' xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"'
        ' xmlns:di="http://www.omg.org/spec/DD/20100524/DI"'
        ' xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"'
        ' xmlns:modeler="http://camunda.org/schema/modeler/1.0"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' id="{definitions_id}" targetNamespace="http://bpmn.io/schema/bpmn"'
        ' exporter="anef-sejour scripts/generate_renewal_bpmn.py" exporterVersion="1"'
        ' modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">',
        f"  <bpmn:process{_attrs({'id': process_id, 'name': process_name, 'isExecutable': 'true'})}>",
        *_doc(process_documentation, "    "),
        *_scope_xml(diagram, None, "    "),
        "  </bpmn:process>",
        *[f"  {e}" for e in root_elements],
        *_di_xml(diagram, process_id),
        "</bpmn:definitions>",
        "",
    ]
    return "\n".join(head)
