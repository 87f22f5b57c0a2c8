"""identity's settings: environment variables prefixed IDENTITY_."""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from contracts.process import SERVICE_PORTS
from plumbing.settings import EngineClientSettings, NatsClientSettings, StoredServiceSettings


class IdentitySettings(StoredServiceSettings, EngineClientSettings, NatsClientSettings):
    model_config = SettingsConfigDict(env_prefix="IDENTITY_", extra="ignore")

    port: int = SERVICE_PORTS["identity"]
    public_url: str = Field(
        "http://127.0.0.1:8000",
        description="adresse du site des demandeurs, dans les liens envoyés par email",
    )
    confirmation_link_hours: int = Field(24, ge=1, description="validité du lien de confirmation (heures)")
    reset_link_minutes: int = Field(60, ge=5, description="validité du lien de réinitialisation (minutes)")
    session_idle_minutes: int = Field(30, ge=1, description="fin de session après inactivité (minutes)")
    session_max_hours: int = Field(12, ge=1, description="durée maximale d'une session (heures)")
    max_failures_per_account: int = Field(
        5,
        ge=1,
        description="échecs de connexion avant blocage temporaire d'un identifiant (le titulaire en est "
        "prévenu par courriel ; un navigateur où il s'est déjà connecté garde son propre compte d'échecs)",
    )
    max_failures_per_address: int = Field(
        30, ge=1, description="échecs avant blocage temporaire d'une adresse IP cliente"
    )
    documents_url: str = Field(
        f"http://127.0.0.1:{SERVICE_PORTS['documents']}",
        description="adresse de l'API interne du service documents (justificatifs de domicile)",
    )
    documents_timeout: float = Field(10.0, description="délai d'attente des appels au service documents (s)")
    lockout_minutes: int = Field(15, ge=1, description="durée du blocage temporaire (minutes)")
    # OWASP's argon2id recommendation (Password Storage Cheat Sheet): 19 MiB, 2 passes, 1 lane;
    # about 25 ms of one core per sign-in, where RFC 9106's 64 MiB × 3 × 4 took 170 ms of a core
    # that every page of the site shares. Stored hashes are redone at the next sign-in.
    argon2_time_cost: int = Field(2, ge=1, description="argon2id : nombre de passes (OWASP : 2)")
    argon2_memory_kib: int = Field(
        19456, ge=8, description="argon2id : mémoire par hachage (Kio ; OWASP : 19 Mio)"
    )
    argon2_parallelism: int = Field(1, ge=1, description="argon2id : parallélisme (OWASP : 1)")
    oauth_signing_key: str = Field(
        "",
        description="clé privée EC P-256 (JWK, JSON) qui signe les jetons du moteur ; "
        "obligatoire en production, générée sous var/ sinon",
    )
    oauth_clients: str = Field(
        "",
        description="clients du moteur (JSON) : par identifiant, l'empreinte SHA-256 de son secret, "
        "ses permissions et ses types de jobs ; `make run` les génère sous var/",
    )
    oauth_issuer: str = Field(
        f"http://127.0.0.1:{SERVICE_PORTS['identity']}",
        description="émetteur (iss) des jetons du moteur",
    )
    oauth_token_seconds: int = Field(300, ge=60, le=3600, description="durée de vie d'un jeton du moteur (s)")

    @model_validator(mode="after")
    def _refuse_production_without_signing_key(self) -> IdentitySettings:
        if self.app_env == "production" and not self.oauth_signing_key.strip():
            raise ValueError("IDENTITY_OAUTH_SIGNING_KEY doit être défini en production")
        return self
