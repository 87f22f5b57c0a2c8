"""identity's fixtures: a migrated database, a clock the tests move, the API as the gateway sees it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from sqlalchemy import select

from contracts.courriel import sujet_demande_courriel
from contracts.identity import JustificatifDomicile
from devtools.seed import semer_demonstration
from plumbing.actors import Actor
from plumbing.clock import day_in_france
from plumbing.settings import PlatformSettings
from services.identity.settings import IdentitySettings
from services.identity.storage.tables import outbox
from services.identity.wiring import IdentityParts, build_app, build_parts, migrate
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

TOKEN = "jeton-interne-de-test"
GATEWAY = Actor("service", "gateway")
# The `demandeur` process variable of Sept, as dossier.enregistrer sets it.
DEMANDEUR_SEPT = {
    "nom": "ETRANGER",
    "prenoms": "Sept",
    "dateNaissance": "2006-07-01",
    "lieuNaissance": "Brasilia",
    "nationalite": "Brésilienne",
    "numeroEtranger": "5903007178",
    "adresse": "20 RUE NATIONALE 59000 LILLE FRANCE",
}


class HorlogeReglable:
    def __init__(self) -> None:
        self.maintenant = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.maintenant

    def today(self) -> date:
        return day_in_france(self.maintenant)

    def avancer(self, **duree: float) -> None:
        self.maintenant += timedelta(**duree)


@pytest.fixture
def horloge() -> HorlogeReglable:
    return HorlogeReglable()


def identity_settings(url: str) -> IdentitySettings:
    return IdentitySettings(
        database_url=url,
        secret_key="secret-de-test",
        public_url="https://demarches.test",
        argon2_time_cost=1,
        argon2_memory_kib=64,
        argon2_parallelism=1,
        max_failures_per_account=5,
        max_failures_per_address=12,
        oauth_signing_key=TEST_TOKENS.key_json,  # its session's actor tokens verify in every test app
    )


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'identity.db'}"


class JustificatifsFactices:
    """The documents service's proofs of address in memory: (dossierId, fichierId) -> owner."""

    def __init__(self) -> None:
        self.proprietaires: dict[tuple[str, str], str] = {}
        self.scelles: list[tuple[str, str]] = []

    def deposer(self, acteur: Actor, justificatif: JustificatifDomicile) -> None:
        self.proprietaires[(justificatif.dossier_id, justificatif.fichier_id)] = acteur.id

    async def verifier(self, acteur: Actor, justificatif: JustificatifDomicile) -> bool:
        cle = (justificatif.dossier_id, justificatif.fichier_id)
        return acteur.is_applicant and self.proprietaires.get(cle) == acteur.id

    async def sceller(self, justificatif: JustificatifDomicile, prefecture: str) -> None:
        self.scelles.append((justificatif.dossier_id, prefecture))


def build_deps(
    url: str, horloge: HorlogeReglable, justificatifs: JustificatifsFactices | None = None
) -> IdentityParts:
    settings = identity_settings(url)
    migrate(settings)
    deps = build_parts(settings, horloge, justificatifs or JustificatifsFactices())
    deps.unit_of_work.run(lambda depots: semer_demonstration(depots=depots, outils=deps.outils))
    return deps


@pytest.fixture
def justificatifs() -> JustificatifsFactices:
    return JustificatifsFactices()


@pytest.fixture
def deps(
    sqlite_url: str, horloge: HorlogeReglable, justificatifs: JustificatifsFactices
) -> Iterator[IdentityParts]:
    """A seeded SQLite database (API tests); storage tests use `database_url` instead."""
    deps = build_deps(sqlite_url, horloge, justificatifs)
    yield deps
    deps.engine.dispose()


@pytest.fixture
async def client(deps: IdentityParts) -> AsyncIterator[httpx.AsyncClient]:
    """The API as the gateway calls it (actor `service:gateway`)."""
    platform = PlatformSettings()
    app = trust_test_tokens(build_app(platform, deps))
    transport = httpx.ASGITransport(app=app)
    headers = TEST_TOKENS.headers(GATEWAY)
    async with httpx.AsyncClient(transport=transport, base_url="http://identity", headers=headers) as c:
        yield c


def courriels_demandes(deps: IdentityParts) -> list[dict[str, Any]]:
    with deps.unit_of_work.sessions() as session:
        rows = session.execute(select(outbox).order_by(outbox.c.id)).mappings()
        return [row["payload"] for row in rows if row["subject"] == sujet_demande_courriel("identity")]


def jeton_du_dernier_courriel(deps: IdentityParts) -> str:
    lien = courriels_demandes(deps)[-1]["donnees"]["lien"]
    return parse_qs(urlparse(lien).query)["jeton"][0]


def en_tant_que(acteur: Actor) -> dict[str, str]:
    return TEST_TOKENS.headers(acteur)
