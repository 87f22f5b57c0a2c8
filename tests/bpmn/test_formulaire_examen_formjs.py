"""The examination form as form-js (the npm package the back-office serves) renders it in Chromium:
each requested document has its reason, « Autre motif » asks which, and the data form-js submits
is what the server accepts (`services.backoffice.domain.formulaires`) and the process reads
(`contracts.variables.PieceDemandee`)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Browser

from contracts.variables import MotifComplement, PieceDemandee
from plumbing.settings import REPO_ROOT
from services.backoffice.domain.formulaires import lire_formulaire

pytestmark = pytest.mark.browser

FORM_JS = REPO_ROOT / "node_modules" / "@bpmn-io" / "form-js" / "dist" / "form-viewer.umd.js"
SCHEMA = json.loads((REPO_ROOT / "bpmn" / "forms" / "examen-demande.form").read_text(encoding="utf-8"))

RENDU = """async ([schema]) => {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const form = new FormViewer.Form({ container });
  await form.importSchema(schema, { numeroDemande: '5901202612070000001', demandeur: {} });
  window.formulaire = form;
}"""


def choisir(page: Any, champ: str, libelle: str) -> None:
    """form-js draws its own drop-down over a hidden input."""
    page.locator(f"[id$='{champ}-display']").click()
    page.locator(".fjs-dropdownlist-item", has_text=libelle).first.click()


def envoyer(page: Any) -> dict[str, Any]:
    return dict(
        page.evaluate(
            "() => { const r = window.formulaire.submit(); return {data: r.data, errors: r.errors}; }"
        )
    )


def test_form_js_asks_a_reason_per_document_and_which_other_reason(browser: Browser) -> None:
    page = browser.new_page()
    page.set_content("<!doctype html><html lang='fr'><body></body></html>")
    page.add_script_tag(path=str(FORM_JS))
    page.evaluate(RENDU, [SCHEMA])

    page.get_by_label("Demande de compléments").check()
    motif = page.get_by_label("Motif de la demande")
    assert motif.count() == 1
    assert page.get_by_label("Précisez le motif").count() == 0  # the default reason: « illisible »
    choisir(page, "Field_Piece_0", "Justificatif de nationalité")
    page.get_by_label("Observation pour le demandeur").fill("Veuillez fournir une copie lisible.")
    page.wait_for_function("() => window.formulaire._getState().data.piecesDemandees[0].observation !== ''")
    choisir(page, "Field_MotifComplement_0", "Autre motif (à préciser)")
    precision = page.get_by_label("Précisez le motif")
    assert precision.count() == 1
    assert envoyer(page)["errors"]  # « Autre motif » without saying which
    precision.fill("Nom différent de celui du titre")
    page.wait_for_function(  # form-js takes a typed text after a short debounce
        "() => window.formulaire._getState().data.piecesDemandees[0].precisionMotif !== ''"
    )

    resultat = envoyer(page)
    assert resultat["errors"] == {}
    donnees = resultat["data"]
    valides = lire_formulaire(SCHEMA).valider({k: donnees[k] for k in ("decision", "piecesDemandees")})
    [piece] = [PieceDemandee.model_validate(p) for p in valides["piecesDemandees"]]
    assert (piece.piece, piece.motif, piece.precision_motif) == (
        "justificatif-nationalite",
        MotifComplement.AUTRE,
        "Nom différent de celui du titre",
    )
    page.close()
