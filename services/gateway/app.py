"""The applicant site's application: pages, DSFR assets, health of the services it needs."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from plumbing.dsfr import dsfr_templates, mount_dsfr
from plumbing.health import http_check
from plumbing.settings import PlatformSettings
from plumbing.web import create_app
from services.gateway.settings import GatewaySettings

TEMPLATES = Path(__file__).parent / "templates"


def build_app(settings: GatewaySettings, platform: PlatformSettings) -> FastAPI:
    readiness = {
        name: http_check(httpx.AsyncClient, f"{url}/healthz")
        for name, url in {
            "identity": settings.identity_url,
            "dossier": settings.dossier_url,
            "documents": settings.documents_url,
            "notifier": settings.notifier_url,
        }.items()
    }
    app = create_app("gateway", readiness, docs_url=None, redoc_url=None, openapi_url=None)
    mount_dsfr(app)
    templates = dsfr_templates(TEMPLATES, "Titres de séjour", platform.ui_theme)

    @app.get("/", response_class=HTMLResponse)
    async def accueil(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "accueil.html")

    return app
