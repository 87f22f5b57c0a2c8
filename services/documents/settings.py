"""documents' settings: environment variables prefixed DOCUMENTS_."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from contracts.process import SERVICE_PORTS
from plumbing.settings import VAR_DIR, EngineClientSettings, NatsClientSettings, StoredServiceSettings


class DocumentsSettings(StoredServiceSettings, EngineClientSettings, NatsClientSettings):
    model_config = SettingsConfigDict(env_prefix="DOCUMENTS_", extra="ignore")

    port: int = SERVICE_PORTS["documents"]
    stockage: Literal["fichiers", "nats"] = Field(
        "fichiers", description="où garder les fichiers : un répertoire, ou un Object Store NATS JetStream"
    )
    repertoire: Path = Field(VAR_DIR / "documents", description="répertoire des fichiers (stockage=fichiers)")
    bucket: str = Field("documents", description="bucket de l'Object Store NATS (stockage=nats)")
    clamd_address: str = Field(
        "",
        description=(
            "adresse du démon antivirus clamd (tcp://hôte:port ou unix:///chemin/clamd.ctl) qui analyse "
            "chaque fichier reçu avant tout décodage ; sans elle (développement), aucune analyse "
            "antivirus n'est faite"
        ),
    )
