"""identity's settings: environment variables prefixed IDENTITY_."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from contracts.process import SERVICE_PORTS
from plumbing.settings import StoredServiceSettings


class IdentitySettings(StoredServiceSettings):
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
        5, ge=1, description="échecs de connexion avant blocage temporaire d'un identifiant"
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
