"""Settings of the development SMTP sink (`SMTP_SINK_*`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from plumbing.settings import VAR_DIR


class SmtpSinkSettings(BaseSettings):
    """`python -m devtools.smtp_sink`: keeps every e-mail and shows it on a web page."""

    model_config = SettingsConfigDict(extra="ignore")

    host: str = Field(
        "127.0.0.1", validation_alias="SMTP_SINK_HOST", description="adresse d'écoute du puits SMTP"
    )
    port: int = Field(
        1025, validation_alias="SMTP_SINK_PORT", description="port SMTP du puits (développement)"
    )
    web_port: int = Field(8025, validation_alias="SMTP_SINK_WEB_PORT", description="page des courriels reçus")
    directory: str = Field(
        "",
        validation_alias="SMTP_SINK_DIR",
        description="dossier des courriels reçus (.eml) ; vide : var/mails",
    )

    @property
    def mails_directory(self) -> Path:
        return Path(self.directory) if self.directory else VAR_DIR / "mails"
