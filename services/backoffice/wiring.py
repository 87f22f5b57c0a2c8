"""Build the back-office from its settings: the engine's REST client, identity, dossier, pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi import FastAPI

from contracts.clients.documents import DocumentsClient
from contracts.clients.dossier import DossierClient
from contracts.clients.identity import IdentityClient
from contracts.clients.notifier import NotifierClient
from plumbing.actors import Actor
from plumbing.dsfr import CachedStaticFiles, dsfr_templates, mount_dsfr
from plumbing.dsfr.security import install_security
from plumbing.engine_auth import BearerToken
from plumbing.health import http_check
from plumbing.settings import REPO_ROOT, PlatformSettings
from plumbing.web import create_app, trust_proxies
from services.backoffice.adapters.bpmnlint import NodeBpmnLint
from services.backoffice.adapters.camunda import CamundaClient
from services.backoffice.adapters.camunda_console import CamundaReferentiel
from services.backoffice.adapters.dossiers import DossierDossiers
from services.backoffice.adapters.identity import IdentityAgents
from services.backoffice.adapters.moteur import CamundaMoteur
from services.backoffice.api import build_pages_router
from services.backoffice.api.console import build_console_router
from services.backoffice.api.console.deps import ConsoleDeps
from services.backoffice.api.console.erreurs import install_console_errors
from services.backoffice.api.console.statiques import mount_console_assets
from services.backoffice.api.deps import BackofficeDeps
from services.backoffice.api.errors import install_error_pages
from services.backoffice.api.pages import Pages
from services.backoffice.api.security import site_security
from services.backoffice.domain.console.ports import Linter, Referentiel
from services.backoffice.domain.ports import Agents, Dossiers, Moteur
from services.backoffice.settings import BackofficeSettings

TEMPLATES = Path(__file__).parent / "templates"
FORM_JS_DIST = REPO_ROOT / "node_modules" / "@bpmn-io" / "form-js" / "dist"
SITE_NAME = "Espace agents"
BACKOFFICE = Actor("service", "backoffice")
STATIC_MAX_AGE = 24 * 3600
API_TIMEOUT = httpx.Timeout(10.0, connect=2.0)


@dataclass(frozen=True)
class Clients:
    """The engine and the services as the pages see them (`domain.ports`); tests may pass fakes."""

    agents: Agents
    moteur: Moteur
    dossiers: Dossiers
    referentiel: Referentiel | None = None  # the console's engine calls; None: over the REST address
    linter: Linter | None = None


def engine_http(settings: BackofficeSettings, platform: PlatformSettings) -> httpx.AsyncClient:
    """The engine's REST API as the client `backoffice` (bearer tokens from identity when configured)."""
    credentials = platform.engine_credentials("backoffice", settings.engine_client_secret)
    auth = None if credentials is None else BearerToken(credentials)
    return httpx.AsyncClient(base_url=platform.camunda_rest_address, timeout=API_TIMEOUT, auth=auth)


def build_clients(settings: BackofficeSettings, platform: PlatformSettings) -> Clients:
    def http(url: str) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=url, timeout=API_TIMEOUT)

    token = platform.service_tokens("backoffice", settings.engine_client_secret)
    camunda = CamundaClient(engine_http(settings, platform))
    return Clients(
        agents=IdentityAgents(IdentityClient(http(settings.identity_url), token, BACKOFFICE)),
        moteur=CamundaMoteur(camunda),
        dossiers=DossierDossiers(
            DossierClient(http(settings.dossier_url), token, BACKOFFICE),
            DocumentsClient(http(settings.documents_url), token, BACKOFFICE),
            NotifierClient(http(settings.notifier_url), token, BACKOFFICE),
        ),
        referentiel=CamundaReferentiel(camunda),
        linter=NodeBpmnLint(),
    )


def build_app(
    settings: BackofficeSettings, platform: PlatformSettings, clients: Clients | None = None
) -> FastAPI:
    readiness = {
        "moteur": http_check(lambda: engine_http(settings, platform), "/v2/topology"),
        "identity": http_check(httpx.AsyncClient, f"{settings.identity_url}/healthz"),
        "dossier": http_check(httpx.AsyncClient, f"{settings.dossier_url}/healthz"),
        "documents": http_check(httpx.AsyncClient, f"{settings.documents_url}/healthz"),
    }
    app = create_app(
        "backoffice", readiness, platform=platform, docs_url=None, redoc_url=None, openapi_url=None
    )
    mount_dsfr(app, max_age=STATIC_MAX_AGE)
    app.mount(
        "/static/form-js", CachedStaticFiles(directory=FORM_JS_DIST, max_age=STATIC_MAX_AGE), name="form-js"
    )
    security = site_security(settings.secret_key, secure_cookies=settings.cookies_secure)
    pages = Pages(dsfr_templates(TEMPLATES, SITE_NAME, platform.ui_theme), security)
    c = clients or build_clients(settings, platform)
    install_security(app, security)
    trust_proxies(app, settings.trusted_proxies)
    install_error_pages(app, pages)
    install_console_errors(app, pages)
    site = BackofficeDeps(c.agents, c.moteur, c.dossiers, pages, security)
    app.include_router(build_pages_router(site))
    mount_console_assets(app, STATIC_MAX_AGE)
    referentiel = c.referentiel or CamundaReferentiel(CamundaClient(engine_http(settings, platform)))
    app.include_router(build_console_router(ConsoleDeps(site, referentiel, c.linter or NodeBpmnLint())))
    return app
