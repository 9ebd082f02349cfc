"""Faults a real machine produces, with the real command: a second game of a player, a crash."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from terminal import Terminal, player_file, quiz_command

CTRL_Q = "\x11"


def test_a_second_game_of_the_same_player_is_refused_and_loses_nothing(tmp_path: Path) -> None:
    env = {"QUIZ_HOME": str(tmp_path)}
    first = Terminal(["play", "iran-quds-force-iraq", "--seed", "0", "--questions", "3"], env)
    try:
        first.wait_text("Question 1 of 3")
        second = subprocess.run(
            [*quiz_command(), "play", "iran-quds-force-iraq"],
            env={**first.child.env},
            capture_output=True,
            text=True,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
        assert second.returncode == 1
        assert "is already playing in another quiz (process" in second.stderr
        assert "Traceback" not in second.stderr
        first.send("2")
        first.wait_text("Press Enter or Space")
        first.send(CTRL_Q)
        first.wait_text("Quit quiz?")
        first.send("y")
    finally:
        code = first.close()
    assert code == 0
    saved = tomllib.loads(player_file(tmp_path).read_text("utf-8"))
    assert len(saved["current"]["answers"]) == 1

    again = Terminal([], env)
    try:
        again.wait_text("Resume it?")
        again.send("n")
        again.wait_text("46 questions")
        again.send("q")
    finally:
        code = again.close()
    assert code == 0


CRASHING = """
import sys
from quiz.screens.play import PlayScreen
from quiz.__main__ import main

def broken(self, response, confidence=None):
    raise ZeroDivisionError("deliberate fault for the test")

PlayScreen.submit = broken
sys.exit(main(sys.argv[1:]))
"""


def test_a_crash_prints_one_line_and_a_log_path_and_keeps_progress(tmp_path: Path) -> None:
    script = tmp_path / "crashing.py"
    script.write_text(CRASHING, "utf-8")
    data = tmp_path / "data"
    args = ["play", "iran-quds-force-iraq", "--seed", "0"]  # a claim first: "1" answers it
    term = Terminal(args, {"QUIZ_HOME": str(data)}, command=[sys.executable, str(script)])
    try:
        term.wait_text("Question 1 of 46")
        term.send("1")
    finally:
        code = term.close()
    output = bytes(term.raw).decode("utf-8", "replace")
    assert code == 1
    assert "quiz stopped on an unexpected error (ZeroDivisionError" in output
    assert "Traceback" not in output
    log = data / "crash.log"
    assert str(log) in output.replace("\r\n", "").replace("\n", "")
    assert "deliberate fault for the test" in log.read_text("utf-8")
    saved = tomllib.loads(player_file(data).read_text("utf-8"))
    assert saved["current"]["pack"] == "iran-quds-force-iraq"
