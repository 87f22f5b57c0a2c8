"""A full instruction in Chromium on 360 px phones, through the real stack: ONZE's application is
deposited (internal APIs); the instructeur of Pas-de-Calais takes « Examiner la demande » and asks,
with form-js, for the proof of address (« Document périmé »); ONZE answers the round in the
applicant site; the instructeur examines again and proposes a favourable decision; the valideur of
Pas-de-Calais (another agent) sees the dossier's history, the decision's date set to today, and
validates; ONZE finds the decision in « Mes Notifications » and downloads the « Attestation de
décision favorable », dated that day. Zero axe-core violations, nothing wider than the phone, no
CSP refusal, a screenshot of each page under var/screenshots."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from plumbing.clock import PARIS
from tests.e2e.plateforme import Plateforme, pdf_text
from tests.services.backoffice.test_navigateur import verifier_page as verifier_backoffice
from tests.services.gateway.navigateur import surveiller_csp
from tests.services.gateway.navigateur import verifier_page as verifier_gateway
from tests.support.stack import Stack, free_stack_ports, running_stack

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

ONZE = ("6203007181", "Beffroi.Arras62!")  # devtools/seed.py: an adult of préfecture 62
INSTRUCTEUR = ("instructeur.pas-de-calais", "Instruction-PdC-62")
VALIDEUR = ("valideur.pas-de-calais", "Validation-PdC-62")
EXAMINER, VALIDER = "UserTask_ExaminerDemande", "UserTask_ValiderDecision"
DOMICILE = "Justificatif de domicile datant de moins de 6 mois"
OBSERVATION = "Votre quittance date de plus de 6 mois."


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    # a test stack (clock control on): the engine knows the tests' client, which `Plateforme` drives it as
    test_stack = {"ENGINE_CLOCK_CONTROL": "true"}
    with running_stack(tmp_path_factory.mktemp("anef-var"), free_stack_ports(), env=test_stack) as running:
        yield running


@pytest.fixture(scope="module")
def plateforme(stack: Stack) -> Iterator[Plateforme]:
    plateforme = Plateforme(stack)
    yield plateforme
    plateforme.close()


@pytest.fixture(autouse=True)
def patience() -> Iterator[None]:
    """The whole stack shares two cores with the browser: its pages get 15 s, not 5, to show."""
    expect.set_options(timeout=15_000)
    yield
    expect.set_options(timeout=5_000)


@pytest.fixture
def telephones(browser: Browser) -> Iterator[list[Page]]:
    """Three phones: the instructeur's, the valideur's, the applicant's (one session each)."""
    contextes = [
        browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR", accept_downloads=True)
        for _ in range(3)
    ]
    yield [c.new_page() for c in contextes]
    for contexte in contextes:
        contexte.close()


def connecter_agent(page: Page, site: str, identifiant: str, mot_de_passe: str) -> None:
    page.goto(site + "/connexion")
    page.fill("#identifiant", identifiant)
    page.fill("#mot_de_passe", mot_de_passe)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Tâches", exact=True)).to_be_visible()


def prendre(page: Page, site: str, cle: str, nom: str) -> None:
    """The task's page from the list, « Prendre », form-js rendered."""
    page.goto(site + "/taches")
    page.locator(f'tr[data-tache="{cle}"]').get_by_role("link", name=nom).click()
    expect(page.get_by_role("heading", name=nom, level=1)).to_be_visible()
    page.get_by_role("button", name="Prendre").click()
    expect(page.get_by_role("button", name="Rendre")).to_be_visible()
    expect(page.locator("#formulaire-js .fjs-form")).to_be_visible()


def choisir(page: Page, libelle: str, option: str) -> None:
    """A form-js select: open it by its label, pick the option."""
    champ = page.locator("#formulaire-js .fjs-form-field-select").filter(
        has=page.locator("label", has_text=re.compile(f"^{libelle}"))
    )
    champ.locator(".fjs-input-group").click()
    page.locator("#formulaire-js .fjs-dropdownlist-item", has_text=option).first.click()


