"""The site on fakes of identity and the notifier, driven with httpx like a browser without JS."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI

from plumbing.settings import PlatformSettings
from services.gateway.settings import GatewaySettings
from services.gateway.wiring import Clients, build_app
from tests.services.gateway.fakes import FakeComptes
from tests.services.gateway.fakes_complements import FakeRondes
from tests.services.gateway.fakes_demande import FakeDemandes, FakeJustificatifs
from tests.services.gateway.fakes_notifications import FakeNotifications
from tests.support.stack import TEST_STACK, Stack, free_stack_ports, running_stack

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Site:
    app: FastAPI
    http: httpx.AsyncClient
    comptes: FakeComptes
    notifications: FakeNotifications
    demandes: FakeDemandes
    justificatifs: FakeJustificatifs

    async def csrf(self, page: str = "/connexion") -> str:
        found = CSRF.search((await self.http.get(page)).text)
        assert found, "aucun jeton CSRF dans la page"
        return found.group(1)

    async def post(self, url: str, data: dict[str, str], page: str = "/connexion") -> httpx.Response:
        return await self.http.post(url, data={**data, "csrf_token": await self.csrf(page)})

    async def connecter(self) -> None:
        response = await self.post(
            "/connexion", {"identifiant": "5903007178", "mot_de_passe": "Tournesol.Lille59!"}
        )
        assert response.status_code == 303, response.text


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    comptes, notifications, demandes = FakeComptes(), FakeNotifications(), FakeDemandes()
    justificatifs = FakeJustificatifs(demandes)
    demandes.complements = FakeRondes(demandes, justificatifs)
    demandes.comptes = comptes
    clients = Clients(comptes, notifications, demandes, justificatifs)
    app = build_app(GatewaySettings(), PlatformSettings(), clients)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        yield Site(app, http, comptes, notifications, demandes, justificatifs)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The whole stack (`make run`'s processes), shared by the browser tests of the site."""
    with running_stack(tmp_path_factory.mktemp("anef-var"), free_stack_ports(), env=TEST_STACK) as running:
        yield running


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The minors' journeys last: NEUF's account is the one the account-creation test makes."""
    dernier = "test_mineurs_navigateur.py"
    items.sort(key=lambda item: item.path.name == dernier)  # stable: the rest keeps its order
