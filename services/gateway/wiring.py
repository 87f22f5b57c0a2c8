"""Build the applicant site from its settings: API clients, security, templates, pages."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI

from contracts.clients.identity import IdentityClient
from contracts.clients.notifier import NotifierClient
from plumbing.actors import Actor
from plumbing.dsfr import dsfr_templates, mount_dsfr
from plumbing.health import http_check
from plumbing.settings import PlatformSettings
from plumbing.web import create_app
from services.gateway.adapters.identity import IdentityAccounts
from services.gateway.adapters.notifications import NotifierNotifications
from services.gateway.api import build_pages_router
from services.gateway.api.deps import GatewayDeps
from services.gateway.api.errors import install_error_pages
from services.gateway.api.pages import Pages
from services.gateway.api.security import Security, install_security
from services.gateway.domain.ports import Comptes, Notifications
from services.gateway.settings import GatewaySettings

TEMPLATES = Path(__file__).parent / "templates"
SITE_NAME = "Étrangers en France"
GATEWAY = Actor("service", "gateway")
STATIC_MAX_AGE = 24 * 3600
API_TIMEOUT = httpx.Timeout(10.0, connect=2.0)


def build_clients(settings: GatewaySettings, platform: PlatformSettings) -> tuple[Comptes, Notifications]:
    """The internal APIs, called as the gateway (identity) or as each applicant (notifier)."""

    def http(url: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=url, timeout=API_TIMEOUT)

    token = platform.internal_api_token
    comptes = IdentityAccounts(IdentityClient(http(settings.identity_url), token, GATEWAY))
    notifier = NotifierClient(http(settings.notifier_url), token, GATEWAY)
    return comptes, NotifierNotifications(notifier)


def build_app(
    settings: GatewaySettings,
    platform: PlatformSettings,
    clients: tuple[Comptes, Notifications] | None = None,
) -> FastAPI:
    """The site; tests pass their own `clients` (fakes of `domain.ports`)."""
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
    mount_dsfr(app, max_age=STATIC_MAX_AGE)
    security = Security(settings.secret_key, secure_cookies=settings.cookies_secure)
    app.state.security = security
    templates = dsfr_templates(TEMPLATES, SITE_NAME, platform.ui_theme)
    pages = Pages(templates, security, settings.franceconnect_url)
    comptes, notifications = clients or build_clients(settings, platform)
    deps = GatewayDeps(comptes, notifications, pages, security)
    install_security(app, security)
    install_error_pages(app, pages)
    app.include_router(build_pages_router(deps))
    return app
