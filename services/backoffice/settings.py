"""The back-office's settings: environment variables prefixed BACKOFFICE_."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from contracts.process import SERVICE_PORTS
from plumbing.settings import ServiceSettings

LOCAL = "http://127.0.0.1"


class BackofficeSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BACKOFFICE_", extra="ignore")

    port: int = SERVICE_PORTS["backoffice"]
    identity_url: str = Field(f"{LOCAL}:{SERVICE_PORTS['identity']}", description="API interne d'identity")
    dossier_url: str = Field(f"{LOCAL}:{SERVICE_PORTS['dossier']}", description="API interne de dossier")
    documents_url: str = Field(
        f"{LOCAL}:{SERVICE_PORTS['documents']}", description="API interne de documents"
    )
    cookie_secure: bool | None = Field(
        None,
        description="cookies « Secure » (HTTPS seulement) ; vide : partout sauf en développement local",
    )

    @property
    def cookies_secure(self) -> bool:
        return self.cookie_secure if self.cookie_secure is not None else self.app_env != "development"
