"""Settings read once at start-up from environment variables.

`PlatformSettings` holds what every process shares (environment, NATS, engine addresses) under
well-known unprefixed names; each service adds its own `ServiceSettings` subclass with one prefix.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from zxcvbn import zxcvbn

from plumbing.engine_auth import EngineCredentials, ServiceTokens

REPO_ROOT = Path(__file__).resolve().parent.parent
# Local data (SQLite files, uploaded documents, NATS store); ANEF_VAR_DIR moves it, e.g. for tests.
VAR_DIR = Path(os.environ.get("ANEF_VAR_DIR") or REPO_ROOT / "var")
DEVELOPMENT_SECRET = "dev-secret-change-me"  # noqa: S105 - refused outside development
# A production secret: at least 32 characters and 10^36 guesses (about 120 bits) as zxcvbn
# estimates them; `secrets.token_urlsafe(32)` gives 43 characters and about 10^43.
SECRET_MIN_LENGTH = 32
SECRET_MIN_GUESSES_LOG10 = 36
GENERATE_SECRET = 'python3 -c "import secrets; print(secrets.token_urlsafe(32))"'  # noqa: S105


def weak_secret(value: str) -> str | None:
    """Why `value` is too weak to be a production secret (in French), or None when it is strong."""
    if len(value) < SECRET_MIN_LENGTH:
        return f"moins de {SECRET_MIN_LENGTH} caractères"
    if any(exemple in value.lower() for exemple in (DEVELOPMENT_SECRET, "change-me", "changeme")):
        return "valeur d'exemple"
    if zxcvbn(value[:100])["guesses_log10"] < SECRET_MIN_GUESSES_LOG10:
        return "trop prévisible (mots, répétitions, suites de caractères)"
    return None


def check_secret(name: str, value: str, app_env: str) -> None:
    """Refuse the development default outside development, and a weak value in production."""
    if app_env != "development" and value == DEVELOPMENT_SECRET:
        raise ValueError(f"{name} doit être défini hors du développement")
    if app_env == "production" and (raison := weak_secret(value)):
        raise ValueError(
            f"{name} est trop faible pour la production ({raison}) : générez-le avec {GENERATE_SECRET}"
        )


class PlatformSettings(BaseSettings):
    """Addresses shared by every process of the stack."""

    model_config = SettingsConfigDict(extra="ignore")

    app_env: Literal["development", "test", "production"] = Field(
        "development",
        validation_alias="APP_ENV",
        description="environnement : development, test ou production",
    )
    nats_url: str = Field(
        "nats://127.0.0.1:4222", validation_alias="NATS_URL", description="serveur NATS (JetStream)"
    )
    zeebe_address: str = Field(
        "127.0.0.1:26500",
        validation_alias="ZEEBE_ADDRESS",
        description="passerelle gRPC Zeebe : le moteur embarqué ou un cluster Camunda 8",
    )
    camunda_rest_address: str = Field(
        "http://127.0.0.1:8080",
        validation_alias="CAMUNDA_REST_ADDRESS",
        description="API REST v2 de Camunda 8 (ou du moteur embarqué)",
    )
    zeebe_authorization_server_url: str = Field(
        "",
        validation_alias="ZEEBE_AUTHORIZATION_SERVER_URL",
        description="point de jeton OAuth 2 des clients du moteur (celui d'identity : /oauth/token) ; "
        "vide : appels anonymes, que le moteur refuse hors de ses propres tests",
    )
    zeebe_token_audience: str = Field(
        "zeebe-api", validation_alias="ZEEBE_TOKEN_AUDIENCE", description="audience des jetons du moteur"
    )
    zeebe_client_id: str = Field(
        "", validation_alias="ZEEBE_CLIENT_ID", description="client du moteur des scripts de déploiement"
    )
    zeebe_client_secret: str = Field(
        "", validation_alias="ZEEBE_CLIENT_SECRET", description="secret de ce client (ZEEBE_CLIENT_ID)"
    )
    log_level: str = Field("INFO", validation_alias="LOG_LEVEL", description="niveau des journaux JSON")
    identity_jwks_url: str = Field(
        "http://127.0.0.1:8101/.well-known/jwks.json",
        validation_alias="IDENTITY_JWKS_URL",
        description="jeu de clés publiques (JWKS) d'identity, qui vérifie les jetons d'acteur des API "
        "internes ; lu au premier appel, relu quand un jeton nomme une clé inconnue",
    )
    identity_token_issuer: str = Field(
        "",
        validation_alias="IDENTITY_TOKEN_ISSUER",
        description="émetteur (iss) exigé dans les jetons d'acteur ; vide : non vérifié",
    )
    job_retry_backoff_min_ms: int = Field(
        5_000,
        ge=0,
        validation_alias="JOB_RETRY_BACKOFF_MIN_MS",
        description="attente minimale avant de rejouer un job en échec technique (ms)",
    )
    job_retry_backoff_max_ms: int = Field(
        300_000,
        ge=0,
        validation_alias="JOB_RETRY_BACKOFF_MAX_MS",
        description="attente avant la dernière tentative d'un job en échec technique ; "
        "elle double d'une tentative à l'autre jusque-là, à ±20 % près (ms)",
    )
    ui_theme: Literal["dsfr", "neutre"] = Field(
        "dsfr",
        validation_alias="UI_THEME",
        description="dsfr : identité de l'État ; neutre : mêmes pages sans Marianne",
    )

    metrics_token: str = Field(
        "",
        validation_alias="METRICS_TOKEN",
        description="jeton (en-tête Authorization: Bearer) exigé sur /metrics hors du développement ; "
        "vide : /metrics n'y est pas servi. /docs et /openapi.json ne sont servis qu'en développement",
    )

    @model_validator(mode="after")
    def _refuse_weak_secrets(self) -> PlatformSettings:
        if self.metrics_token:
            check_secret("METRICS_TOKEN", self.metrics_token, self.app_env)
        return self

    @property
    def is_production(self) -> bool:
        return self.app_env == "production"

    def engine_credentials(self, client_id: str, client_secret: str) -> EngineCredentials | None:
        """The OAuth 2 credentials of a client of the engine; None when no token endpoint is configured."""
        if not self.zeebe_authorization_server_url:
            return None
        return EngineCredentials(
            client_id, client_secret, self.zeebe_authorization_server_url, self.zeebe_token_audience
        )

    def service_tokens(self, service: str, client_secret: str) -> ServiceTokens:
        """`service`'s actor tokens, from identity's token endpoint with its OAuth 2 client."""
        credentials = EngineCredentials(service, client_secret, self.zeebe_authorization_server_url)
        return ServiceTokens(credentials)

    def deployer_credentials(self) -> EngineCredentials | None:
        """The deploy scripts' credentials (ZEEBE_CLIENT_ID, ZEEBE_CLIENT_SECRET)."""
        return self.engine_credentials(self.zeebe_client_id, self.zeebe_client_secret)


