"""A process owner changes the complement deadline in Chromium on a 360 px phone, with the modeler:
`reponseComplements` P30D → P45D in Task_FixerDelais, linted, deployed as version 2. An instance
already waiting on its 30-day timer keeps it; a new one waits 45 days (the engine's clock is moved
to see each timer fire, through the REST API). A broken file is refused with French messages.
Every page: zero axe-core violations, no CSP refusal, nothing wider than the phone, a screenshot.

The back-office runs for real (uvicorn) on a real engine, with identity faked as in the other
back-office tests; stand-in workers answer the renewal model's jobs over REST.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from playwright.sync_api import Page, expect

from contracts.process import PROCESS_ID, Message, Variable
from plumbing.settings import REPO_ROOT, PlatformSettings
from services.backoffice.adapters.bpmnlint import NodeBpmnLint
from services.backoffice.adapters.camunda import CamundaClient
from services.backoffice.adapters.camunda_console import CamundaReferentiel
from services.backoffice.adapters.moteur import CamundaMoteur
from services.backoffice.settings import BackofficeSettings
from services.backoffice.wiring import Clients, build_app
from tests.services.backoffice.conftest import MODELES
from tests.services.backoffice.fakes import MOTS_DE_PASSE, FakeAgents, FakeDossiers
from tests.services.backoffice.processus import Processus
from tests.services.gateway.navigateur import AXE, surveiller_csp
from tests.support.browser import serve_in_thread
from tests.support.engine_server import EngineServer, start_engine

pytestmark = [pytest.mark.browser, pytest.mark.integration]

T = TypeVar("T")
EXAMINER, DELAI = "UserTask_ExaminerDemande", "Event_DelaiTrenteJours"
JOUR_MS = 24 * 3600 * 1000
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, EngineServer]]:
    with start_engine(tmp_path) as engine:
        files = [("resources", (m.name, m.read_bytes(), "application/xml")) for m in MODELES]
        deployments = f"{engine.rest_url}/v2/deployments"
        httpx.post(deployments, files=files, auth=engine.bearer(), timeout=10).raise_for_status()
        # no connection kept between requests: the server's event loop ends with the test
        sans_reserve = httpx.Limits(max_keepalive_connections=0)
        client = CamundaClient(engine.rest_client("backoffice", timeout=10, limits=sans_reserve))
        clients = Clients(
            FakeAgents(), CamundaMoteur(client), FakeDossiers(), CamundaReferentiel(client), NodeBpmnLint()
        )
        platform = PlatformSettings(CAMUNDA_REST_ADDRESS=engine.rest_url)  # type: ignore[call-arg]
        with serve_in_thread(build_app(BackofficeSettings(), platform, clients)) as url:
            yield url, engine


def moteur(engine: EngineServer, travail: Callable[[Processus], Awaitable[T]]) -> T:
    """Drive the engine with the stand-ins, on an event loop of its own (Playwright holds this one)."""

    async def principal() -> T:
        async with engine.rest_client(timeout=10) as rest:
            return await travail(Processus(rest))

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, principal()).result()


def jusqu_au_delai_de_reponse(dossier: str) -> Callable[[Processus], Awaitable[str]]:
    """A new instance, asked for complements, whose notification is opened: its deadline timer runs."""

    async def travail(p: Processus) -> str:
        instance = await p.demarrer(dossier)
        tache = await p.tache(instance, EXAMINER)
        pieces = [{"piece": "justificatif-domicile", "observation": "Le justificatif est illisible."}]
        corps = {
            "variables": {"decision": "complements", "piecesDemandees": pieces, "examinateur": "agent-1"}
        }
        assert (await p.engine.post(f"/v2/user-tasks/{tache}/completion", json=corps)).status_code == 204
        for _ in range(400):
            if notification := (await p.variables(instance)).get(Variable.NOTIFICATION_COMPLEMENTS.value):
                break
            await p.executer_les_jobs()
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("la demande de compléments n'a pas été notifiée")
        message = {"name": Message.NOTIFICATION_LUE.value, "correlationKey": notification}
        assert (await p.engine.post("/v2/messages/publication", json=message)).status_code == 200
        await p.attendre(instance, DELAI)
        return instance

    return travail


def horloge(epoch_ms: int) -> Callable[[Processus], Awaitable[None]]:
    async def travail(p: Processus) -> None:
        assert (await p.engine.put("/v2/clock", json={"timestamp": epoch_ms})).status_code == 204

    return travail


def en_attente(*instances: str) -> Callable[[Processus], Awaitable[list[bool]]]:
    """Whether each instance's deadline timer still waits (once the engine has had time to fire it)."""

    async def travail(p: Processus) -> list[bool]:
        await asyncio.sleep(1.0)
        return [await p.actif(instance, DELAI) for instance in instances]

    return travail


def version_de(instance: str) -> Callable[[Processus], Awaitable[int]]:
    async def travail(p: Processus) -> int:
        return int(
            (await p.engine.get(f"/v2/process-instances/{instance}")).json()["processDefinitionVersion"]
        )

    return travail


def verifier(page: Page, nom: str) -> None:
    """Zero axe-core violations, nothing wider than the phone, and a screenshot to look at."""
    page.wait_for_load_state("networkidle")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    resultat: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in resultat["violations"]]
    assert violations == [], f"{nom} : {violations}"
    largeur = page.evaluate("document.documentElement.scrollWidth")
    trop_larges = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361"
        " && !e.closest('.console-defilement, .djs-container, #proprietes'))"
        ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"
    )
    assert largeur <= 360, f"{nom} : {largeur}px {trop_larges}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"console-{nom}.png"), full_page=True)


