"""Settings of the notifier (`NOTIFIER_*`)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from contracts.process import SERVICE_PORTS
from plumbing.settings import EngineClientSettings, NatsClientSettings, StoredServiceSettings
from services.notifier.adapters.smtp import ConfigurationSmtp
from services.notifier.domain.courriels import PolitiqueReessai


class NotifierSettings(StoredServiceSettings, EngineClientSettings, NatsClientSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFIER_", extra="ignore")

    port: int = SERVICE_PORTS["notifier"]
    smtp_host: str = Field(
        "127.0.0.1", description="relais SMTP des courriels (en développement : le puits SMTP)"
    )
    smtp_port: int = Field(1025, description="port du relais SMTP")
    smtp_user: str = Field("", description="identifiant SMTP ; vide : pas d'authentification")
    smtp_password: str = Field("", description="mot de passe SMTP")
    smtp_starttls: bool = Field(False, description="chiffrer la connexion au relais par STARTTLS")
    smtp_sender: str = Field(
        "ne-pas-repondre@anef.interieur.gouv.fr", description="adresse d'expédition des courriels"
    )
    smtp_sender_name: str = Field("Étrangers en France", description="nom d'expéditeur des courriels")
    smtp_timeout: float = Field(10.0, description="délai maximal d'un envoi SMTP, en secondes")
    courriel_delai_initial: float = Field(
        5.0, description="attente avant le 2e essai d'un courriel, doublée à chaque essai (secondes)"
    )
    courriel_delai_maximum: float = Field(900.0, description="attente maximale entre deux essais (secondes)")
    courriel_livraisons_max: int = Field(
        12, description="essais d'un courriel avant de le classer en échec (lettre morte)"
    )
    courriel_ack_wait: float = Field(
        60.0, description="délai après lequel JetStream relivre un courriel non acquitté (secondes)"
    )
    documents_url: str = Field(
        "http://127.0.0.1:8103", description="API interne du service documents (PDF joints aux courriels)"
    )
    documents_timeout: float = Field(15.0, description="délai des appels au service documents (secondes)")
    lien_connexion: str = Field(
        "http://127.0.0.1:8000/connexion", description="lien « Se connecter » des courriels"
    )
    message_ttl_ms: int = Field(
        24 * 3600 * 1000,
        description="durée de conservation par le moteur d'un message « notification lue » (ms)",
    )

    def smtp(self) -> ConfigurationSmtp:
        return ConfigurationSmtp(
            host=self.smtp_host,
            port=self.smtp_port,
            user=self.smtp_user,
            password=self.smtp_password,
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
