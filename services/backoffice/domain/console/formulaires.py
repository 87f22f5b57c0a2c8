"""The forms a process definition links to its user tasks, read from its BPMN XML, and each form's
fields as the page lists them without JavaScript (label, type, required).

The XML comes from the engine (already parsed there when it was deployed); a file that does not
parse lists no form. A form's schema (form-js JSON) comes from the engine through a user task.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
ZEEBE = "{http://camunda.org/schema/zeebe/1.0}"


@dataclass(frozen=True)
class FormulaireLie:
    tache_id: str
    tache_nom: str
    formulaire_id: str | None  # a Camunda Form deployed beside the process (zeebe:formDefinition formId)
    autre_reference: str | None  # an embedded form key or an external form reference
    schema: dict[str, Any] | None = None  # the deployed form, when the engine could give it

    @property
    def champs(self) -> list[Champ]:
        return champs_du_schema(self.schema) if self.schema else []


@dataclass(frozen=True)
class Champ:
    cle: str
    libelle: str
    type: str
    obligatoire: bool

    @property
    def type_libelle(self) -> str:
        return TYPES.get(self.type, self.type)


TYPES = {
    "textfield": "texte",
    "textarea": "texte sur plusieurs lignes",
    "number": "nombre",
    "checkbox": "case à cocher",
    "checklist": "cases à cocher",
    "radio": "choix unique (boutons radio)",
    "select": "liste déroulante",
    "taglist": "liste d'étiquettes",
    "datetime": "date ou heure",
    "expression": "expression calculée",
    "filepicker": "fichier",
}


def champs_du_schema(schema: dict[str, Any]) -> list[Champ]:
    """The fields that hold a value (those with a key), groups and dynamic lists walked through."""
    champs: list[Champ] = []
    for composant in schema.get("components") or []:
        if not isinstance(composant, dict):
            continue
        if isinstance(composant.get("key"), str) and composant.get("type") not in ("button", "text"):
            valider = composant.get("validate")
            champs.append(
                Champ(
                    cle=composant["key"],
                    libelle=str(composant.get("label") or composant["key"]),
                    type=str(composant.get("type") or ""),
                    obligatoire=bool(isinstance(valider, dict) and valider.get("required")),
                )
            )
        if composant.get("components"):
            champs.extend(champs_du_schema(composant))
    return champs


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
