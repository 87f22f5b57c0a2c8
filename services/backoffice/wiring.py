"""The back-office application: pages, DSFR assets, health of the engine and the services."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from plumbing.dsfr import dsfr_templates, mount_dsfr
from plumbing.health import http_check
from plumbing.settings import PlatformSettings
from plumbing.web import create_app
from services.backoffice.settings import BackofficeSettings

TEMPLATES = Path(__file__).parent / "templates"


def build_app(settings: BackofficeSettings, platform: PlatformSettings) -> FastAPI:
    readiness = {
        "moteur": http_check(httpx.AsyncClient, f"{platform.camunda_rest_address}/v2/topology"),
        "identity": http_check(httpx.AsyncClient, f"{settings.identity_url}/healthz"),
        "dossier": http_check(httpx.AsyncClient, f"{settings.dossier_url}/healthz"),
        "documents": http_check(httpx.AsyncClient, f"{settings.documents_url}/healthz"),
    }
    app = create_app("backoffice", readiness, docs_url=None, redoc_url=None, openapi_url=None)
    mount_dsfr(app)
    templates = dsfr_templates(TEMPLATES, "Espace agents", platform.ui_theme)

    @app.get("/", response_class=HTMLResponse)
    async def accueil(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "accueil.html")

    return app
