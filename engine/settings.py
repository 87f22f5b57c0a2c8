"""Engine configuration, read once from `ENGINE_*` environment variables.

The engine is not a service (no secret, two ports, its own tables without Alembic), so it does not
derive from `ServiceSettings`; it shares plumbing's rule for local data: a SQLite file under var/,
or under `ANEF_VAR_DIR` when set.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from plumbing.settings import NatsClientSettings, default_sqlite_url


class EngineSettings(NatsClientSettings):
    model_config = SettingsConfigDict(env_prefix="ENGINE_", extra="ignore")

    host: str = Field("127.0.0.1", description="adresse d'écoute du moteur (gRPC et REST)")
    grpc_port: int = Field(26500, description="port de la passerelle gRPC Zeebe")
    rest_port: int = Field(8080, description="port de l'API REST v2 de Camunda")
    database_url: str = Field(
        "",
        description="base de données du moteur (URL SQLAlchemy) ; vide : engine.db sous var/ ou ANEF_VAR_DIR",
    )
    clock_control: bool = Field(
        False, description="autorise /v2/clock à fixer l'horloge du moteur (tests uniquement)"
    )
    nats_url: str = Field("", description="serveur NATS où publier les enregistrements ; vide : aucun export")
    partition_id: int = Field(1, description="numéro de partition, dans les bits de poids fort des clés")
    long_poll_timeout_ms: int = Field(
        10_000,
        description="attente d'une activation de jobs sans job disponible, quand le client n'en fixe pas (ms)",
    )
    log_level: str = Field("INFO", description="niveau des journaux JSON du moteur")
    max_inflight_requests: int = Field(
        2_000, description="requêtes gRPC en cours au-delà desquelles le moteur répond RESOURCE_EXHAUSTED"
    )

    app_env: Literal["development", "test", "production"] = Field("development", validation_alias="APP_ENV")
    authentication: bool = Field(
        True,
        description="exige un jeton OAuth 2 (Bearer) sur chaque appel gRPC et REST sauf la santé ; "
        "false : désactivation explicite, journalisée en avertissement, refusée en production",
    )
    auth_jwks_url: str = Field(
        "http://127.0.0.1:8101/.well-known/jwks.json",
        description="jeu de clés publiques (JWKS) de l'émetteur des jetons : celui d'identity ; "
        "lu au premier appel, relu quand un jeton nomme une clé inconnue",
    )
    auth_audience: str = Field("zeebe-api", description="audience (aud) exigée dans les jetons")
    auth_issuer: str = Field("", description="émetteur (iss) exigé dans les jetons ; vide : non vérifié")

    @model_validator(mode="after")
    def _secure_by_default(self) -> EngineSettings:
        if not self.authentication and self.app_env == "production":
            raise ValueError("ENGINE_AUTHENTICATION=false est refusé en production")
        return self

    def resolved_database_url(self) -> str:
        """The configured URL, or the engine's SQLite file under var/ (or ANEF_VAR_DIR)."""
        return self.database_url or default_sqlite_url("engine")
