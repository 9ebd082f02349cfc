"""The player's file deleted while a game runs, and a second game of that player let in:
the first game never writes over the second one's rounds, says so and exits 1.

Played in a real pseudo-terminal; the second game runs in this process.
"""

from __future__ import annotations

import importlib.util
import os
import time
from pathlib import Path

import pytest

from quiz.session import Session
from quiz.store import paths

E2E = Path(__file__).resolve().parents[1] / "e2e"
SAYS = "it was deleted during this game and another file took its place"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="flock is POSIX")


@pytest.fixture(scope="module")
def terminal_module():
    """``tests/e2e/terminal.py``, loaded by path under a name of its own."""
    spec = importlib.util.spec_from_file_location("deleted_e2e_terminal", E2E / "terminal.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def answer(term) -> None:
    """Answer the question on screen: a choice at once, a number with Enter."""
    term.send("1")
    try:
        term.wait_text("Press Enter or Space", timeout=2)
    except AssertionError:
        term.send("\r")
        term.wait_text("Press Enter or Space")


def second_game(data: Path) -> int:
    """Play a whole round as the same player, every answer right; how many were right."""
    second = Session(data, exclusive=True, player="ana")
    try:
        play = second.start_round(second.library.find_pack("iran-quds-force-iraq"), count=2)
        while (question := play.current) is not None:
            second.answer(play, question.answer)
        return second.finish(play).correct
    finally:
        assert second.close() and second.unsaved() is None


def saved_answers(data: Path) -> int:
    """How many answers of the unfinished round the player's file holds."""
    reader = Session(data, exclusive=False, player="ana")
    try:
        current = reader.progress.current
        return 0 if current is None else len(current.answers)
    finally:
        reader.close()


def wait_for_the_save(data: Path, answers: int, timeout: float = 10.0) -> None:
    """Wait until the game's save of its answers is on disk (it follows the frame)."""
    deadline = time.monotonic() + timeout
    while saved_answers(data) < answers:
        assert time.monotonic() < deadline, "the game never saved its answer"
        time.sleep(0.02)


def rounds_on_disk(data: Path) -> list[int]:
    reader = Session(data, exclusive=False, player="ana")
    try:
        return [record.correct for record in reader.progress.rounds]
    finally:
        reader.close()


def test_a_game_whose_file_was_deleted_keeps_off_the_next_games_file(
    tmp_path: Path, terminal_module
) -> None:
    data = tmp_path / "data"
    term = terminal_module.Terminal(
        ["--player", "ana", "play", "iran-quds-force-iraq", "--seed", "0", "--questions", "3"],
        {"QUIZ_HOME": str(data)},
    )
    try:
        term.wait_text("Question 1 of 3")
        answer(term)
        # The file is deleted once the answer is saved: deleted before, the game's
        # first save would create it afresh, and the second game would be refused.
        wait_for_the_save(data, 1)
        paths.player_path(data, "ana").unlink()
        right = second_game(data)
        term.send("\r")
        term.wait_text("Question 2 of 3")
        answer(term)
        notice = term.wait_text("will not be saved")
        term.send("\x11")
        dialog = term.wait_text("Quit quiz?")
        term.send("y")
    finally:
        code = term.close()
    assert SAYS in " ".join(notice.replace("\u258c", " ").split()), notice  # a toast's edge
    assert "are saved" not in dialog and "not saved" in dialog, dialog
    assert code == 1
    output = bytes(term.raw).decode("utf-8", "replace")
    [line] = [line for line in output.splitlines() if "quiz: this game was not saved" in line]
    assert SAYS in line, line
    assert "Traceback" not in output
    assert rounds_on_disk(data) == [right]
