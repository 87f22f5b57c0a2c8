"""Settings of the dossier service, from `DOSSIER_*` environment variables."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from contracts.process import SERVICE_PORTS
from plumbing.settings import EngineClientSettings, NatsClientSettings, StoredServiceSettings


class DossierSettings(StoredServiceSettings, EngineClientSettings, NatsClientSettings):
    model_config = SettingsConfigDict(env_prefix="DOSSIER_", extra="ignore")

    port: int = Field(SERVICE_PORTS["dossier"], description="port de l'API")
    guichet: str = Field(
        "01",
        pattern=r"^\d{2}$",
        description="partie « guichet » du numéro de demande (2 chiffres) : 59 01 20230818 0000190",
    )
    documents_url: str = Field(
        f"http://127.0.0.1:{SERVICE_PORTS['documents']}",
        description="adresse de l'API interne du service documents",
    )
    documents_timeout: float = Field(10.0, description="délai d'attente des appels au service documents (s)")
    identity_url: str = Field(
        f"http://127.0.0.1:{SERVICE_PORTS['identity']}",
        description="adresse de l'API interne du service identity (fiche et adresse du registre)",
    )
    identity_timeout: float = Field(10.0, description="délai d'attente des appels au service identity (s)")
    message_ttl_ms: int = Field(
        24 * 3600 * 1000,
        description="durée pendant laquelle le moteur garde un message qu'aucune instance n'attend encore "
        "(et en dédoublonne l'identifiant), en millisecondes",
    )
    relais_intervalle: float = Field(
        5.0, description="intervalle maximal entre deux relances des appels au moteur non acquittés (s)"
    )
    relais_bail: float = Field(
        60.0,
        description="durée pendant laquelle un envoi au moteur en cours n'est pas repris par un autre (s)",
    )
