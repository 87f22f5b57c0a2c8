"""The README's configuration table refuses settings that say nothing of what they do."""

from __future__ import annotations

import pytest
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from scripts import config_table

pytestmark = pytest.mark.unit


class _Described(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EXEMPLE_")

    delai: float = Field(1.0, description="délai (secondes)")


class _Undescribed(_Described):
    tentatives: int = 3


def test_every_setting_of_the_project_is_described() -> None:
    assert all(meaning for _, _, meaning in config_table.rows())


def test_a_setting_without_description_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config_table, "settings_classes", lambda: [_Undescribed])

    with pytest.raises(config_table.UndescribedSettings, match="EXEMPLE_TENTATIVES"):
        config_table.rows()


def test_described_settings_make_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config_table, "settings_classes", lambda: [_Described])

    assert config_table.rows() == [("EXEMPLE_DELAI", "1.0", "délai (secondes)")]
