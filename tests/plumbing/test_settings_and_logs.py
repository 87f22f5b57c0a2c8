"""Settings refuse development secrets in production; logs are JSON with the correlation id."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from pydantic import ValidationError
from pydantic_settings import SettingsConfigDict

from plumbing.correlation import bind_correlation_id
from plumbing.logs import JsonFormatter
from plumbing.settings import PlatformSettings, ServiceSettings

pytestmark = pytest.mark.unit


class ExampleSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EXEMPLE_")
    port: int = 9999


@pytest.mark.parametrize("environment", ["test", "production"])
def test_development_secrets_are_refused_outside_development(
    monkeypatch: pytest.MonkeyPatch, environment: str
) -> None:
    monkeypatch.setenv("APP_ENV", environment)
    with pytest.raises(ValidationError, match="EXEMPLE_SECRET_KEY doit être défini hors du développement"):
        ExampleSettings()
    with pytest.raises(ValidationError, match="INTERNAL_API_TOKEN doit être défini hors du développement"):
        PlatformSettings()
    monkeypatch.setenv("EXEMPLE_SECRET_KEY", "a-real-secret")
    monkeypatch.setenv("INTERNAL_API_TOKEN", "another-real-secret")
    assert ExampleSettings().secret_key == "a-real-secret"
    assert PlatformSettings().is_production == (environment == "production")


def test_settings_are_validated_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXEMPLE_PORT", "not-a-port")
    with pytest.raises(ValidationError):
        ExampleSettings()


def test_each_service_has_its_own_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXEMPLE_PORT", "1234")
    monkeypatch.setenv("PORT", "1")
    assert ExampleSettings().port == 1234


def test_log_lines_are_json_with_service_and_correlation_id() -> None:
    bind_correlation_id("abc123")
    record = logging.LogRecord("dossier", logging.INFO, __file__, 1, "dossier déposé", None, None)
    record.dossier_id = "d-42"
    line = json.loads(JsonFormatter("dossier").format(record))
    assert line["service"] == "dossier"
    assert line["correlation_id"] == "abc123"
    assert line["message"] == "dossier déposé"
    assert line["dossier_id"] == "d-42"
    assert line["level"] == "info"


def _refuser(adresse: str) -> None:
    try:
        raise KeyError(adresse)
    except KeyError as erreur:
        raise ValueError(f"Key (courriel)=({adresse}) already exists.") from erreur


def test_a_logged_exception_says_where_and_what_but_not_its_message() -> None:
    """A database driver's message quotes the refused values: only frames and types are logged."""
    adresse = "septetranger@" + "yop" + "mail.com"  # not quoted whole in the frames' source lines
    try:
        _refuser(adresse)
    except ValueError:
        record = logging.LogRecord(
            "notifier", logging.ERROR, __file__, 1, "traitement en échec", None, sys.exc_info()
        )
    line = json.loads(JsonFormatter("notifier").format(record))
    assert "yopmail" not in json.dumps(line)
    assert "builtins.KeyError" in line["exception"] and line["exception"].endswith("builtins.ValueError")
    assert "_refuser" in line["exception"]


def test_an_untrustworthy_correlation_id_is_replaced() -> None:
    assert bind_correlation_id("x" * 500) != "x" * 500
    assert bind_correlation_id("bad\nid") != "bad\nid"
    assert len(bind_correlation_id(None)) == 32
