"""How many internal API calls each page of the personal space makes (issue 8's quality: at most
three). Every fake service is wrapped so that each call the pages make to it is counted."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable
from typing import Any, cast

import httpx
import pytest

from plumbing.settings import PlatformSettings
from services.gateway.settings import GatewaySettings
from services.gateway.wiring import Clients, build_app
from tests.services.gateway.conftest import Site
from tests.services.gateway.fakes import FakeComptes
from tests.services.gateway.fakes_complements import FakeRondes
from tests.services.gateway.fakes_demande import FakeDemandes, FakeJustificatifs
from tests.services.gateway.fakes_notifications import FakeNotifications
from tests.services.gateway.test_complements import ronde_ouverte
from tests.services.gateway.test_suivi import deposee

pytestmark = pytest.mark.integration
MAX_APPELS = 3


class Compte:
    """A service as the pages see it: each call of one of its coroutines is one internal call."""

    def __init__(self, service: str, cible: object, appels: list[str]) -> None:
        self._service, self._cible, self._appels = service, cible, appels

    def __getattr__(self, nom: str) -> Any:
        valeur = getattr(self._cible, nom)
        if not inspect.iscoroutinefunction(valeur):
            return valeur

        async def appel(*args: Any, **kwargs: Any) -> Any:
            self._appels.append(f"{self._service}.{nom}")
            return await valeur(*args, **kwargs)

        return appel


@pytest.fixture
async def compte() -> AsyncIterator[tuple[Site, list[str]]]:
    comptes, notifications, demandes = FakeComptes(), FakeNotifications(), FakeDemandes()
    justificatifs = FakeJustificatifs(demandes)
    demandes.complements = FakeRondes(demandes, justificatifs)
    appels: list[str] = []
    comptees: list[Any] = [
        Compte(service, cible, appels)
        for service, cible in (
            ("identity", comptes),
            ("notifier", notifications),
            ("dossier", demandes),
            ("documents", justificatifs),
        )
    ]
    app = build_app(GatewaySettings(), PlatformSettings(), cast(Callable[..., Clients], Clients)(*comptees))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        yield Site(app, http, comptes, notifications, demandes, justificatifs), appels


async def appels_de(site: Site, appels: list[str], url: str) -> list[str]:
    appels.clear()
    page = await site.http.get(url)
    assert page.status_code == 200, page.text
    return list(appels)


async def test_ma_demande_makes_three_internal_calls(compte: tuple[Site, list[str]]) -> None:
    site, appels = compte
    dossier_id = await deposee(site)
    site.notifications.ajouter("Demande de complément", dossier_id=dossier_id)
    faits = await appels_de(site, appels, f"/demande/{dossier_id}/suivi")
    assert sorted(faits) == ["dossier.complet", "identity.session", "notifier.lister"], faits


async def test_the_round_page_makes_three_internal_calls(compte: tuple[Site, list[str]]) -> None:
    site, appels = compte
    dossier_id = await ronde_ouverte(site)
    faits = await appels_de(site, appels, f"/demande/{dossier_id}/complements/1")
    # the session, the dossier's bundle (round and pieces), the notifier's opening of the demand
    # (the acknowledgement of receipt) with the bell
    assert sorted(faits) == ["dossier.complet", "identity.session", "notifier.ouvrir_demande"]
    assert (
        "Vous avez pris connaissance de cette demande"
        in (await site.http.get(f"/demande/{dossier_id}/complements/1")).text
    )


@pytest.mark.parametrize("page", ["/", "/espace/notifications", "/espace/demande"])
async def test_the_personal_space_pages_make_at_most_three_calls(
    compte: tuple[Site, list[str]], page: str
) -> None:
    site, appels = compte
    await deposee(site)
    faits = await appels_de(site, appels, page)
    assert len(faits) <= MAX_APPELS, faits
