"""Engine configuration, read once from `ENGINE_*` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_database_url() -> str:
    return f"sqlite:///{REPO_ROOT / 'var' / 'engine.db'}"


class EngineSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ENGINE_", extra="ignore")

    host: str = "127.0.0.1"
    grpc_port: int = 26500
    rest_port: int = 8080
    database_url: str = ""
    clock_control: bool = False
    nats_url: str = ""
    partition_id: int = 1
    long_poll_timeout_ms: int = 10_000
    log_level: str = "INFO"
    max_inflight_requests: int = 2_000

    def resolved_database_url(self) -> str:
        return self.database_url or default_database_url()
