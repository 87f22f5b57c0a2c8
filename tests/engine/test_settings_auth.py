"""The engine is secure by default; its opt-out is for its own protocol tests, never production."""

from __future__ import annotations

import logging

import pytest
from pydantic import ValidationError

from engine.app import token_verifier
from engine.settings import EngineSettings

pytestmark = pytest.mark.unit


def test_authentication_is_on_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ENGINE_AUTHENTICATION", raising=False)
    settings = EngineSettings()
    assert settings.authentication
    assert token_verifier(settings) is not None


def test_production_refuses_the_opt_out() -> None:
    with pytest.raises(ValidationError, match="ENGINE_AUTHENTICATION=false est refusé en production"):
        EngineSettings(APP_ENV="production", authentication=False, nats_password="n" * 32)


def test_the_opt_out_is_logged_as_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="engine"):
        assert token_verifier(EngineSettings(authentication=False)) is None
    assert any(r.levelno == logging.WARNING and "authentication is OFF" in r.message for r in caplog.records)
