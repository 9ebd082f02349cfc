"""A game that cannot save says so at the start of the round, never claims it saved,
and exits non-zero with one line: played in a real pseudo-terminal.

The causes: a read-only data folder and a full disk (simulated by
``failing_disk.py``, as a test cannot make either for real), a folder where the
player's file should be, a player's file from a newer version of the game, and
the player's file held by another game (refused before anything is played).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from quiz.store import lock, paths

E2E = Path(__file__).resolve().parents[1] / "e2e"
HERE = Path(__file__).resolve().parent
NEWER = b'format = 99\nplayer = "ana"\n[future]\nthing = 1\n'


@pytest.fixture(scope="module")
def terminal_module():
    """``tests/e2e/terminal.py``, loaded by path under a name of its own."""
    spec = importlib.util.spec_from_file_location("unsaved_e2e_terminal", E2E / "terminal.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare(cause: str, data: Path) -> list[str]:
    """Set the data folder up for a cause; the command to run the game with."""
    player = paths.player_path(data, "ana")
    if cause == "folder":
        player.mkdir(parents=True)
    elif cause == "newer":
        player.parent.mkdir(parents=True)
        player.write_bytes(NEWER)
    if cause in ("read-only", "full"):
        return [sys.executable, str(HERE / "failing_disk.py"), cause]
    return []


@pytest.mark.parametrize(
    ("cause", "says"),
    [
        ("read-only", "Read-only file system"),
        ("full", "No space left on device"),
        ("folder", "cannot be locked"),
        ("newer", "newer version of quiz"),
    ],
)
def test_quiz_play_that_cannot_save_says_so_and_exits_1(
    cause: str, says: str, tmp_path: Path, terminal_module
) -> None:
    data = tmp_path / "data"
    command = prepare(cause, data)
    term = terminal_module.Terminal(
        ["--player", "ana", "play", "iran-quds-force-iraq", "--seed", "1"],
        {"QUIZ_HOME": str(data)},
        command or None,
    )
    try:
        start = term.wait_text("will not be saved")
        term.send("1")  # a choice is answered now; a number waits for Enter
        try:
            term.wait_text("Press Enter or Space", timeout=2)
        except AssertionError:
            term.send("\r")
            term.wait_text("Press Enter or Space")
        term.send("\x11")
        dialog = term.wait_text("Quit quiz?")
        term.send("y")
    finally:
        code = term.close()
    assert says in " ".join(start.replace("\u258c", " ").split()), start  # a toast's edge
    assert "are saved" not in dialog and "not saved" in dialog, dialog
    assert code == 1
    output = bytes(term.raw).decode("utf-8", "replace")
    [line] = [line for line in output.splitlines() if "quiz: this game was not saved" in line]
    assert says in line, line
    assert "Traceback" not in output
    player = paths.player_path(data, "ana")
    if cause == "folder":
        assert player.is_dir() and not any(player.iterdir())
    elif cause == "newer":
        assert player.read_bytes() == NEWER  # nothing written over what the game cannot read


def test_quiz_play_of_a_player_held_by_another_game_is_refused_before_it_starts(
    tmp_path: Path, capsys
) -> None:
    from quiz.__main__ import main

    data = tmp_path / "data"
    held = lock.hold(paths.player_path(data, "ana"), "ana")
    try:
        code = main(["--data-dir", str(data), "--player", "ana", "play", "iran-quds-force-iraq"])
    finally:
        os.close(held)
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "ana is already playing in another quiz" in err, err
