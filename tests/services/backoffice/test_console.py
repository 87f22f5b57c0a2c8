"""The process owners' console on a REAL engine (its Camunda REST API) and the real bpmnlint (Node):
who may use it, definitions and their forms, lint blocking a broken model, deploying a new version
that running instances do not follow, an instance's page, retrying an incident, cancelling."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from contracts.process import PROCESS_ID
from plumbing.settings import PlatformSettings
from services.backoffice.adapters.bpmnlint import NodeBpmnLint
from services.backoffice.adapters.camunda import CamundaClient
from services.backoffice.adapters.camunda_console import CamundaReferentiel
from services.backoffice.adapters.moteur import CamundaMoteur
from services.backoffice.settings import BackofficeSettings
from services.backoffice.wiring import Clients, build_app
from tests.services.backoffice.conftest import Backoffice
from tests.services.backoffice.fakes import MOTS_DE_PASSE, FakeAgents, FakeDossiers
from tests.services.backoffice.processus import REPO, Processus
from tests.support.engine_server import EngineServer

pytestmark = pytest.mark.integration

EXAMINER = "UserTask_ExaminerDemande"
MODELE = REPO / "bpmn" / "renouvellement-titre-sejour-ase.bpmn"
ESSAI = Path(__file__).parent / "console_essai.bpmn"


@pytest.fixture
async def console(engine: EngineServer) -> AsyncIterator[Backoffice]:
    """The back-office with the console's own engine client (closed with the test) and a test model."""
    files = [("resources", (ESSAI.name, ESSAI.read_bytes(), "application/xml"))]
    platform = PlatformSettings(CAMUNDA_REST_ADDRESS=engine.rest_url)  # type: ignore[call-arg]
    async with (
        engine.rest_client("backoffice", timeout=10) as camunda,
        engine.rest_client(timeout=10) as moteur,
    ):
        (await moteur.post("/v2/deployments", files=files)).raise_for_status()
        client = CamundaClient(camunda)
        clients = Clients(
            FakeAgents(), CamundaMoteur(client), FakeDossiers(), CamundaReferentiel(client), NodeBpmnLint()
        )
        app = build_app(BackofficeSettings(), platform, clients)
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
            yield Backoffice(app, http, moteur, clients.dossiers, Processus(moteur))  # type: ignore[arg-type]


async def definitions(console: Backoffice, processus: str) -> list[dict[str, object]]:
    corps = {"filter": {"processDefinitionId": processus}, "sort": [{"field": "version", "order": "ASC"}]}
    return (await console.engine.post("/v2/process-definitions/search", json=corps)).json()["items"]  # type: ignore[no-any-return]


async def deployer(console: Backoffice, xml: str, depuis: str = "") -> httpx.Response:
    champs = {"xml": xml, "nom": MODELE.name, "depuis": depuis}
    return await console.post("/console/deploiements", champs, page="/console/deploiement")


async def instance_en_incident(console: Backoffice) -> tuple[str, str]:
    corps = {"processDefinitionId": "console-essai", "variables": {"essai": 1}}
    instance = str(
        (await console.engine.post("/v2/process-instances", json=corps)).json()["processInstanceKey"]
    )
    await echouer_le_job(console)
    for _ in range(100):
        filtre = {"filter": {"processInstanceKey": instance, "state": "ACTIVE"}}
        if items := (await console.engine.post("/v2/incidents/search", json=filtre)).json()["items"]:
            return instance, str(items[0]["incidentKey"])
        await asyncio.sleep(0.05)
    raise AssertionError("aucun incident")


async def activer(console: Backoffice) -> list[dict[str, object]]:
    corps = {"type": "console.essai", "worker": "essai", "timeout": 30_000, "maxJobsToActivate": 1}
    for _ in range(100):
        jobs = (
            await console.engine.post("/v2/jobs/activation", json={**corps, "requestTimeout": -1})
        ).json()["jobs"]
        if jobs:
            return jobs  # type: ignore[no-any-return]
        await asyncio.sleep(0.05)
    raise AssertionError("aucun job")


async def echouer_le_job(console: Backoffice) -> None:
    [job] = await activer(console)
    echec = {"retries": 0, "errorMessage": "service des titres indisponible (HTTP 503)"}
    assert (await console.engine.post(f"/v2/jobs/{job['jobKey']}/failure", json=echec)).status_code == 204


