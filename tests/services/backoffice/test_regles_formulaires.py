"""The three forms of bpmn/forms read by the server: what a valid answer is (no engine)."""

from __future__ import annotations

import json

import pytest

from services.backoffice.domain.formulaires import (
    Formulaire,
    FormulaireInvalide,
    FormulaireNonPris,
    lire_formulaire,
    valeurs_postees,
)
from services.backoffice.domain.instruction import ValideurEtExaminateur, variables_de_completion
from tests.services.backoffice.processus import REPO

pytestmark = pytest.mark.unit


def formulaire(nom: str) -> Formulaire:
    return lire_formulaire(json.loads((REPO / "bpmn" / "forms" / f"{nom}.form").read_text(encoding="utf-8")))


def test_hidden_fields_are_left_out_and_shown_ones_required() -> None:
    examen = formulaire("examen-demande")
    assert examen.valider({"decision": "favorable", "motifDecision": "ignoré"}) == {"decision": "favorable"}
    with pytest.raises(FormulaireInvalide) as invalide:
        examen.valider({"decision": "complements"})
    assert invalide.value.erreurs == {"piecesDemandees": "Ajoutez au moins un élément."}
    with pytest.raises(FormulaireInvalide) as invalide:
        examen.valider({"decision": "peut-etre"})
    assert invalide.value.erreurs == {"decision": "Choisissez une des valeurs proposées."}


def test_the_plain_form_drops_blank_rows_and_keeps_unknown_names_to_refuse_them() -> None:
    examen = formulaire("examen-demande")
    champs = {"decision": "complements", "piecesDemandees.3.piece": "insertion", "x": "1"}
    champs["piecesDemandees.3.observation"] = " Précisez. "
    assert valeurs_postees(examen, champs) == {
        "decision": "complements",
        "piecesDemandees": [{"piece": "insertion", "observation": "Précisez."}],
        "x": "1",
    }


def test_each_document_has_a_reason_and_another_reason_says_which() -> None:
    examen = formulaire("examen-demande")
    piece = {"piece": "insertion", "observation": "Précisez."}
    with pytest.raises(FormulaireInvalide) as invalide:
        examen.valider({"decision": "complements", "piecesDemandees": [piece]})
    assert invalide.value.erreurs == {"piecesDemandees.0.motif": "Ce champ est obligatoire."}
    with pytest.raises(FormulaireInvalide) as invalide:
        examen.valider({"decision": "complements", "piecesDemandees": [{**piece, "motif": "autre"}]})
    assert invalide.value.erreurs == {"piecesDemandees.0.precisionMotif": "Ce champ est obligatoire."}
    perime = {**piece, "motif": "perime", "precisionMotif": "caché"}
    assert examen.valider({"decision": "complements", "piecesDemandees": [perime]})["piecesDemandees"] == [
        {"piece": "insertion", "motif": "perime", "observation": "Précisez."}
    ]


def test_the_examiner_is_recorded_and_cannot_validate() -> None:
    assert variables_de_completion("examen-demande", "agent-1", {}, {"decision": "favorable"}) == {
        "decision": "favorable",
        "examinateur": "agent-1",
    }
    with pytest.raises(ValideurEtExaminateur):
        variables_de_completion("validation-decision", "agent-1", {"examinateur": "agent-1"}, {})
    alerte = formulaire("traitement-alerte")
    assert alerte.valider({"commentaireAlerte": "Vu."}) == {"commentaireAlerte": "Vu."}


def test_an_unknown_component_or_condition_is_not_served() -> None:
    with pytest.raises(FormulaireNonPris):
        lire_formulaire({"components": [{"type": "filepicker", "key": "f"}]})
    with pytest.raises(FormulaireNonPris):
        lire_formulaire({"components": [{"type": "textarea", "key": "t", "conditional": {"hide": "=a > 1"}}]})