class EngineClientSettings(BaseModel):
    """Mixed into the settings of a service that calls the engine: its client's secret (its client id is
    the service's name, `contracts.engine_access.platform_clients`)."""

    engine_client_secret: str = Field(
        "",
        description="secret OAuth 2 du client du moteur de ce service (identifiant : le nom du service) ; "
        "`make run` le génère sous var/",
    )


class ServiceSettings(BaseSettings):
    """Base of every service's settings; subclasses set `env_prefix` and their defaults."""

    model_config = SettingsConfigDict(extra="ignore")

    host: str = "127.0.0.1"
    port: int
    secret_key: str = DEVELOPMENT_SECRET
    app_env: Literal["development", "test", "production"] = Field("development", validation_alias="APP_ENV")

    @model_validator(mode="after")
    def _refuse_weak_secret(self) -> ServiceSettings:
        check_secret(f"{self.model_config.get('env_prefix', '')}SECRET_KEY", self.secret_key, self.app_env)
        return self


class NatsClientSettings(BaseSettings):
    """A process that connects to NATS: as the user named after it, with its own password."""

    nats_password: str = Field(
        "",
        description="mot de passe NATS du service (son utilisateur porte son nom) ; "
        "make run le génère sous var/nats/, obligatoire en production",
    )

    @model_validator(mode="after")
    def _refuse_no_password_in_production(self) -> NatsClientSettings:
        if getattr(self, "app_env", None) == "production" and not self.nats_password:
            prefix = str(self.model_config.get("env_prefix", ""))
            raise ValueError(f"{prefix}NATS_PASSWORD doit être défini en production")
        return self


class NatsServerSettings(BaseSettings):
    """What nats-server's configuration takes from the environment (`scripts.nats_config`)."""

    model_config = SettingsConfigDict(env_prefix="NATS_", extra="ignore")

    jetstream_key: str = Field(
        "",
        description="clé de chiffrement au repos des fichiers JetStream (chachapoly) ; "
        "make run la génère sous var/nats/, obligatoire en production",
    )


class StoredServiceSettings(ServiceSettings):
    """Settings of a service that keeps tables of its own."""

    database_url: str = Field(
        "", description="base de données (URL SQLAlchemy) ; vide : un fichier SQLite sous var/"
    )

    def database(self) -> str:
        """The URL to use: the configured one, or the service's SQLite file under var/."""
        service = str(self.model_config.get("env_prefix", "")).rstrip("_").lower()
        return self.database_url or default_sqlite_url(service)


def default_sqlite_url(name: str) -> str:
    """SQLite file under var/, the default storage of a service in development."""
    VAR_DIR.mkdir(exist_ok=True)
    return f"sqlite:///{VAR_DIR / name}.db"
