"""Sign-in limits as the site applies them, on the REAL identity service (in process): the visitor's
address behind trusted proxies only, and the device cookie that a stranger's lockout does not stop."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest

from contracts.clients.identity import IdentityClient
from plumbing.settings import PlatformSettings
from services.gateway.adapters.identity import IdentityAccounts
from services.gateway.settings import GatewaySettings
from services.gateway.wiring import GATEWAY, Clients, build_app
from services.identity.wiring import IdentityParts
from services.identity.wiring import build_app as build_identity_app
from tests.services.gateway.fakes_demande import FakeDemandes, FakeJustificatifs
from tests.services.gateway.fakes_notifications import FakeNotifications
from tests.services.identity.conftest import HorlogeReglable, build_deps
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

pytestmark = pytest.mark.integration

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SEPT = {"identifiant": "5903007178", "mot_de_passe": "Tournesol.Lille59!"}
BLOQUE = "Trop de tentatives. Pour votre sécurité, réessayez dans quelques minutes."
Site = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def identity(tmp_path: object) -> Iterator[IdentityParts]:
    deps = build_deps(f"sqlite:///{tmp_path}/identity.db", HorlogeReglable())  # 12 failures per address
    yield deps
    deps.engine.dispose()


@pytest.fixture
def site(identity: IdentityParts) -> Site:
    """The site on identity; `proxys`: GATEWAY_TRUSTED_PROXIES; `pair`: the socket's peer."""

    @asynccontextmanager
    async def ouvrir(proxys: str = "", pair: str = "127.0.0.1") -> AsyncIterator[httpx.AsyncClient]:
        platform = PlatformSettings()
        vers_identity = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=trust_test_tokens(build_identity_app(platform, identity))),
            base_url="http://identity",
        )
        demandes = FakeDemandes()
        clients = Clients(
            IdentityAccounts(IdentityClient(vers_identity, TEST_TOKENS, GATEWAY)),
            FakeNotifications(),
            demandes,
            FakeJustificatifs(demandes),
        )
        settings = GatewaySettings(trusted_proxies=proxys, cookie_secure=True)
        app = build_app(settings, platform, clients)
        transport = httpx.ASGITransport(app=app, client=(pair, 40000))
        async with (
            vers_identity,
            httpx.AsyncClient(transport=transport, base_url="https://127.0.0.1") as http,
        ):
            yield http

    return ouvrir


async def connecter(http: httpx.AsyncClient, en_tetes: dict[str, str] | None = None, **champs: str) -> str:
    """Sign in with the form; the page's error, or "connecté"."""
    found = CSRF.search((await http.get("/connexion")).text)
    assert found
    reponse = await http.post(
        "/connexion", data={**SEPT, **champs, "csrf_token": found.group(1)}, headers=en_tetes or {}
    )
    if reponse.status_code == 303:
        return "connecté"
    for message in (BLOQUE, "Identifiant ou mot de passe incorrect."):
        if message in reponse.text:
            return message
    raise AssertionError(reponse.text)


async def test_un_x_forwarded_for_invente_n_echappe_pas_a_la_limite_par_adresse(site: Site) -> None:
    async with site() as http:
        for n in range(12):  # twelve accounts tried, each "from" another address
            faux = {"X-Forwarded-For": f"198.51.100.{n}"}
            assert await connecter(http, faux, identifiant=f"59000000{n:02d}") != "connecté"
        assert await connecter(http, {"X-Forwarded-For": "198.51.100.99"}) == BLOQUE


async def test_derriere_un_mandataire_de_confiance_l_adresse_transmise_compte(site: Site) -> None:
    async with site(proxys="10.0.0.0/8", pair="10.1.2.3") as http:
        for n in range(12):
            en_tetes = {"X-Forwarded-For": "203.0.113.50"}
            assert await connecter(http, en_tetes, identifiant=f"59000000{n:02d}") != "connecté"
        assert await connecter(http, {"X-Forwarded-For": "203.0.113.50"}) == BLOQUE
        # what the visitor wrote left of the proxy's own entry does not count
        inventee = {"X-Forwarded-For": "192.0.2.1, 203.0.113.50"}
        assert await connecter(http, inventee, identifiant="5900000099") == BLOQUE
        # another visitor behind the same proxy is not blocked
        assert await connecter(http, {"X-Forwarded-For": "203.0.113.51"}) == "connecté"


async def test_un_appel_direct_n_est_pas_cru_hors_des_mandataires_declares(site: Site) -> None:
    async with site(proxys="10.0.0.0/8", pair="192.0.2.200") as http:
        for n in range(12):
            faux = {"X-Forwarded-For": f"198.51.100.{n}"}
            assert await connecter(http, faux, identifiant=f"59000000{n:02d}") != "connecté"
        assert await connecter(http, {"X-Forwarded-For": "198.51.100.99"}) == BLOQUE


async def test_le_navigateur_du_proprietaire_passe_le_blocage_d_un_inconnu(site: Site) -> None:
    async with site() as proprietaire, site() as inconnu:
        assert await connecter(proprietaire) == "connecté"
        cookie = next(c for c in proprietaire.cookies.jar if c.name == "anef_appareil")
        assert cookie.secure and cookie.has_nonstandard_attr("HttpOnly")
        assert cookie.get_nonstandard_attr("SameSite", "").lower() == "strict"
        assert cookie.expires
        for n in range(5):
            assert await connecter(inconnu, mot_de_passe=f"Faux.{n}!") != "connecté"
        assert await connecter(inconnu) == BLOQUE
        proprietaire.cookies.delete("anef_session")  # signed out since; the device cookie stays
        assert await connecter(proprietaire) == "connecté"
