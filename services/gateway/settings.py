"""The applicant site's settings: environment variables prefixed GATEWAY_."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from contracts.process import SERVICE_PORTS
from plumbing.settings import EngineClientSettings, ServiceSettings

LOCAL = "http://127.0.0.1"


class GatewaySettings(ServiceSettings, EngineClientSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    port: int = SERVICE_PORTS["gateway"]
    identity_url: str = f"{LOCAL}:{SERVICE_PORTS['identity']}"
    dossier_url: str = f"{LOCAL}:{SERVICE_PORTS['dossier']}"
    documents_url: str = f"{LOCAL}:{SERVICE_PORTS['documents']}"
    notifier_url: str = f"{LOCAL}:{SERVICE_PORTS['notifier']}"
    trusted_proxies: str = Field(
        "",
        description="mandataires (proxys inverses) dont on croit l'en-tête X-Forwarded-For : adresses ou "
        "réseaux séparés par des virgules ; vide : l'adresse du visiteur est celle de la connexion",
    )
    pdf_url: str = f"{LOCAL}:{SERVICE_PORTS['pdf']}"
    cookie_secure: bool | None = Field(
        None,
        description="cookies « Secure » (HTTPS seulement) ; vide : partout sauf en développement local",
    )
    franceconnect_url: str = Field(
        "",
        description="adresse de connexion FranceConnect ; vide : FranceConnect présenté comme indisponible",
    )

    @property
    def cookies_secure(self) -> bool:
        return self.cookie_secure if self.cookie_secure is not None else self.app_env != "development"
