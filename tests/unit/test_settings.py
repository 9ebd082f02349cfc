"""settings.toml: small, written whole, and never a reason not to start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quiz.model.round_length import ALL, DEFAULT_ROUND_LENGTH
from quiz.store import settings
from quiz.store.files import write_atomic
from quiz.store.settings import PlayerSettings, Settings


def test_settings_round_trip_and_defaults_are_left_out(tmp_path: Path) -> None:
    assert settings.load(tmp_path) == (Settings(), None)
    chosen = Settings(player="Ann Lee", confidence=True, theme="textual-light")
    write_atomic(settings.settings_path(tmp_path), settings.to_bytes(chosen))
    assert settings.load(tmp_path) == (chosen, None)
    assert settings.to_bytes(Settings()) == b""
    assert settings.to_bytes(Settings(player="ann")) == b'player = "ann"\n'


@pytest.mark.parametrize(
    "data",
    [b"player = [\n", b"player = 3\n", b"confidence = 1\n", b"theme = true\n", b"\xff"],
)
def test_damaged_settings_mean_the_defaults_and_a_notice(tmp_path: Path, data: bytes) -> None:
    path = settings.settings_path(tmp_path)
    path.write_bytes(data)
    loaded, notice = settings.load(tmp_path)
    assert loaded == Settings()
    assert notice is not None and str(path) in notice and "defaults apply" in notice
    assert path.read_bytes() == data


def test_a_player_name_from_the_file_is_cleaned(tmp_path: Path) -> None:
    settings.settings_path(tmp_path).write_text('player = "\\u001b[1mann\\u0007"\n', "utf-8")
    assert settings.load(tmp_path)[0].player == "[1mann"


@pytest.mark.skipif(os.name != "posix", reason="named pipes are POSIX")
def test_a_named_pipe_in_place_of_the_settings_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(settings.settings_path(tmp_path))
    loaded, notice = settings.load(tmp_path)
    assert loaded == Settings() and notice is not None


def test_each_players_own_choices_round_trip_and_defaults_are_left_out(tmp_path: Path) -> None:
    chosen = Settings(
        player="ann",
        players={
            "ann": PlayerSettings(round_length=20, confidence_explained=True),
            "Bo Li": PlayerSettings(round_length=ALL),
            "cy": PlayerSettings(),
        },
    )
    data = settings.to_bytes(chosen)
    assert b"cy" not in data  # a player at the defaults takes no line
    write_atomic(settings.settings_path(tmp_path), data)
    loaded, notice = settings.load(tmp_path)
    assert notice is None
    assert loaded.of("ann") == PlayerSettings(20, True)
    assert loaded.of("Bo Li").round_length == ALL
    assert loaded.of("cy") == loaded.of("nobody") == PlayerSettings(DEFAULT_ROUND_LENGTH, False)


@pytest.mark.parametrize(
    "data",
    [
        b"players = 3\n",
        b"[players]\nann = 1\n",
        b"[players.ann]\nround_length = 15\n",
        b'[players.ann]\nround_length = "all"\n',
        b"[players.ann]\nround_length = true\n",
        b"[players.ann]\nconfidence_explained = 1\n",
    ],
)
def test_a_damaged_players_table_means_the_defaults_and_a_notice(
    tmp_path: Path, data: bytes
) -> None:
    path = settings.settings_path(tmp_path)
    path.write_bytes(data)
    loaded, notice = settings.load(tmp_path)
    assert loaded == Settings()
    assert notice is not None and str(path) in notice
