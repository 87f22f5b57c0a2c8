"""Settings of the notifier, from `NOTIFIER_*` environment variables."""

from __future__ import annotations

from pydantic import SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from contracts.process import SERVICE_PORTS
from plumbing.settings import ServiceSettings, default_sqlite_url
from services.notifier.courriels.smtp import ConfigurationSmtp
from services.notifier.domain.courriels import PolitiqueReessai


class NotifierSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFIER_", extra="ignore")

    port: int = SERVICE_PORTS["notifier"]
    # The SMTP relay (in development, `python -m services.notifier.smtp_sink`).
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_starttls: bool = False
    smtp_sender: str = "ne-pas-repondre@anef.interieur.gouv.fr"
    smtp_sender_name: str = "Étrangers en France"
    smtp_timeout: float = 10.0
    # Retries of an e-mail while the relay is down: exponential backoff, then a dead letter.
    courriel_delai_initial: float = 5.0
    courriel_delai_maximum: float = 900.0
    courriel_livraisons_max: int = 12
    courriel_ack_wait: float = 60.0
    # The "Se connecter" link of the e-mails: the applicant's login page.
    lien_connexion: str = "http://127.0.0.1:8000/connexion"
    # How long the engine keeps a `notification-lue` message no instance waits for yet.
    message_ttl_ms: int = 24 * 3600 * 1000

    @model_validator(mode="after")
    def _default_database(self) -> NotifierSettings:
        if not self.database_url:
            self.database_url = default_sqlite_url("notifier")
        return self

    def smtp(self) -> ConfigurationSmtp:
        return ConfigurationSmtp(
            host=self.smtp_host,
            port=self.smtp_port,
            user=self.smtp_user,
            password=self.smtp_password.get_secret_value(),
            starttls=self.smtp_starttls,
            expediteur=self.smtp_sender,
            nom_expediteur=self.smtp_sender_name,
            timeout=self.smtp_timeout,
        )

    def politique_reessai(self) -> PolitiqueReessai:
        return PolitiqueReessai(
            delai_initial=self.courriel_delai_initial,
            delai_maximum=self.courriel_delai_maximum,
            livraisons_max=self.courriel_livraisons_max,
        )
