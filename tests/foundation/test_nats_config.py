"""`scripts.nats_config`: `make run`'s NATS secrets and configuration under var/, production's from
the environment."""

from __future__ import annotations

import json
import secrets
import stat
from pathlib import Path

import bcrypt
import pytest
from pydantic import ValidationError

from scripts.nats_config import CONFIG_FILE, SECRETS_FILE, UTILISATEURS, main, preparer
from services.notifier.settings import NotifierSettings

pytestmark = pytest.mark.unit


def mode(chemin: Path) -> int:
    return stat.S_IMODE(chemin.stat().st_mode)


def test_make_run_generates_each_service_s_password_once_readable_by_its_owner_only(tmp_path: Path) -> None:
    premiers = preparer(tmp_path, {})
    seconds = preparer(tmp_path, {})  # a second `make run` finds them

    assert premiers == seconds
    assert set(premiers) == {f"{nom.upper()}_NATS_PASSWORD" for nom in UTILISATEURS}
    assert len(set(premiers.values())) == len(UTILISATEURS)
    for fichier in (CONFIG_FILE, SECRETS_FILE):
        assert mode(tmp_path / "nats" / fichier) == 0o600
    config = (tmp_path / "nats" / CONFIG_FILE).read_text(encoding="utf-8")
    assert not [p for p in premiers.values() if p in config]  # only their bcrypt hashes
    document = json.loads(config.split("\n", 1)[1])
    assert document["jetstream"]["cipher"] == "chachapoly"
    notifier = next(u for u in document["authorization"]["users"] if u["user"] == "notifier")
    assert bcrypt.checkpw(premiers["NOTIFIER_NATS_PASSWORD"].encode(), notifier["password"].encode())


def test_the_environment_s_secrets_win(tmp_path: Path) -> None:
    env = preparer(
        tmp_path, {"NOTIFIER_NATS_PASSWORD": "celui-de-la-configuration", "NATS_JETSTREAM_KEY": "k"}
    )

    assert env["NOTIFIER_NATS_PASSWORD"] == "celui-de-la-configuration"
    config = json.loads((tmp_path / "nats" / CONFIG_FILE).read_text(encoding="utf-8").split("\n", 1)[1])
    assert config["jetstream"]["key"] == "k"


def test_production_names_every_missing_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for nom in UTILISATEURS:
        monkeypatch.setenv(f"{nom.upper()}_NATS_PASSWORD", "x" * 32)
    monkeypatch.setenv("ENGINE_NATS_PASSWORD", "court")
    monkeypatch.delenv("NATS_JETSTREAM_KEY", raising=False)

    with pytest.raises(SystemExit, match="ENGINE_NATS_PASSWORD, NATS_JETSTREAM_KEY"):
        main([str(tmp_path / "nats.conf"), "--store-dir", "/data"])

    monkeypatch.setenv("ENGINE_NATS_PASSWORD", "y" * 32)
    monkeypatch.setenv("NATS_JETSTREAM_KEY", "z" * 32)
    main([str(tmp_path / "nats.conf"), "--store-dir", "/data"])
    assert mode(tmp_path / "nats.conf") == 0o600


def test_a_service_refuses_to_start_in_production_without_its_nats_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("APP_ENV", "production")
    monkeypatch.setenv("NOTIFIER_SECRET_KEY", secrets.token_urlsafe(32))
    monkeypatch.delenv("NOTIFIER_NATS_PASSWORD", raising=False)
    with pytest.raises(ValidationError, match="NOTIFIER_NATS_PASSWORD doit être défini en production"):
        NotifierSettings()

    monkeypatch.setenv("NOTIFIER_NATS_PASSWORD", "p" * 32)
    assert NotifierSettings().nats_password == "p" * 32
