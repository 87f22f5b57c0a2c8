"""/docs, /openapi.json and /metrics: open in development only; /metrics elsewhere to the bearer
of METRICS_TOKEN, and not served at all without one."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from plumbing.settings import PlatformSettings
from plumbing.web import create_app
from services.gateway.settings import GatewaySettings
from services.gateway.wiring import build_app as build_gateway
from services.identity.wiring import build_app as build_identity
from services.identity.wiring import build_parts
from tests.services.identity.conftest import identity_settings

pytestmark = pytest.mark.unit

FORT = "Xq3v-9rT_ab1LmZ0pWk7YhC2nE5sJd8uFg4oRi6tHb"  # secrets.token_urlsafe(32)
JETON_METRIQUES = "pN8cK2_wQ5eRz7xV-tB1mL4yG9hU3jD6sA0fI5oPq"
PRIVES = ("/docs", "/redoc", "/openapi.json", "/metrics")


def plateforme(app_env: str, **reglages: str) -> PlatformSettings:
    return PlatformSettings(APP_ENV=app_env, **reglages)  # type: ignore[arg-type]


async def statuts(app: FastAPI, **en_tetes: str) -> dict[str, int]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        return {chemin: (await client.get(chemin, headers=en_tetes)).status_code for chemin in PRIVES}


async def test_en_developpement_tout_est_ouvert() -> None:
    assert await statuts(create_app("exemple", platform=plateforme("development"))) == dict.fromkeys(
        PRIVES, 200
    )


@pytest.mark.parametrize("app_env", ["production", "test"])
async def test_hors_developpement_ni_documentation_ni_metriques_sans_jeton(app_env: str) -> None:
    assert await statuts(create_app("exemple", platform=plateforme(app_env))) == dict.fromkeys(PRIVES, 404)


async def test_en_production_les_metriques_demandent_le_jeton() -> None:
    app = create_app("exemple", platform=plateforme("production", METRICS_TOKEN=JETON_METRIQUES))
    sans = await statuts(app)
    assert sans == {"/docs": 404, "/redoc": 404, "/openapi.json": 404, "/metrics": 401}
    assert (await statuts(app, Authorization="Bearer mauvais"))["/metrics"] == 401
    assert (await statuts(app, Authorization=f"Bearer {JETON_METRIQUES}"))["/metrics"] == 200


async def test_les_services_et_les_sites_appliquent_la_regle(tmp_path: Path) -> None:
    production = plateforme("production")
    gateway = build_gateway(GatewaySettings(APP_ENV="production", secret_key=FORT), production)
    assert await statuts(gateway) == dict.fromkeys(PRIVES, 404)
    identity = build_parts(identity_settings(f"sqlite:///{tmp_path}/identity.db"))  # no tables needed
    try:
        assert await statuts(build_identity(production, identity)) == dict.fromkeys(PRIVES, 404)
        assert (await statuts(build_identity(plateforme("development"), identity)))["/openapi.json"] == 200
    finally:
        identity.engine.dispose()