async def terminer_le_job(console: Backoffice) -> None:
    [job] = await activer(console)
    assert (await console.engine.post(f"/v2/jobs/{job['jobKey']}/completion", json={})).status_code == 204


async def test_the_console_is_for_process_owners_and_admins_only(console: Backoffice) -> None:
    instance, _ = await instance_en_incident(console)
    assert (await console.http.get("/console/processus")).headers["location"] == "/connexion"
    await console.connecter("instructeur.nord")
    assert "Console du processus" not in (await console.http.get("/taches")).text
    for url in (
        "/console/processus",
        "/console/instances",
        f"/console/instances/{instance}",
        "/console/deploiement",
    ):
        refus = await console.http.get(url)
        assert refus.status_code == 403 and "Accès réservé" in refus.text, url
    for url in (f"/console/instances/{instance}/annulation", "/console/deploiements"):
        refus = await console.post(url, {"xml": MODELE.read_text()}, page="/taches")
        assert refus.status_code == 403, url
    assert (await console.engine.get(f"/v2/process-instances/{instance}")).json()["state"] == "ACTIVE"
    for agent in ("responsable.processus", "admin"):
        await console.connecter(agent)
        assert "Console du processus" in (await console.http.get("/taches")).text
        assert (await console.http.get("/console/processus")).status_code == 200


async def test_a_process_owner_only_lands_on_the_console_others_on_their_tasks(console: Backoffice) -> None:
    for agent, accueil in (
        ("responsable.processus", "/console/processus"),
        ("responsable.nord", "/console/processus"),
        ("admin", "/taches"),
        ("instructeur.nord", "/taches"),
    ):
        console.http.cookies.clear()
        champs = {"identifiant": agent, "mot_de_passe": MOTS_DE_PASSE[agent]}
        connexion = await console.post("/connexion", champs)
        assert connexion.headers["location"] == accueil, agent
        assert (await console.http.get("/")).headers["location"] == accueil, agent


async def test_definitions_show_their_versions_diagram_and_forms(console: Backoffice) -> None:
    await console.connecter("responsable.processus")
    liste = (await console.http.get("/console/processus")).text
    [definition] = await definitions(console, PROCESS_ID)
    cle = str(definition["processDefinitionKey"])
    assert f'data-processus="{PROCESS_ID}"' in liste and f"/console/processus/{cle}" in liste
    fiche = (await console.http.get(f"/console/processus/{cle}")).text
    assert f'data-xml="/console/processus/{cle}/xml"' in fiche and "version 1" in fiche
    assert "<code>examen-demande</code>" in fiche and "<code>validation-decision</code>" in fiche
    xml = await console.http.get(f"/console/processus/{cle}/xml")
    assert xml.headers["content-type"].startswith("application/xml") and "Task_FixerDelais" in xml.text
    for inconnue in ("2251799813999999", "abc"):
        assert (await console.http.get(f"/console/processus/{inconnue}")).status_code == 404


async def test_each_linked_form_is_shown_with_its_fields_once_the_engine_can_give_it(
    console: Backoffice,
) -> None:
    await console.connecter("responsable.processus")
    [definition] = await definitions(console, PROCESS_ID)
    url = f"/console/processus/{definition['processDefinitionKey']}"
    avant = (await console.http.get(url)).text
    assert 'data-formulaire="examen-demande"' in avant and "data-formulaire-absent" in avant
    assert "form-viewer.umd.js" not in avant  # nothing to render yet
    instance = await console.processus.demarrer("dossier-formulaire")
    await console.processus.tache(instance, EXAMINER)
    fiche = (await console.http.get(url)).text
    section = fiche[fiche.index('id="formulaire-UserTask_ExaminerDemande"') :]
    section = section[: section.index("</section>")]
    assert "data-formulaire-absent" not in section and 'id="schema-UserTask_ExaminerDemande"' in section
    assert re.search(
        r'<tr data-champ="decision"><td>Suite proposée</td><td>choix unique \(boutons radio\)</td><td>oui</td>',
        section,
    )
    assert '<tr data-champ="observation"><td>Observation pour le demandeur</td>' in section
    assert 'data-champ="piece"' in section  # inside the dynamic list of requested documents
    assert (
        "/static/form-js/form-viewer.umd.js" in fiche and "/static/backoffice/console/formulaires.js" in fiche
    )
    assert (await console.http.get("/static/backoffice/console/formulaires.js")).status_code == 200


