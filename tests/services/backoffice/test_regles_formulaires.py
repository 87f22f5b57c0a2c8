"""The three forms of bpmn/forms read by the server: what a valid answer is (no engine)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from services.backoffice.domain.formulaires import (
    Contexte,
    Formulaire,
    FormulaireInvalide,
    FormulaireNonPris,
    lire_formulaire,
    valeurs_initiales,
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


def test_a_date_is_checked_against_its_bounds_and_starts_at_today() -> None:
    validation = formulaire("validation-decision")
    contexte = Contexte({"dateDepot": "2023-08-18"}, date(2023, 9, 12))
    assert valeurs_initiales(validation, contexte) == {"dateDecision": "2023-09-12"}
    assert valeurs_initiales(validation, Contexte({"dateDecision": "2023-09-01"}, date(2023, 9, 12))) == {}
    ok = {"validationDecision": "validee", "dateDecision": "2023-08-18"}
    assert validation.valider(ok, contexte) == ok
    for mauvaise, message in (
        ("2023-08-17", "La date ne peut pas être antérieure au 18/08/2023."),
        ("2023-09-13", "La date ne peut pas être postérieure au 12/09/2023."),
        ("12/09/2023", "Saisissez une date valide (jour, mois, année)."),
        ("2023-02-30", "Saisissez une date valide (jour, mois, année)."),
    ):
        with pytest.raises(FormulaireInvalide) as invalide:
            validation.valider({**ok, "dateDecision": mauvaise}, contexte)
        assert invalide.value.erreurs == {"dateDecision": message}
    with pytest.raises(FormulaireInvalide) as invalide:
        validation.valider({"validationDecision": "validee"}, contexte)
    assert invalide.value.erreurs == {"dateDecision": "Ce champ est obligatoire."}
    # sent back: the date is hidden, so neither required nor kept
    renvoi = {"validationDecision": "renvoyee", "observationValidation": "À motiver", "dateDecision": "x"}
    assert validation.valider(renvoi, contexte) == {k: v for k, v in renvoi.items() if k != "dateDecision"}


def test_date_bounds_a_fixed_day_today_or_a_variable_s_day_in_france() -> None:
    schema = {
        "id": "f",
        "components": [
            {
                "type": "datetime",
                "subtype": "date",
                "key": "a",
                "dateLabel": "A",
                "properties": {"dateMin": "2024-01-01"},
            },
            {"type": "datetime", "subtype": "date", "key": "b", "properties": {"dateMin": "=dossier.depot"}},
        ],
    }
    dates = lire_formulaire(schema)
    assert [e.libelle for e in dates.elements] == ["A", "b"]
    contexte = Contexte({"dossier": {"depot": "2024-03-31T22:30:00Z"}})  # 00:30 on 1 April in Paris
    with pytest.raises(FormulaireInvalide) as invalide:
        dates.valider({"a": "2023-12-31", "b": "2024-03-31"}, contexte)
    assert invalide.value.erreurs == {
        "a": "La date ne peut pas être antérieure au 01/01/2024.",
        "b": "La date ne peut pas être antérieure au 01/04/2024.",
    }
    assert dates.valider({"b": "2024-03-31"}) == {"b": "2024-03-31"}  # an unknown bound does not apply
    for refuse in ({"subtype": "datetime"}, {"properties": {"dateMax": '=today() + duration("P1D")'}}):
        with pytest.raises(FormulaireNonPris):
            lire_formulaire({"components": [{"type": "datetime", "subtype": "date", "key": "d", **refuse}]})
