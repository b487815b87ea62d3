"""Which central database a station syncs with, and the age at which a lead is told: `--central`
first, then $TRACESTATION_CENTRAL, then the settings file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracestation.config import (
    CENTRAL_ENV,
    ConfigError,
    StationConfig,
    load_config,
    resolve_central_url,
    save_config,
)

SAVED = StationConfig(central_url="postgresql+psycopg://saved@host/plant", sync_notice_minutes=45)


def test_the_flag_wins_over_the_environment_which_wins_over_the_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(CENTRAL_ENV, raising=False)
    assert resolve_central_url(None, SAVED) == SAVED.central_url
    assert resolve_central_url(None, None) == ""
    monkeypatch.setenv(CENTRAL_ENV, "postgresql+psycopg://env@host/plant")
    assert resolve_central_url(None, SAVED) == "postgresql+psycopg://env@host/plant"
    assert resolve_central_url(" postgresql+psycopg://flag@host/plant ", SAVED) == (
        "postgresql+psycopg://flag@host/plant"
    )
    assert resolve_central_url("", SAVED) == "", "an empty --central turns the sync off"


def test_the_notice_age_is_saved_and_a_nonsense_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "station.json"
    save_config(SAVED, path)
    assert load_config(path) == SAVED
    assert StationConfig().sync_notice_minutes == 30
    path.write_text('{"sync_notice_minutes": 0}')
    with pytest.raises(ConfigError, match="sync_notice_minutes must be a whole number"):
        load_config(path)