async def test_bpmnlint_blocks_a_broken_model_and_says_why_in_french(console: Backoffice) -> None:
    await console.connecter("responsable.processus")
    casse = re.sub(
        r'<zeebe:taskDefinition type="dossier\.enregistrer"[^>]*/>', "", MODELE.read_text(), count=1
    )
    assert casse != MODELE.read_text()
    refus = await deployer(console, casse)
    assert refus.status_code == 422 and "Le modèle n'a pas été déployé" in refus.text
    assert re.search(r"Élément « Task_\w+ » : Element of type &lt;bpmn:ServiceTask&gt; must have", refus.text)
    assert "règle camunda-compat/" in refus.text
    illisible = await deployer(console, "<definitions")
    assert illisible.status_code == 422 and "le XML n&#39;est pas un modèle BPMN valide" in illisible.text
    vide = await deployer(console, "  ")
    assert vide.status_code == 422 and "Le fichier est vide" in vide.text
    assert len(await definitions(console, PROCESS_ID)) == 1


async def test_a_changed_model_is_a_new_version_that_running_instances_do_not_follow(
    console: Backoffice,
) -> None:
    avant = await console.processus.demarrer("dossier-avant")
    await console.connecter("responsable.processus")
    [v1] = await definitions(console, PROCESS_ID)
    xml = (await console.http.get(f"/console/processus/{v1['processDefinitionKey']}/xml")).text
    modifie = xml.replace("reponseComplements: &#34;P30D&#34;", "reponseComplements: &#34;P45D&#34;")
    assert modifie != xml
    deploye = await deployer(console, modifie, depuis=str(v1["processDefinitionKey"]))
    assert deploye.status_code == 303, deploye.text
    [_, v2] = await definitions(console, PROCESS_ID)
    assert (
        v2["version"] == 2
        and deploye.headers["location"] == f"/console/processus/{v2['processDefinitionKey']}?deploye=2"
    )
    assert "La version 2 est déployée" in (await console.http.get(deploye.headers["location"])).text
    apres = await console.processus.demarrer("dossier-apres")
    for instance, version, delai in ((avant, 1, "P30D"), (apres, 2, "P45D")):
        lue = (await console.engine.get(f"/v2/process-instances/{instance}")).json()
        assert lue["processDefinitionVersion"] == version
        await console.processus.attendre(instance, "Task_EnregistrerDemande")
        assert (await console.processus.variables(instance))["delais"]["reponseComplements"] == delai


async def test_bpmnlint_warnings_are_shown_before_and_after_deploying_and_do_not_block(
    console: Backoffice,
) -> None:
    await console.connecter("responsable.processus")
    averti = re.sub(r"<zeebe:userTask\s*/>", "", MODELE.read_text(), count=1).encode()
    jeton = await console.csrf("/console/deploiement")
    fichier = {"fichier": (MODELE.name, averti, "application/octet-stream")}
    verifie = await console.http.post(
        "/console/deploiements", data={"csrf_token": jeton, "action": "verifier"}, files=fichier
    )
    assert verifie.status_code == 200 and "Aucune erreur" in verifie.text
    assert (
        'data-element="UserTask_ExaminerDemande" data-regle="camunda-compat/zeebe-user-task"' in verifie.text
    )
    assert "avertissement, règle camunda-compat/zeebe-user-task" in verifie.text
    assert len(await definitions(console, PROCESS_ID)) == 1  # checked, not deployed
    deploye = await console.http.post(
        "/console/deploiements", data={"csrf_token": jeton, "action": "deployer"}, files=fichier
    )
    assert deploye.status_code == 303 and len(await definitions(console, PROCESS_ID)) == 2
    fiche = (await console.http.get(deploye.headers["location"])).text
    assert "La version 2 est déployée" in fiche and 'id="avertissements"' in fiche
    assert "1 avertissement de bpmnlint" in fiche and "UserTask_ExaminerDemande" in fiche
    casse = re.sub(r'<zeebe:taskDefinition type="dossier\.enregistrer"[^>]*/>', "", averti.decode(), count=1)
    refus = await deployer(console, casse)
    assert refus.status_code == 422 and "cette erreur" in refus.text and 'id="avertissements"' in refus.text
    propre = (
        await console.http.get(
            f"/console/processus/{(await definitions(console, PROCESS_ID))[0]['processDefinitionKey']}?deploye=1"
        )
    ).text
    assert 'id="avertissements"' not in propre


