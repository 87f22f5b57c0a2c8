"""Screens 4 and 5 in Chromium on a 360 px phone, through the real stack: the demo adult ONZE
chooses the procedure, downloads the list of pieces, goes through the five steps (the « Demandeur
non éligible » dialog, a refused file, real PNG and PDF uploads), deposits, sees the N° demande
and downloads the confirmation PDF."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.services.gateway.navigateur import (
    aujourdhui,
    cocher,
    fichiers,
    saisir_date,
    surveiller_csp,
    verifier_page,
)
from tests.services.pdf.outils_pdf import texte
from tests.support.stack import Stack

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

ONZE = {"identifiant": "6203007181", "mot_de_passe": "Beffroi.Arras62!"}  # devtools/seed.py
EPHOTO = "1234567890123456789012"


def test_choisir_la_demarche_remplir_les_cinq_etapes_et_deposer(
    stack: Stack, phone_page: Page, tmp_path: Path
) -> None:
    page, site = phone_page, stack.url("gateway")
    refus_csp = surveiller_csp(page)
    png, pdf, faux = fichiers(tmp_path)

    page.goto(site + "/connexion")
    page.fill("#identifiant", ONZE["identifiant"])
    page.fill("#mot_de_passe", ONZE["mot_de_passe"])
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Je demande ou renouvelle un titre de séjour").click()

    # Screen 4: for whom, the title held, the preamble.
    expect(page.get_by_text("Je sollicite ou renouvelle un titre de séjour pour :")).to_be_visible()
    page.get_by_role("button", name="Je continue").click()
    expect(page.locator("#pour-messages")).to_contain_text("Choisissez pour qui")
    verifier_page(page, "10-pour-qui")
    cocher(page, "pour-moi-meme")
    page.get_by_role("button", name="Je continue").click()
    expect(page.get_by_text("en tant que « MNA placé avant 16 ans »")).to_be_visible()
    verifier_page(page, "11-situation")
    cocher(page, "titre-renouvellement")
    page.get_by_role("button", name="Je commence").click()
    expect(page.get_by_text("Déposez votre demande en 5 étapes", exact=False)).to_be_visible()
    verifier_page(page, "12-preambule")
    with page.expect_download() as telechargement:
        page.get_by_role("link", name=re.compile("Télécharger la liste des pièces justificatives")).click()
    assert telechargement.value.suggested_filename.endswith(".pdf")
    annexe = texte(Path(telechargement.value.path()).read_bytes(), tmp_path)  # the guide's Annexe 1
    assert "DIRECTION DES ÉTRANGERS EN FRANCE" in annexe and "Insertion dans la société française" in annexe
    assert "CAS 3" not in annexe and "Accord du parent" not in annexe  # one list for everybody
    page.get_by_role("button", name="Je continue").click()

    # Step 1: civil status read-only, the register's address, the phone.
    expect(page.get_by_text("Je vérifie les informations personnelles que j'ai fournies")).to_be_visible()
    expect(page.get_by_text("Étape 1 sur 5")).to_be_visible()
    expect(page.get_by_label("Je suis un mineur (+16 ans) émancipé")).to_have_count(0)  # an adult
    for bouton in ("Revenir à l'étape précédente", "Abandonner la demande", "Quitter et revenir plus tard"):
        expect(page.get_by_role("link", name=bouton)).to_be_visible()
    page.get_by_role("button", name="Enregistrer et poursuivre").click()  # no phone: its error
    expect(page.locator("#telephone")).to_have_attribute("aria-invalid", "true")
    verifier_page(page, "13-etape1-erreur")
    page.fill("#telephone", "06 12 34 56 78")
    page.get_by_role("button", name="Enregistrer et poursuivre").click()

    # Step 2: placed after 16, the dialog; then a date that fits.
    expect(page.get_by_text("Je renseigne mon motif de séjour")).to_be_visible()
    saisir_date(page, "ase", aujourdhui() - timedelta(days=365))
    page.select_option("#situation_familiale", "celibataire")
    cocher(page, "enfants-non")
    for case in page.locator("input[type=checkbox][name^=attestation_]").all():
        cocher(page, str(case.get_attribute("id")))
    page.get_by_role("button", name="Enregistrer et poursuivre").click()
    dialogue = page.get_by_role("dialog", name="Demandeur non éligible")
    expect(dialogue).to_be_visible()
    verifier_page(page, "14-non-eligible")
    dialogue.get_by_role("button", name="Modifier ma saisie").click()
    expect(dialogue).to_be_hidden()
    expect(page.locator("#situation_familiale")).to_have_value("celibataire")  # nothing lost
    saisir_date(page, "ase", aujourdhui() - timedelta(days=5 * 365))
    page.get_by_role("button", name="Enregistrer et poursuivre").click()

    # Step 3: the e-photo number, a refused file, then real files for every piece.
    expect(page.get_by_text("Je joins mes documents justificatifs")).to_be_visible()
    verifier_page(page, "15-justificatifs")
    domicile = page.locator("#piece-justificatif-domicile")
    for liste in (
        "Une facture d'électricité",
        "Si hébergement à l'hôtel :",
        "Si hébergement chez un particulier :",
    ):
        expect(domicile.get_by_text(liste)).to_be_visible()
    expect(domicile.locator("input[type=file]")).to_have_count(1)  # one upload for the three lists
    expect(page.get_by_text("Insertion dans la société française")).to_have_count(0)
    page.fill("#ephoto", EPHOTO)
    page.set_input_files("#fichiers_justificatif-nationalite", str(faux))
    page.get_by_role("button", name="Joindre un document : Justificatif de nationalité").click()
    expect(page.locator("#fichiers_justificatif-nationalite-messages")).to_contain_text("faux.pdf")
    expect(page.locator("#ephoto")).to_have_value(EPHOTO)  # what was typed is kept
    verifier_page(page, "16-fichier-refuse")
    entrees = page.locator("input[type=file]")
    for indice in range(entrees.count()):
        entrees.nth(indice).set_input_files(str(png if indice % 2 == 0 else pdf))
    page.get_by_role("button", name="Joindre un document : Justificatif de nationalité").click()
    expect(page.get_by_role("button", name="Supprimer passeport.png").first).to_be_visible()
    verifier_page(page, "17-fichiers-joints")
    page.get_by_role("button", name="Enregistrer et poursuivre").click()

    # Step 4: the summary, the observations, the deposit.
    expect(page.get_by_text("Je confirme le dépôt définitif de ma demande.")).to_be_visible()
    expect(page.get_by_text("0612345678")).to_be_visible()
    expect(page.get_by_text(EPHOTO)).to_be_visible()
    page.fill("#observations", "Mon nom d'usage a changé.")
    verifier_page(page, "18-depot")
    page.get_by_role("button", name="Déposer la demande").click()

    # Step 5: waiting for the N° demande, then the PDF.
    expect(page.get_by_text("N° de la demande")).to_be_visible(timeout=90_000)
    expect(page.get_by_text(re.compile(r"\d{19}"))).to_be_visible()
    expect(page.get_by_text("Un email de confirmation vous est envoyé")).to_be_visible()
    verifier_page(page, "19-confirmation")
    with page.expect_download() as confirmation:
        page.get_by_role("link", name=re.compile("Télécharger la confirmation de dépôt")).click()
    assert Path(confirmation.value.path()).read_bytes().startswith(b"%PDF")

    # The personal space: the application and its history, then « Mes Notifications ».
    page.get_by_role("link", name="Suivre ma demande").click()
    expect(page.get_by_text("Historique de ma demande")).to_be_visible()
    verifier_page(page, "20-ma-demande")
    page.goto(page.url.split("/demande/")[0] + "/espace/notifications")
    expect(page.get_by_text("Filtrer mes notifications")).to_be_visible()
    verifier_page(page, "21-mes-notifications")
    assert refus_csp == []
