"""The back-office in Chromium on a 360 px phone, through the real stack: ONZE's application is
deposited; the instructeur of Pas-de-Calais signs in, sees the task list, opens « Examiner la
demande », sees the dossier with a document shown inline, takes the task and completes it with
the form; each action is in the dossier's history. Zero axe-core violations, no CSP refusal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from plumbing.settings import REPO_ROOT
from tests.e2e.plateforme import Plateforme, until
from tests.services.gateway.navigateur import AXE, surveiller_csp
from tests.support.stack import Stack, free_stack_ports, running_stack

pytestmark = [pytest.mark.browser, pytest.mark.e2e]

ONZE = ("6203007181", "Beffroi.Arras62!")  # devtools/seed.py: an adult of préfecture 62
INSTRUCTEUR = ("instructeur.pas-de-calais", "Instruction-PdC-62")
EXAMINER = "UserTask_ExaminerDemande"
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
# What sticks out of the page, to say which element is too wide.
TROP_LARGES = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


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


def verifier_page(page: Page, nom: str) -> None:
    """Zero axe-core violations, nothing wider than the phone, and a screenshot to look at."""
    page.wait_for_load_state("networkidle")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    resultat: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in resultat["violations"]]
    assert violations == [], f"{nom} : {violations}"
    largeur = page.evaluate("document.documentElement.scrollWidth")
    trop_larges = page.evaluate(TROP_LARGES) if largeur > 360 else []
    assert page.viewport_size is None or largeur <= page.viewport_size["width"], (
        f"{nom} : {largeur}px {trop_larges}"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"backoffice-{nom}.png"), full_page=True)


def test_un_agent_instruit_une_demande_a_cote_du_dossier(
    stack: Stack, plateforme: Plateforme, phone_page: Page
) -> None:
    demandeur = plateforme.connecter(*ONZE)
    dossier_id = plateforme.deposer(demandeur)["id"]
    tache = plateforme.tache("prefecture-62", dossier_id, EXAMINER)
    page, site = phone_page, stack.url("backoffice")
    refus_csp = surveiller_csp(page)

    page.goto(site + "/connexion")
    verifier_page(page, "1-connexion")
    page.fill("#identifiant", INSTRUCTEUR[0])
    page.fill("#mot_de_passe", INSTRUCTEUR[1])
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Tâches", exact=True)).to_be_visible()
    ligne = page.locator(f'tr[data-tache="{tache["userTaskKey"]}"]')
    expect(ligne).to_contain_text("Examiner la demande")
    verifier_page(page, "2-taches")

    ligne.get_by_role("link", name="Examiner la demande").click()
    expect(page.get_by_role("heading", name="Examiner la demande", level=1)).to_be_visible()
    expect(page.locator("#dossier-etat-civil")).to_be_visible()
    expect(page.get_by_text("ONZE", exact=False).first).to_be_visible()
    image = page.locator("img.anef-apercu").first
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    until(lambda: image.evaluate("i => i.complete && i.naturalWidth > 0"), "l'image affichée dans la page")
    expect(page.locator("iframe.anef-apercu").first).to_be_attached()
    fichier = page.request.get(site + image.get_attribute("src"))  # type: ignore[operator]
    assert fichier.ok and fichier.headers["content-type"] == "image/png"
    assert fichier.headers["content-disposition"].startswith("inline")
    verifier_page(page, "3-tache-dossier")

    page.get_by_role("button", name="Prendre").click()
    expect(page.get_by_role("button", name="Rendre")).to_be_visible()
    expect(page.locator("#formulaire-js")).to_be_visible()  # form-js rendered the task's form
    verifier_page(page, "4-tache-prise")
    page.locator("#formulaire-js").get_by_label("Décision favorable").check()
    page.get_by_role("button", name="Terminer la tâche").click()
    expect(page).to_have_url(f"{site}/taches?vue=mes-taches&terminee=1")
    verifier_page(page, "5-tache-terminee")

    agent = plateforme.agent(*INSTRUCTEUR)
    complet = plateforme.json("dossier", "GET", f"/dossiers/{dossier_id}/complet", agent)
    actions = [(a["action"], a["tache"], a["agentId"]) for a in complet["actions"]]
    assert actions == [
        ("prise", "Examiner la demande", agent.id),
        ("terminee", "Examiner la demande", agent.id),
    ]
    assert complet["actions"][-1]["resultat"] == "Suite proposée : Décision favorable"
    assert refus_csp == []