async def test_a_file_upload_deploys_without_javascript(console: Backoffice) -> None:
    await console.connecter("admin")
    jeton = await console.csrf("/console/deploiement")
    renomme = MODELE.read_bytes().replace(
        b'id="Task_FixerDelais" name="', b'id="Task_FixerDelais" name="(v2) '
    )
    fichier = {"fichier": (MODELE.name, renomme, "application/octet-stream")}
    deploye = await console.http.post("/console/deploiements", data={"csrf_token": jeton}, files=fichier)
    assert deploye.status_code == 303, deploye.text
    assert [d["version"] for d in await definitions(console, PROCESS_ID)] == [1, 2]
    sans_jeton = await console.http.post("/console/deploiements", files=fichier)
    assert sans_jeton.status_code == 403 and len(await definitions(console, PROCESS_ID)) == 2
    sans_di = {"fichier": ("essai.bpmn", ESSAI.read_bytes(), "text/xml")}
    refus = await console.http.post("/console/deploiements", data={"csrf_token": jeton}, files=sans_di)
    assert refus.status_code == 422 and "Element is missing bpmndi" in refus.text


async def test_the_instance_page_shows_tokens_path_variables_and_history(console: Backoffice) -> None:
    instance = await console.processus.demarrer("dossier-1")
    await console.processus.tache(instance, EXAMINER)
    await console.connecter("responsable.processus")
    page = (await console.http.get(f"/console/instances/{instance}")).text
    actifs = re.search(r'data-actifs="([^"]*)"', page)
    parcourus = re.search(r'data-parcourus="([^"]*)"', page)
    assert actifs and EXAMINER in actifs.group(1).split()
    assert parcourus and {"Task_FixerDelais", "Task_EnregistrerDemande"} <= set(parcourus.group(1).split())
    assert f'data-element="{EXAMINER}" data-etat="ACTIVE"' in page
    assert 'data-element="Task_FixerDelais" data-etat="COMPLETED"' in page
    assert page.index('data-element="Task_FixerDelais"') < page.index(f'data-element="{EXAMINER}"')
    assert 'data-variable="dossierId"' in page and "&#34;dossier-1&#34;" not in page
    assert "<em>masqué</em>" in page and 'data-valeurs="masquees"' in page
    assert "Aucun incident ouvert." in page and "Annuler l'instance" in page
    assert (await console.http.get("/console/instances/2251799813999999")).status_code == 404


async def test_variable_values_are_for_admins_and_the_owners_of_the_instance_prefecture(
    console: Backoffice,
) -> None:
    instance = await console.processus.demarrer("dossier-59", prefecture="59")
    await console.processus.tache(instance, EXAMINER)
    for agent, visibles in (
        ("responsable.processus", False),
        ("responsable.pas-de-calais", False),
        ("responsable.nord", True),
        ("admin", True),
    ):
        await console.connecter(agent)
        page = (await console.http.get(f"/console/instances/{instance}")).text
        assert 'data-variable="dossierId"' in page and 'data-variable="prefecture"' in page, agent
        assert ("&#34;dossier-59&#34;" in page) is visibles, agent
        assert ("<em>masqué</em>" in page) is not visibles, agent


