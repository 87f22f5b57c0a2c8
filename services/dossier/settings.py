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
    guichet: str = Field(
        "01", pattern=r"^\d{2}$", description="code guichet (2 chiffres) des numéros de demande"
    )
    documents_url: str = f"http://127.0.0.1:{SERVICE_PORTS['documents']}"
    documents_timeout: float = Field(10.0, description="délai des appels au service documents (secondes)")
    # How long the engine keeps a message no instance waits for yet (and de-duplicates its id).
    message_ttl_ms: int = Field(
        24 * 3600 * 1000, description="durée de conservation par le moteur d'un message publié (ms)"
    )
    # Engine calls not acknowledged are retried by a background loop, with back-off.
    relais_intervalle: float = Field(
        5.0, description="intervalle du relais des commandes au moteur non encore acquittées (secondes)"
    )
    relais_bail: float = Field(
        60.0, description="durée de réservation d'une commande par le relais avant un nouvel essai (secondes)"
    )
