from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from contracts.process import SERVICE_PORTS
from plumbing.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    port: int = SERVICE_PORTS["gateway"]
    identity_url: str = f"http://127.0.0.1:{SERVICE_PORTS['identity']}"
    dossier_url: str = f"http://127.0.0.1:{SERVICE_PORTS['dossier']}"
    documents_url: str = f"http://127.0.0.1:{SERVICE_PORTS['documents']}"
    notifier_url: str = f"http://127.0.0.1:{SERVICE_PORTS['notifier']}"