async def test_the_instance_list_filters_and_pages(console: Backoffice) -> None:
    en_incident, _ = await instance_en_incident(console)
    renouvellement = await console.processus.demarrer("dossier-1")
    await console.connecter("responsable.processus")

    async def cles(requete: str) -> list[str]:
        return re.findall(
            r'data-instance="(\d+)"', (await console.http.get(f"/console/instances?{requete}")).text
        )

    assert set(await cles("")) >= {en_incident, renouvellement}
    assert await cles("processus=console-essai") == [en_incident]
    assert await cles("incident=oui") == [en_incident]
    assert renouvellement in await cles("incident=non") and en_incident not in await cles("incident=non")
    assert await cles(f"processus={PROCESS_ID}&version=1&etat=ACTIVE") == [renouvellement]
    assert await cles(f"processus={PROCESS_ID}&version=2") == []
    assert await cles("etat=COMPLETED") == []
    aujourdhui = date.today()
    assert set(await cles(f"du={aujourdhui - timedelta(days=1)}&au={aujourdhui + timedelta(days=1)}")) >= {
        en_incident
    }
    assert await cles(f"du={aujourdhui + timedelta(days=2)}") == []
    erreur = await console.http.get("/console/instances?version=deux&du=31/12/2026")
    assert erreur.status_code == 200 and "La version est un nombre entier" in erreur.text
    assert "Saisissez une date valide" in erreur.text


async def test_retrying_an_incident_says_honestly_when_it_fails_again(console: Backoffice) -> None:
    instance, incident = await instance_en_incident(console)
    await console.connecter("responsable.processus")
    page = (await console.http.get(f"/console/instances/{instance}")).text
    assert "service des titres indisponible (HTTP 503)" in page and 'data-incidents="appeler"' in page
    url = f"/console/instances/{instance}/incidents/{incident}/reprise"

    reprise, _ = await asyncio.gather(
        console.post(url, page=f"/console/instances/{instance}"), echouer_le_job(console)
    )
    assert reprise.status_code == 303 and reprise.headers["location"].endswith("?reprise=echec#incidents")
    page = (await console.http.get(reprise.headers["location"])).text
    assert "La reprise a échoué à nouveau" in page and "service des titres indisponible" in page
    [nouvel] = re.findall(r'data-incident="(\d+)"', page)
    assert nouvel != incident
    deja = await console.post(url, page=f"/console/instances/{instance}")
    assert deja.status_code == 409 and "Incident déjà traité" in deja.text

    url = f"/console/instances/{instance}/incidents/{nouvel}/reprise"
    reprise, _ = await asyncio.gather(
        console.post(url, page=f"/console/instances/{instance}"), terminer_le_job(console)
    )
    assert reprise.headers["location"].endswith("?reprise=reussie#incidents")
    assert (await console.engine.get(f"/v2/process-instances/{instance}")).json()["state"] == "COMPLETED"
    assert "Reprise réussie" in (await console.http.get(reprise.headers["location"])).text


async def test_an_instance_is_cancelled_after_confirmation(console: Backoffice) -> None:
    instance = await console.processus.demarrer("dossier-1")
    await console.processus.tache(instance, EXAMINER)
    await console.connecter("admin")
    confirmation = await console.http.get(f"/console/instances/{instance}/annulation")
    assert "Cette action est définitive" in confirmation.text
    annulee = await console.post(
        f"/console/instances/{instance}/annulation", page=f"/console/instances/{instance}"
    )
    assert annulee.status_code == 303
    assert (await console.engine.get(f"/v2/process-instances/{instance}")).json()["state"] == "TERMINATED"
    assert await console.processus.taches_ouvertes(instance, EXAMINER) == []
    assert "Instance annulée" in (await console.http.get(annulee.headers["location"])).text
    encore = await console.post(
        f"/console/instances/{instance}/annulation", page=f"/console/instances/{instance}"
    )
    assert encore.status_code == 409 and "déjà terminée" in encore.text


async def test_only_the_modeler_page_allows_inline_styles_and_scripts_stay_self(console: Backoffice) -> None:
    await console.connecter("responsable.processus")
    [definition] = await definitions(console, PROCESS_ID)
    modeleur = await console.http.get(f"/console/deploiement?depuis={definition['processDefinitionKey']}")
    assert (
        'id="modeleur"' in modeleur.text
        and 'name="xml"' in modeleur.text
        and 'name="fichier"' in modeleur.text
    )
    csp = modeleur.headers["content-security-policy"]
    assert "style-src 'self' 'unsafe-inline'" in csp and "script-src 'self';" in csp
    for page in (
        "/console/processus",
        "/console/deploiement",
        f"/console/processus/{definition['processDefinitionKey']}",
    ):
        assert "unsafe-inline" not in (await console.http.get(page)).headers["content-security-policy"], page
