"""Session.join: a game that starts without a player (a browser tab) takes one later."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quiz.session import Session
from quiz.store import lock, paths


def test_join_locks_the_named_players_file_and_nobody_elses(tmp_path: Path) -> None:
    session = Session(tmp_path, defer_loading=True)
    assert not session.exclusive and not (tmp_path / "players").exists()
    assert session.join("  Zoe  ") == "Zoe"
    with pytest.raises(lock.AlreadyPlaying):
        Session(tmp_path, player="Zoe", exclusive=True)
    assert list((tmp_path / "players").glob("*.toml")) == [paths.player_path(tmp_path, "Zoe")]
    assert session.close()


def test_join_refuses_an_empty_name_a_taken_one_and_a_late_call(tmp_path: Path) -> None:
    session = Session(tmp_path, defer_loading=True)
    with pytest.raises(ValueError):
        session.join(" \x1b ")
    (tmp_path / "players").mkdir()
    held = lock.hold(paths.player_path(tmp_path, "ana"), "ana")
    try:
        with pytest.raises(lock.AlreadyPlaying):
            session.join("ana")
        assert not session.exclusive  # refused: as it was, and may try another name
    finally:
        os.close(held)
    session.join("ben")
    session.ensure_loaded()
    with pytest.raises(RuntimeError):
        session.join("cy")
    assert session.close()
