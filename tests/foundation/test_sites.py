"""Both sites serve a French DSFR home page, the DSFR assets and their health checks."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from plumbing.settings import PlatformSettings
from services.backoffice.settings import BackofficeSettings
from services.backoffice.wiring import build_app as build_backoffice
from services.gateway.settings import GatewaySettings
from services.gateway.wiring import build_app as build_gateway

pytestmark = pytest.mark.integration


CLOSED = "http://127.0.0.1:9"  # nothing listens there: dependencies are down


def sites() -> list[FastAPI]:
    platform = PlatformSettings(CAMUNDA_REST_ADDRESS=CLOSED)
    urls = {f"{name}_url": CLOSED for name in ("identity", "dossier", "documents")}
    return [
        build_gateway(GatewaySettings(notifier_url=CLOSED, **urls), platform),
        build_backoffice(BackofficeSettings(**urls), platform),
    ]


@pytest.mark.parametrize("app", sites(), ids=["gateway", "backoffice"])
async def test_home_page_is_french_and_uses_the_dsfr(app: FastAPI) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        home = await client.get("/")
        css = await client.get("/static/dsfr/dsfr.min.css")
        health = await client.get("/healthz")
    assert home.status_code == 200
    assert '<html lang="fr"' in home.text
    assert "/static/dsfr/dsfr.min.css" in home.text
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]
    assert health.json() == {"status": "ok"}
    assert home.headers["X-Correlation-ID"]


@pytest.mark.parametrize("app", sites(), ids=["gateway", "backoffice"])
async def test_readiness_reports_unavailable_dependencies(app: FastAPI) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        ready = await client.get("/readyz")
    # Nothing else runs in this test: every dependency is reported, none hides the others.
    assert ready.status_code == 503
    assert ready.json()["status"] == "ko"