def quittance(dossier: Path) -> Path:
    chemin = dossier / "quittance-decembre.png"
    image = io.BytesIO()
    Image.new("RGB", (60, 40), (0, 90, 0)).save(image, "PNG")
    chemin.write_bytes(image.getvalue())
    return chemin


def test_une_instruction_complete_de_la_demande_a_la_decision(
    stack: Stack, plateforme: Plateforme, telephones: list[Page], tmp_path: Path
) -> None:
    instructeur, valideur, demandeur = telephones
    backoffice, gateway = stack.url("backoffice"), stack.url("gateway")
    refus_csp = [surveiller_csp(p) for p in telephones]
    onze = plateforme.connecter(*ONZE)
    dossier_id = str(plateforme.deposer(onze)["id"])

    # 1. The instructeur asks for the proof of address, « Document périmé », through form-js.
    examen = plateforme.tache("prefecture-62", dossier_id, EXAMINER)["userTaskKey"]
    connecter_agent(instructeur, backoffice, *INSTRUCTEUR)
    prendre(instructeur, backoffice, str(examen), "Examiner la demande")
    formulaire = instructeur.locator("#formulaire-js")
    formulaire.get_by_label("Demande de compléments").check()
    choisir(instructeur, "Document", DOMICILE)
    choisir(instructeur, "Motif de la demande", "Document périmé")
    formulaire.get_by_label("Observation pour le demandeur").fill(OBSERVATION)
    verifier_backoffice(instructeur, "instruction-1-demande-complements")
    instructeur.get_by_role("button", name="Terminer la tâche").click()
    expect(instructeur).to_have_url(f"{backoffice}/taches?vue=mes-taches&terminee=1")
    verifier_backoffice(instructeur, "instruction-2-tache-terminee")
    plateforme.statut_atteint(dossier_id, onze.acteur, "complements_demandes")

    # 2. ONZE opens the demand (acknowledgement of receipt) and sends a new proof of address.
    demandeur.goto(gateway + "/connexion")
    demandeur.fill("#identifiant", ONZE[0])
    demandeur.fill("#mot_de_passe", ONZE[1])
    demandeur.keyboard.press("Enter")
    expect(demandeur).not_to_have_url(re.compile("/connexion"))
    demandeur.goto(gateway + "/espace/notifications")
    demandeur.get_by_role("link", name=re.compile("^Demande de complément")).first.click()
    expect(demandeur.get_by_text("Les documents mentionnés ci-dessous ne sont plus en cours de validité :"))
    expect(demandeur.get_by_text(OBSERVATION)).to_be_visible()
    verifier_gateway(demandeur, "instruction-3-demande-complements")
    demandeur.goto(f"{gateway}/demande/{dossier_id}/complements")
    demandeur.locator('label[for="reponse_justificatif-domicile-mettre_a_jour"]').click()
    demandeur.set_input_files("#fichiers_justificatif-domicile", str(quittance(tmp_path)))
    demandeur.get_by_role("button", name="Joindre un document : Justificatif de domicile").click()
    expect(demandeur.get_by_role("button", name="Supprimer quittance-decembre.png")).to_be_visible()
    demandeur.fill("#message_justificatif-domicile", "Voici ma quittance de ce mois.")
    verifier_gateway(demandeur, "instruction-4-reponse")
    demandeur.get_by_role("button", name="Valider et envoyer").click()
    expect(demandeur.get_by_text("Votre réponse a bien été envoyée")).to_be_visible()
    verifier_gateway(demandeur, "instruction-5-reponse-envoyee")
    plateforme.statut_atteint(dossier_id, onze.acteur, "complements_deposes")

    # 3. The instructeur examines again, sees the answer, proposes a favourable decision.
    reexamen = plateforme.tache("prefecture-62", dossier_id, EXAMINER)["userTaskKey"]
    assert reexamen != examen
    prendre(instructeur, backoffice, str(reexamen), "Examiner la demande")
    expect(instructeur.locator('[data-ronde="1"]')).to_contain_text("réponse envoyée le")
    expect(instructeur.locator('[data-ronde="1"]')).to_contain_text("Voici ma quittance de ce mois.")
    instructeur.locator("#formulaire-js").get_by_label("Décision favorable").check()
    verifier_backoffice(instructeur, "instruction-6-decision-favorable")
    instructeur.get_by_role("button", name="Terminer la tâche").click()
    expect(instructeur).to_have_url(f"{backoffice}/taches?vue=mes-taches&terminee=1")

    # 4. The valideur, another agent: the history, the decision's date set to today, validated.
    validation = plateforme.tache("valideur", dossier_id, VALIDER)["userTaskKey"]
    connecter_agent(valideur, backoffice, *VALIDEUR)
    verifier_backoffice(valideur, "instruction-7-taches-valideur")
    prendre(valideur, backoffice, str(validation), "Valider la décision")
    historique = valideur.locator("ol.anef-historique")
    historique.scroll_into_view_if_needed()
    for action in (
        "Tâche prise : Examiner la demande",
        "Tâche terminée : Examiner la demande (Suite proposée : Demande de compléments)",
        "Tâche terminée : Examiner la demande (Suite proposée : Décision favorable)",
        "Tâche prise : Valider la décision",
    ):
        expect(historique).to_contain_text(action)
    expect(historique).to_contain_text("par Alex MARTIN")
    expect(historique).to_contain_text("par Claude PETIT")
    valideur.locator("#formulaire-js").get_by_label("Valider la décision").check()
    aujourdhui = datetime.now(PARIS).date()
    date = valideur.locator("#formulaire-js input[id$='-date']")
    expect(date).to_have_value(re.compile(f"{aujourdhui:%d/%m/%Y}|{aujourdhui:%m/%d/%Y}"))
    verifier_backoffice(valideur, "instruction-8-validation")
    valideur.get_by_role("button", name="Terminer la tâche").click()
    expect(valideur).to_have_url(f"{backoffice}/taches?vue=mes-taches&terminee=1")
    plateforme.statut_atteint(dossier_id, onze.acteur, "acceptee")

    # 5. ONZE reads the decision and downloads its attestation, dated the valideur's day.
    plateforme.notification(onze, "attestation-decision-favorable")
    demandeur.goto(gateway + "/espace/notifications")
    verifier_gateway(demandeur, "instruction-9-notifications-decision")
    demandeur.get_by_role("link", name=re.compile("^Notification de décision")).first.click()
    expect(demandeur.get_by_role("heading", name="Notification de décision")).to_be_visible()
    verifier_gateway(demandeur, "instruction-10-decision")
    with demandeur.expect_download() as telechargement:
        demandeur.get_by_role("link", name=re.compile("Voir le document")).first.click()
    contenu = Path(telechargement.value.path()).read_bytes()
    assert contenu.startswith(b"%PDF-")
    texte = pdf_text(contenu)
    assert "ATTESTATION DE DÉCISION FAVORABLE" in texte
    assert f"Le {aujourdhui:%d/%m/%Y}, une décision favorable a été prise" in texte

    # 6. Every agent's action is on the dossier (the audit trail the back-office shows).
    agent = plateforme.agent(*INSTRUCTEUR)
    complet = plateforme.json("dossier", "GET", f"/dossiers/{dossier_id}/complet", agent)
    actions = [
        (a["action"], a["tache"], a["agentNom"])
        for a in complet["actions"]
        if a["action"] != "document-consulte"
    ]
    assert actions == [
        ("prise", "Examiner la demande", "Alex MARTIN"),
        ("terminee", "Examiner la demande", "Alex MARTIN"),
        ("prise", "Examiner la demande", "Alex MARTIN"),
        ("terminee", "Examiner la demande", "Alex MARTIN"),
        ("prise", "Valider la décision", "Claude PETIT"),
        ("terminee", "Valider la décision", "Claude PETIT"),
    ]
    assert refus_csp == [[], [], []]
