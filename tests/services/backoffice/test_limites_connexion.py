"""Agents' sign-in limits on the REAL identity service (in process): the agent's address is the
socket's peer unless a trusted proxy says otherwise, and the browser an agent signed in from
before gets past a stranger's lockout."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from contracts.clients.identity import IdentityClient
from plumbing.settings import PlatformSettings
from services.backoffice.adapters.camunda import CamundaClient
from services.backoffice.adapters.identity import IdentityAgents
from services.backoffice.adapters.moteur import CamundaMoteur
from services.backoffice.settings import BackofficeSettings
from services.backoffice.wiring import BACKOFFICE, Clients, build_app
from services.identity.wiring import IdentityParts
from services.identity.wiring import build_app as build_identity_app
from tests.services.backoffice.fakes import FakeDossiers
from tests.services.identity.conftest import HorlogeReglable, build_deps
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

pytestmark = pytest.mark.integration

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
AGENT = {"identifiant": "instructeur.nord", "mot_de_passe": "Instruction-Nord-59"}
BLOQUE = "Trop de tentatives. Pour votre sécurité, réessayez dans quelques minutes."


@pytest.fixture
def identity(tmp_path: Path) -> Iterator[IdentityParts]:
    deps = build_deps(f"sqlite:///{tmp_path}/identity.db", HorlogeReglable())  # 12 failures per address
    yield deps
    deps.engine.dispose()


@pytest.fixture
async def sites(identity: IdentityParts) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    """Two browsers on the back-office (no proxy trusted), both seen from 127.0.0.1."""
    platform = PlatformSettings()
    async with (
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=trust_test_tokens(build_identity_app(platform, identity))),
            base_url="http://identity",
        ) as vers_identity,
        httpx.AsyncClient(base_url="http://127.0.0.1:9") as moteur_absent,
    ):
        clients = Clients(
            IdentityAgents(IdentityClient(vers_identity, TEST_TOKENS, BACKOFFICE)),
            CamundaMoteur(CamundaClient(moteur_absent)),
            FakeDossiers(),
        )
        app = build_app(BackofficeSettings(APP_ENV="test", secret_key="s3cr3t-de-test"), platform, clients)
        async with (
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://127.0.0.1") as un,
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://127.0.0.1") as autre,
        ):
            yield un, autre


async def connecter(http: httpx.AsyncClient, en_tetes: dict[str, str] | None = None, **champs: str) -> str:
    found = CSRF.search((await http.get("/connexion")).text)
    assert found
    reponse = await http.post(
        "/connexion", data={**AGENT, **champs, "csrf_token": found.group(1)}, headers=en_tetes or {}
    )
    if reponse.status_code == 303:
        http.cookies.delete("anef_agent_session")  # signed out at once: the device cookie stays
        return "connecté"
    return BLOQUE if BLOQUE in reponse.text else "refusé"


async def test_un_x_forwarded_for_invente_n_echappe_pas_a_la_limite_par_adresse(
    sites: tuple[httpx.AsyncClient, httpx.AsyncClient],
) -> None:
    http, _ = sites
    for n in range(12):
        faux = {"X-Forwarded-For": f"198.51.100.{n}"}
        assert await connecter(http, faux, identifiant=f"agent.{n}") == "refusé"
    assert await connecter(http, {"X-Forwarded-For": "198.51.100.99"}) == BLOQUE


async def test_le_navigateur_de_l_agent_passe_le_blocage_d_un_inconnu(
    sites: tuple[httpx.AsyncClient, httpx.AsyncClient],
) -> None:
    agent, inconnu = sites
    assert await connecter(agent) == "connecté"
    cookie = next(c for c in agent.cookies.jar if c.name == "anef_agent_appareil")
    assert cookie.secure and cookie.has_nonstandard_attr("HttpOnly")
    assert cookie.get_nonstandard_attr("SameSite", "").lower() == "strict"
    for n in range(5):
        assert await connecter(inconnu, mot_de_passe=f"Faux.{n}") == "refusé"
    assert await connecter(inconnu) == BLOQUE
    assert await connecter(agent) == "connecté"
