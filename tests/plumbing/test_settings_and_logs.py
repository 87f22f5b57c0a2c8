"""Settings refuse development secrets in production; logs are JSON with the correlation id."""

from __future__ import annotations

import json
import logging
import secrets
import sys

import pytest
from pydantic import ValidationError
from pydantic_settings import SettingsConfigDict

from plumbing.correlation import bind_correlation_id
from plumbing.logs import JsonFormatter
from plumbing.settings import PlatformSettings, ServiceSettings, weak_secret

pytestmark = pytest.mark.unit

FORT = "Xq3v-9rT_ab1LmZ0pWk7YhC2nE5sJd8uFg4oRi6tHb"  # secrets.token_urlsafe(32)
AUTRE_FORT = "pN8cK2_wQ5eRz7xV-tB1mL4yG9hU3jD6sA0fI5oPq"


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
    monkeypatch.setenv("EXEMPLE_SECRET_KEY", FORT)
    assert ExampleSettings().secret_key == FORT
    assert PlatformSettings().is_production == (environment == "production")


@pytest.mark.parametrize(
    ("secret", "raison"),
    [
        ("a-real-secret", "moins de 32 caractères"),
        ("s" * 40, "trop prévisible"),
        ("dev-secret-change-me-dev-secret-change-me", "valeur d'exemple"),
        ("Change-Me-Please-0123456789-abcdefghij", "valeur d'exemple"),
        ("correct horse battery staple and more words", "trop prévisible"),
        ("azertyuiopqsdfghjklmwxcvbnazertyuiop", "trop prévisible"),
        ("MaisonBleue2026!MaisonBleue2026!MaisonBleue", "trop prévisible"),
        ("0123456789abcdefghijklmnopqrstuvwxyz", "trop prévisible"),
    ],
)
def test_production_refuses_weak_secrets_by_strength(
    monkeypatch: pytest.MonkeyPatch, secret: str, raison: str
) -> None:
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("EXEMPLE_SECRET_KEY", secret)
    with pytest.raises(
        ValidationError, match=f"EXEMPLE_SECRET_KEY est trop faible pour la production \\({raison}"
    ):
        ExampleSettings()
    monkeypatch.setenv("EXEMPLE_SECRET_KEY", FORT)
    monkeypatch.setenv("METRICS_TOKEN", secret)
    with pytest.raises(ValidationError, match="METRICS_TOKEN est trop faible"):
        PlatformSettings()


def test_generated_secrets_are_strong_enough() -> None:
    for _ in range(50):
        assert weak_secret(secrets.token_urlsafe(32)) is None
    assert weak_secret(secrets.token_hex(32)) is None


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
