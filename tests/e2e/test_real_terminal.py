"""The real ``quiz`` command in a pseudo-terminal: play, quit, resume, finish, check the file."""

from __future__ import annotations

import tomllib
from pathlib import Path

from terminal import Terminal, player_file

from quiz.model.round import Round
from quiz.store.packs import load_pack
from quiz.store.schema import ROUND_FIELDS

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "questions" / "iran-quds-force-iraq.toml"
ENTER, CTRL_Q = "\r", "\x11"


def keys_for_right_answer(play: Round) -> str:
    question = play.current
    assert question is not None
    if question.kind == "number":
        return question.answer + ENTER
    options = play.options(question)
    return str(next(i for i, o in enumerate(options, 1) if o.value == question.answer))


def answer_on_screen(term: Terminal, play: Round, number: int) -> None:
    term.wait_text(f"Question {number} of {play.total}")
    question = play.current
    term.wait_text(question.prompt[:40])
    term.send(keys_for_right_answer(play))
    play.answer(question.answer)
    term.wait_text("\u2714 Right")
    term.send(ENTER)


def test_play_quit_resume_and_finish_in_a_real_terminal(tmp_path: Path) -> None:
    env = {"QUIZ_HOME": str(tmp_path)}
    play = Round.new(load_pack(PACK), seed=42, count=4, clock=lambda: 0.0)

    term = Terminal(["play", "iran-quds-force-iraq", "--seed", "42", "--questions", "4"], env)
    try:
        answer_on_screen(term, play, 1)
        answer_on_screen(term, play, 2)
        term.wait_text("Question 3 of 4")
        term.send(CTRL_Q)
        term.wait_text("Quit quiz?")
        term.send("y")
    finally:
        code = term.close()
    assert code == 0
    saved = tomllib.loads(player_file(tmp_path).read_text("utf-8"))
    assert len(saved["current"]["answers"]) == 2

    term = Terminal([], env)
    try:
        term.wait_text("Resume it?")
        term.send("y")
        answer_on_screen(term, play, 3)
        answer_on_screen(term, play, 4)
        screen = term.wait_text("Round complete")
        assert "4 of 4 right (100 %)" in screen
        term.send(ENTER)
        term.wait_text("46 questions")
        term.send("q")
    finally:
        code = term.close()
    assert code == 0
    saved = tomllib.loads(player_file(tmp_path).read_text("utf-8"))
    assert "current" not in saved
    [record] = [dict(zip(ROUND_FIELDS, row, strict=True)) for row in saved["rounds"]]
    assert (record["correct"], record["answered"], record["score"]) == (4, 4, play.score)


HOSTILE = r"""format = 1
[pack]
id = "hostile"
title = "Hostile \u001b]0;pwned\u0007 pack"
[[questions]]
id = "q"
kind = "verdict"
prompt = "Claim \u001b[2J\u009b2J \u001b]52;c;ZXZpbA==\u0007 [@click=app.quit]x[/] \u202eend"
answer = "supported"
evidence = ["quote \u0000\u007f [/] here"]
explanation = "why [bold red"
"""


def test_hostile_pack_sends_no_control_sequence_to_the_terminal(tmp_path: Path) -> None:
    pack = tmp_path / "hostile.toml"
    pack.write_text(HOSTILE, "utf-8")
    term = Terminal(["play", str(pack)], {"QUIZ_HOME": str(tmp_path / "data")})
    try:
        term.wait_text("[@click=app.quit]x[/]")
        term.send("1")
        screen = term.wait_text("why [bold red")
        assert "quote  [/] here" in screen
        term.send(ENTER)
        term.wait_text("Round complete")
        term.send(CTRL_Q)
    finally:
        code = term.close()
    assert code == 0
    raw = bytes(term.raw)
    assert b"pwned" in raw, "the visible text of the title is still shown"
    for sequence in (b"\x1b]0;pwned", b"\x1b]52;", "\u009b".encode(), "\u202e".encode(), b"\x00"):
        assert sequence not in raw


def test_r_reads_the_article_in_a_real_terminal(tmp_path: Path) -> None:
    """At 100 columns the source is a key away: r shows the headline and the first paragraph."""
    term = Terminal(["play", "iran-quds-force-iraq", "--seed", "1"], {"QUIZ_HOME": str(tmp_path)})
    try:
        term.wait_text("Question 1 of 46")
        term.send("r")
        term.wait_text("Iran Orders Elite Troops: Lay Off U.S. Forces in Iraq")
        term.wait_text("The last time Iranian and American forces were in")
        screen = term.text()
        # Once in the reader's border, once as the headline paragraph itself.
        assert screen.count("Iran Orders Elite Troops: Lay Off U.S. Forces in Iraq") == 2
        assert "1. The last time Iranian" in screen
        assert "Vahid Salemi" not in screen and "Forward March" not in screen
        term.send("\x1b")
        term.wait_text("Question 1 of 46")
        term.send(CTRL_Q)
        term.wait_text("Quit quiz?")
        term.send("y")
    finally:
        term.close()
