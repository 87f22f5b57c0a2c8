"""documents' fixtures: a migrated database, files under a temporary directory, the API as callers see it."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from plumbing.actors import Actor
from plumbing.database import upgrade_database
from plumbing.settings import PlatformSettings
from services.documents.settings import DocumentsSettings
from services.documents.wiring import MIGRATIONS, VERSION_TABLE, DocumentsParts, build_app, build_parts
from tests.support.actor_tokens import TEST_TOKENS, trust_test_tokens

TOKEN = "jeton-interne-de-test"
DEMANDEUR = Actor("demandeur", "demandeur-1")
AUTRE_DEMANDEUR = Actor("demandeur", "demandeur-2")
AGENT_59 = Actor("agent", "agent-59", prefectures=frozenset({"59"}), roles=frozenset({"instructeur"}))
AGENT_62 = Actor("agent", "agent-62", prefectures=frozenset({"62"}), roles=frozenset({"instructeur"}))
DOSSIER_SERVICE = Actor("service", "dossier")
PDF_SERVICE = Actor("service", "pdf")


def entetes(acteur: Actor) -> dict[str, str]:
    return TEST_TOKENS.headers(acteur)


def documents_settings(url: str, tmp_path: Path) -> DocumentsSettings:
    return DocumentsSettings(database_url=url, repertoire=tmp_path / "fichiers")


def migrer(url: str) -> str:
    upgrade_database(url, MIGRATIONS, VERSION_TABLE)
    return url


@pytest.fixture(scope="session")
def base_migree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrated once; each test works on its own copy (Alembic takes a while)."""
    modele = tmp_path_factory.mktemp("modele") / "documents.db"
    migrer(f"sqlite:///{modele}")
    return modele


@pytest.fixture
def deps(tmp_path: Path, base_migree: Path) -> DocumentsParts:
    copie = tmp_path / "documents.db"
    shutil.copyfile(base_migree, copie)
    return build_parts(documents_settings(f"sqlite:///{copie}", tmp_path))


@pytest.fixture
async def client(deps: DocumentsParts, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    settings = documents_settings(str(deps.engine.url), tmp_path)
    app = trust_test_tokens(build_app(settings, PlatformSettings(), deps))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://documents"
    ) as client:
        yield client
    deps.engine.dispose()
