"""Build the applicant site from its settings: API clients, security, templates, pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi import FastAPI

from contracts.clients.documents import DocumentsClient
from contracts.clients.dossier import DossierClient
from contracts.clients.identity import IdentityClient
from contracts.clients.notifier import NotifierClient
from contracts.clients.pdf import PdfClient
from plumbing.actors import Actor
from plumbing.dsfr import dsfr_templates, mount_dsfr
from plumbing.dsfr.security import install_security
from plumbing.health import http_check
from plumbing.http_transport import KeepAliveTransport
from plumbing.settings import PlatformSettings
from plumbing.web import create_app, trust_proxies
from services.gateway.adapters.dossiers import DossierDemandes
from services.gateway.adapters.identity import IdentityAccounts
from services.gateway.adapters.justificatifs import DocumentsJustificatifs
from services.gateway.adapters.notifications import NotifierNotifications
from services.gateway.api import build_pages_router
from services.gateway.api.deps import GatewayDeps
from services.gateway.api.errors import install_error_pages
from services.gateway.api.pages import Pages
from services.gateway.api.security import site_security
from services.gateway.domain.ports import Comptes, Demandes, Justificatifs, Notifications
from services.gateway.settings import GatewaySettings

TEMPLATES = Path(__file__).parent / "templates"
SITE_NAME = "Étrangers en France"
GATEWAY = Actor("service", "gateway")
STATIC_MAX_AGE = 24 * 3600
API_TIMEOUT = httpx.Timeout(10.0, connect=2.0)
# Connections to each service kept open between pages: enough for every applicant of a busy
# moment (httpx keeps 20; past them each call would open, then close, a new connection), each
# dropped before uvicorn's 5 s idle limit would close it under a request.
API_LIMITS = httpx.Limits(max_connections=200, max_keepalive_connections=100, keepalive_expiry=4.0)


@dataclass(frozen=True)
class Clients:
    """The other services as the pages see them (`domain.ports`); tests pass fakes."""

    comptes: Comptes
    notifications: Notifications
    demandes: Demandes
    justificatifs: Justificatifs


def build_clients(settings: GatewaySettings, platform: PlatformSettings) -> Clients:
    """The internal APIs, called as the gateway (identity, pdf) or as each applicant (the others)."""

    def http(url: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=url, timeout=API_TIMEOUT, transport=KeepAliveTransport(API_LIMITS))

    token = platform.service_tokens("gateway", settings.engine_client_secret)
    return Clients(
        comptes=IdentityAccounts(IdentityClient(http(settings.identity_url), token, GATEWAY)),
        notifications=NotifierNotifications(NotifierClient(http(settings.notifier_url), token, GATEWAY)),
        demandes=DossierDemandes(DossierClient(http(settings.dossier_url), token, GATEWAY)),
        justificatifs=DocumentsJustificatifs(
            DocumentsClient(http(settings.documents_url), token, GATEWAY),
            PdfClient(http(settings.pdf_url), token, GATEWAY),
        ),
    )


def build_app(
    settings: GatewaySettings,
    platform: PlatformSettings,
    clients: Clients | None = None,
) -> FastAPI:
    """The site; tests pass their own `clients` (fakes of `domain.ports`)."""
    readiness = {
        name: http_check(httpx.AsyncClient, f"{url}/healthz")
        for name, url in {
            "identity": settings.identity_url,
            "dossier": settings.dossier_url,
            "documents": settings.documents_url,
            "notifier": settings.notifier_url,
            "pdf": settings.pdf_url,
        }.items()
    }
    app = create_app("gateway", readiness, platform=platform, docs_url=None, redoc_url=None, openapi_url=None)
    mount_dsfr(app, max_age=STATIC_MAX_AGE)
    security = site_security(settings.secret_key, secure_cookies=settings.cookies_secure)
    app.state.security = security
    templates = dsfr_templates(TEMPLATES, SITE_NAME, platform.ui_theme)
    pages = Pages(templates, security, settings.franceconnect_url)
    c = clients or build_clients(settings, platform)
    deps = GatewayDeps(c.comptes, c.notifications, c.demandes, c.justificatifs, pages, security)
    install_security(app, security)
    trust_proxies(app, settings.trusted_proxies)
    install_error_pages(app, pages)
    app.router.routes.extend(build_pages_router(deps).routes)  # no inclusion to match again (api/__init__.py)
    return app