def test_a_process_owner_deploys_a_45_day_deadline_that_only_new_instances_follow(
    site: tuple[str, EngineServer], phone_page: Page, tmp_path: Path
) -> None:
    url, engine = site
    page, refus_csp = phone_page, surveiller_csp(phone_page)
    sources: list[str] = []
    page.on("console", lambda m: sources.append(m.text) if m.text.startswith("CSPV") else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.log('CSPV', location.pathname,"
        " e.sourceFile, e.lineNumber, e.columnNumber, e.violatedDirective, e.sample))"
    )
    t0 = int(time.time() * 1000)
    moteur(engine, horloge(t0))
    avant = moteur(engine, jusqu_au_delai_de_reponse("dossier-avant"))

    page.goto(url + "/connexion")
    page.fill("#identifiant", "responsable.processus")
    page.fill("#mot_de_passe", MOTS_DE_PASSE["responsable.processus"])
    page.keyboard.press("Enter")
    page.wait_for_url("**/console/processus")  # a process owner only: the console, not the tasks
    expect(page.locator(f'tr[data-processus="{PROCESS_ID}"]')).to_contain_text("version 1")
    verifier(page, "processus")

    # the definition: its diagram, and each linked form rendered read-only by form-js
    page.locator(f'tr[data-processus="{PROCESS_ID}"] td a[href^="/console/processus/"]').first.click()
    expect(page.locator('#diagramme[data-pret="1"]')).to_be_attached(timeout=20_000)
    rendu = page.locator("#formulaire-UserTask_ExaminerDemande .console-formulaire__rendu")
    expect(rendu).to_have_attribute("data-pret", "1", timeout=20_000)
    expect(rendu).to_contain_text("Suite proposée")
    expect(page.locator("#formulaire-UserTask_ExaminerDemande .console-formulaire__champs")).to_be_hidden()
    verifier(page, "definition")
    page.goto(url + "/console/processus")

    # the modeler: bpmn-js with the Zeebe properties panel, on the deployed version's XML
    page.locator(f'tr[data-processus="{PROCESS_ID}"]').get_by_role("link", name="Modifier").click()
    expect(page.locator('#modeleur[data-pret="1"]')).to_be_attached(timeout=20_000)
    page.evaluate(
        "m => { const r = window.modeleurBpmn; r.get('selection').select(r.get('elementRegistry').get(m)); }",
        "Task_FixerDelais",
    )
    expect(page.locator("#proprietes")).to_contain_text("Fixer les délais de la procédure")
    expect(page.locator("#proprietes")).to_contain_text("Script")
    verifier(page, "modeleur")
    # the change the properties panel's script field makes, as one command of the modeler
    page.evaluate(
        """() => {
          const r = window.modeleurBpmn, element = r.get('elementRegistry').get('Task_FixerDelais');
          const script = element.businessObject.extensionElements.values.find((v) => v.$type === 'zeebe:Script');
          r.get('modeling').updateModdleProperties(element, script,
            {expression: script.expression.replace('"P30D"', '"P45D"')});
        }"""
    )
    page.get_by_role("button", name="Vérifier et déployer le modèle modifié").click()
    expect(page.get_by_text("La version 2 est déployée")).to_be_visible()
    expect(page.locator('#diagramme[data-pret="1"]')).to_be_attached(timeout=20_000)
    verifier(page, "version-2")

    # a file that bpmnlint refuses: nothing deployed, each error with its element, in French
    casse = tmp_path / "casse.bpmn"
    xml = (REPO_ROOT / "bpmn" / f"{PROCESS_ID}.bpmn").read_text(encoding="utf-8")
    casse.write_text(xml.replace('<zeebe:taskDefinition type="dossier.enregistrer"', "<zeebe:x"), "utf-8")
    page.goto(url + "/console/deploiement")
    page.set_input_files("#fichier", str(casse))
    page.get_by_role("button", name="Vérifier et déployer le fichier").click()
    expect(page.locator("#constats")).to_contain_text("Le modèle n'a pas été déployé")
    expect(page.locator("#constats")).to_contain_text("Élément « Task_EnregistrerDemande »")
    verifier(page, "modele-refuse")

    # a warning only: « Vérifier » shows it, nothing deployed
    averti = tmp_path / "averti.bpmn"
    averti.write_text(xml.replace("<zeebe:userTask />", "", 1), "utf-8")
    page.set_input_files("#fichier", str(averti))
    page.get_by_role("button", name="Vérifier le fichier sans le déployer").click()
    expect(page.locator("#verification")).to_contain_text("Aucune erreur")
    expect(page.locator("#avertissements")).to_contain_text("camunda-compat/zeebe-user-task")
    verifier(page, "verification")

    apres = moteur(engine, jusqu_au_delai_de_reponse("dossier-apres"))
    assert (moteur(engine, version_de(avant)), moteur(engine, version_de(apres))) == (1, 2)
    moteur(engine, horloge(t0 + 30 * JOUR_MS + 60_000))
    assert moteur(engine, en_attente(avant, apres)) == [False, True]  # 30 days: only the old one
    moteur(engine, horloge(t0 + 45 * JOUR_MS - 60_000))
    assert moteur(engine, en_attente(apres)) == [True]
    moteur(engine, horloge(t0 + 45 * JOUR_MS + 60_000))
    assert moteur(engine, en_attente(apres)) == [False]  # 45 days: the new one

    page.goto(url + f"/console/instances?processus={PROCESS_ID}&version=2")
    expect(page.locator(f'tr[data-instance="{apres}"]')).to_be_visible()
    verifier(page, "instances")
    page.get_by_role("link", name=apres).click()
    expect(page.locator('#diagramme[data-pret="1"]')).to_be_attached(timeout=20_000)
    expect(page.locator(".djs-element.console-parcouru").first).to_be_attached()
    verifier(page, "instance")
    assert refus_csp == [], sources
