"""Settings of the dossier service, from `DOSSIER_*` environment variables."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from contracts.process import SERVICE_PORTS
from plumbing.settings import StoredServiceSettings


class DossierSettings(StoredServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DOSSIER_", extra="ignore")

    port: int = SERVICE_PORTS["dossier"]
    # The "guichet" part of the application number (2 digits): 59 01 20230818 0000190.
    guichet: str = Field("01", pattern=r"^\d{2}$")
    documents_url: str = f"http://127.0.0.1:{SERVICE_PORTS['documents']}"
    documents_timeout: float = 10.0
    # How long the engine keeps a message no instance waits for yet (and de-duplicates its id).
    message_ttl_ms: int = 24 * 3600 * 1000
    # Engine calls not acknowledged are retried by a background loop, with back-off.
    relais_intervalle: float = 5.0
    relais_bail: float = 60.0
