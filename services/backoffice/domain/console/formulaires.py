"""The forms a process definition links to its user tasks, read from its BPMN XML.

The XML comes from the engine (already parsed there when it was deployed); a file that does not
parse lists no form.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
ZEEBE = "{http://camunda.org/schema/zeebe/1.0}"


@dataclass(frozen=True)
class FormulaireLie:
    tache_id: str
    tache_nom: str
    formulaire_id: str | None  # a Camunda Form deployed beside the process (zeebe:formDefinition formId)
    autre_reference: str | None  # an embedded form key or an external form reference


def formulaires_lies(xml: str) -> list[FormulaireLie]:
    try:
        # the engine's copy of a model it parsed itself; expat expands no external entity
        racine = ET.fromstring(xml)  # noqa: S314
    except ET.ParseError:
        return []
    lies = []
    for tache in racine.iter(f"{BPMN}userTask"):
        definition = tache.find(f"{BPMN}extensionElements/{ZEEBE}formDefinition")
        attributs = definition.attrib if definition is not None else {}
        autre = attributs.get("formKey") or attributs.get("externalReference")
        lies.append(
            FormulaireLie(
                tache_id=tache.get("id", ""),
                tache_nom=tache.get("name") or tache.get("id") or "",
                formulaire_id=attributs.get("formId"),
                autre_reference=autre,
            )
        )
    return lies
