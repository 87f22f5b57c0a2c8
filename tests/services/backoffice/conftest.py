"""The back-office on a REAL engine (its Camunda REST API) with identity and dossier faked.

Each test gets a fresh engine with two tiny models (« Examiner la demande » offered to the
instance's `prefecture` group, « Valider la décision » offered to the shared `valideur` group)
and the renewal model of bpmn/ with its forms (`processus.Processus` drives it).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from plumbing.settings import PlatformSettings
from services.backoffice.adapters.camunda import CamundaClient
from services.backoffice.adapters.moteur import CamundaMoteur
from services.backoffice.settings import BackofficeSettings
from services.backoffice.wiring import Clients, build_app
from tests.services.backoffice.fakes import MOTS_DE_PASSE, FakeAgents, FakeDossiers
from tests.services.backoffice.processus import MODELE, Processus
from tests.support.engine_server import EngineServer, start_engine

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
MODELES = [Path(__file__).parent / "taches.bpmn", Path(__file__).parent / "validation.bpmn", *MODELE]


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[EngineServer]:
    with start_engine(tmp_path) as server:
        files = [("resources", (m.name, m.read_bytes(), "application/xml")) for m in MODELES]
        deployments = f"{server.rest_url}/v2/deployments"
        httpx.post(deployments, files=files, auth=server.bearer(), timeout=10).raise_for_status()
        yield server


@dataclass
class Backoffice:
    app: FastAPI
    http: httpx.AsyncClient
    engine: httpx.AsyncClient
    dossiers: FakeDossiers
    processus: Processus

    async def demarrer(self, processus: str, prefecture: str, echeance: str, **variables: object) -> str:
        """A new instance whose user task is waiting: its key."""
        corps = {
            "processDefinitionId": processus,
            "variables": {"prefecture": f"prefecture-{prefecture}", "echeance": echeance, **variables},
        }
        instance = (await self.engine.post("/v2/process-instances", json=corps)).json()
        filtre = {"filter": {"processInstanceKey": instance["processInstanceKey"]}}
        for _ in range(200):
            items = (await self.engine.post("/v2/user-tasks/search", json=filtre)).json()["items"]
            if items:
                return str(items[0]["userTaskKey"])
            await asyncio.sleep(0.05)
        raise AssertionError("la tâche n'a pas été créée")

    async def csrf(self, page: str = "/connexion") -> str:
        found = CSRF.search((await self.http.get(page)).text)
        assert found, "aucun jeton CSRF dans la page"
        return found.group(1)

    async def post(
        self, url: str, data: dict[str, str] | None = None, page: str = "/connexion"
    ) -> httpx.Response:
        return await self.http.post(url, data={**(data or {}), "csrf_token": await self.csrf(page)})

    async def connecter(self, identifiant: str) -> None:
        self.http.cookies.clear()
        reponse = await self.post(
            "/connexion", {"identifiant": identifiant, "mot_de_passe": MOTS_DE_PASSE[identifiant]}
        )
        assert reponse.status_code == 303, reponse.text


@pytest.fixture
async def backoffice(engine: EngineServer) -> AsyncIterator[Backoffice]:
    platform = PlatformSettings(CAMUNDA_REST_ADDRESS=engine.rest_url)  # type: ignore[call-arg]
    settings = BackofficeSettings()
    dossiers = FakeDossiers()
    async with (
        # the back-office's own connection to the real engine as its client (its permissions), closed
        # with the test (no socket left)
        engine.rest_client("backoffice", timeout=10) as camunda,
        engine.rest_client(timeout=10) as moteur,
    ):
        clients = Clients(FakeAgents(), CamundaMoteur(CamundaClient(camunda)), dossiers)
        app = build_app(settings, platform, clients)
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
            yield Backoffice(app, http, moteur, dossiers, Processus(moteur))
