"""pdf's settings: environment variables prefixed PDF_. The service has no tables of its own."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from contracts.process import SERVICE_PORTS
from plumbing.settings import EngineClientSettings, ServiceSettings


class PdfSettings(ServiceSettings, EngineClientSettings):
    """The documents service it stores PDFs with, and how patiently."""

    model_config = SettingsConfigDict(env_prefix="PDF_", extra="ignore")

    port: int = SERVICE_PORTS["pdf"]
    documents_url: str = Field(
        f"http://127.0.0.1:{SERVICE_PORTS['documents']}",
        description="API interne du service documents (dépôt des PDF générés, catalogue de l'Annexe 1)",
    )
    documents_timeout_seconds: float = Field(15.0, gt=0, description="délai des appels au service documents")
