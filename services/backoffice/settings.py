"""The back-office's settings: environment variables prefixed BACKOFFICE_."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from contracts.process import SERVICE_PORTS
from plumbing.settings import EngineClientSettings, ServiceSettings

LOCAL = "http://127.0.0.1"


class BackofficeSettings(ServiceSettings, EngineClientSettings):
    model_config = SettingsConfigDict(env_prefix="BACKOFFICE_", extra="ignore")

    port: int = SERVICE_PORTS["backoffice"]
    identity_url: str = f"{LOCAL}:{SERVICE_PORTS['identity']}"
    dossier_url: str = f"{LOCAL}:{SERVICE_PORTS['dossier']}"
    documents_url: str = f"{LOCAL}:{SERVICE_PORTS['documents']}"
    notifier_url: str = f"{LOCAL}:{SERVICE_PORTS['notifier']}"
    trusted_proxies: str = Field(
        "",
        description="mandataires (proxys inverses) dont on croit l'en-tête X-Forwarded-For : adresses ou "
        "réseaux séparés par des virgules ; vide : l'adresse du visiteur est celle de la connexion",
    )

    @property
    def cookies_secure(self) -> bool:
        """« Secure » cookies (HTTPS only) everywhere but in local development."""
        return self.app_env != "development"
