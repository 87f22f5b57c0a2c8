"""« Je déclare un changement de situation » in Chromium on a 360 px phone, through the real stack:
the demo applicant SEPT (Lille) declares a move to Arras with a proof of address, then renews her
title: step 1 shows the new address read-only with the guide's notice, and the deposit is routed
to the préfecture of the Pas-de-Calais (62), whose number the N° demande starts with."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.services.gateway.navigateur import surveiller_csp, verifier_page
from tests.services.gateway.test_demande_navigateur import EPHOTO, cocher, fichiers, saisir_date
from tests.support.stack import Stack

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

SEPT = {"identifiant": "5903007178", "mot_de_passe": "Tournesol.Lille59!"}  # devtools/seed.py, in Lille
AVIS_DU_GUIDE = (
    "Si l'utilisateur a déménagé, il doit d'abord déclarer son changement d'adresse sur l'ANEF avant de "
    "demander le renouvellement de son titre."
)


def declarer_le_demenagement(page: Page, site: str, preuve: Path) -> None:
    page.get_by_role("link", name="Je déclare un changement de situation").first.click()
    expect(page.get_by_role("heading", name="Je déclare un changement de situation")).to_be_visible()
    expect(page.get_by_text("20 RUE NATIONALE 59000 LILLE FRANCE")).to_be_visible()
    expect(
        page.get_by_text("Formats acceptés : JPG, PNG, PDF, TIFF, BMP. Taille maximale : 10 Mo.")
    ).to_be_visible()
    verifier_page(page, "30-changement-de-situation")
    page.fill("#voie", "rue Gambetta")
    page.get_by_role("button", name="Je déclare ma nouvelle adresse").click()  # no postal code, no proof
    expect(page.locator("#code_postal")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#justificatif-messages")).to_contain_text("Joignez un justificatif de domicile")
    expect(page.locator("#voie")).to_have_value("rue Gambetta")  # nothing lost
    verifier_page(page, "31-changement-de-situation-erreurs")
    page.fill("#numero_voie", "3")
    page.fill("#code_postal", "62000")
    page.fill("#ville", "Arras")
    page.set_input_files("#justificatif", str(preuve))
    page.get_by_role("button", name="Je déclare ma nouvelle adresse").click()
    expect(page.get_by_text("Votre changement d'adresse a bien été enregistré.")).to_be_visible()
    expect(page.get_by_text("3 RUE GAMBETTA 62000 ARRAS FRANCE")).to_be_visible()
    verifier_page(page, "32-changement-enregistre")
    page.get_by_role("link", name="Voir l'historique de mes déclarations").click()
    historique = page.locator("#historique-adresses").locator("..")
    expect(historique.get_by_role("cell", name="20 RUE NATIONALE 59000 LILLE FRANCE")).to_be_visible()
    expect(historique.get_by_role("cell", name="3 RUE GAMBETTA 62000 ARRAS FRANCE")).to_be_visible()
    verifier_page(page, "33-historique-des-declarations")
    with page.expect_download() as justificatif:
        historique.get_by_role("link", name=re.compile("Télécharger")).click()
    assert Path(justificatif.value.path()).read_bytes().startswith(b"\x89PNG")
    page.goto(site + "/")


def test_declarer_un_demenagement_puis_renouveler_a_la_nouvelle_adresse(
    stack: Stack, phone_page: Page, tmp_path: Path
) -> None:
    page, site = phone_page, stack.url("gateway")
    refus_csp = surveiller_csp(page)
    png, pdf, _ = fichiers(tmp_path)

    page.goto(site + "/connexion")
    page.fill("#identifiant", SEPT["identifiant"])
    page.fill("#mot_de_passe", SEPT["mot_de_passe"])
    page.keyboard.press("Enter")
    declarer_le_demenagement(page, site, png)

    # The renewal: screen 4, then step 1 with the register's new address, read-only.
    page.get_by_role("link", name="Je demande ou renouvelle un titre de séjour").first.click()
    cocher(page, "pour-moi-meme")
    page.get_by_role("button", name="Je continue").click()
    cocher(page, "titre-renouvellement")
    page.get_by_role("button", name="Je commence").click()
    page.get_by_role("button", name="Je continue").click()
    expect(page.get_by_text("Je vérifie les informations personnelles que j'ai fournies")).to_be_visible()
    expect(page.get_by_text(AVIS_DU_GUIDE)).to_be_visible()
    expect(page.locator("#attention-demenagement").get_by_role("link")).to_have_attribute(
        "href", "/espace/changement-de-situation"
    )
    expect(page.get_by_text("RUE GAMBETTA", exact=True)).to_be_visible()
    expect(page.get_by_text("ARRAS", exact=True)).to_be_visible()
    expect(page.locator("input#voie, input#code_postal, input#ville")).to_have_count(0)
    verifier_page(page, "34-etape1-adresse-du-registre")
    page.fill("#telephone", "0612345678")
    page.get_by_role("button", name="Enregistrer et poursuivre").click()

    # Steps 2 to 4, as quickly as the guide allows.
    expect(page.get_by_text("Je renseigne mon motif de séjour")).to_be_visible()
    saisir_date(page, "ase", date(2019, 5, 3))
    page.select_option("#situation_familiale", "celibataire")
    cocher(page, "enfants-non")
    for case in page.locator("input[type=checkbox][name^=attestation_]").all():
        cocher(page, str(case.get_attribute("id")))
    page.get_by_role("button", name="Enregistrer et poursuivre").click()
    expect(page.get_by_text("Je joins mes documents justificatifs")).to_be_visible()
    page.fill("#ephoto", EPHOTO)
    entrees = page.locator("input[type=file]")
    for indice in range(entrees.count()):
        entrees.nth(indice).set_input_files(str(png if indice % 2 == 0 else pdf))
    page.get_by_role("button", name="Joindre un document : Justificatif de nationalité").click()
    expect(page.get_by_role("button", name="Supprimer passeport.png").first).to_be_visible()
    page.get_by_role("button", name="Enregistrer et poursuivre").click()
    expect(page.get_by_text("Je confirme le dépôt définitif de ma demande.")).to_be_visible()
    page.get_by_role("button", name="Déposer la demande").click()

    # Routed by the register's address: the Pas-de-Calais's N° demande (62, guichet, date, sequence).
    expect(page.get_by_text("N° de la demande")).to_be_visible(timeout=90_000)
    expect(page.get_by_text(re.compile(r"\b62\d{17}\b"))).to_be_visible()
    verifier_page(page, "35-confirmation-prefecture-62")
    assert refus_csp == []
