"""A newcomer's first start in a real terminal: pointed to the tutorial, played with keys."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from terminal import Terminal, player_file

from quiz.model.pack import Question
from quiz.store.packs import load_pack
from quiz.store.schema import ROUND_FIELDS

TUTORIAL = Path(__file__).resolve().parents[2] / "questions" / "tutorial.toml"
ENTER, DOWN = "\r", "\x1b[B"


def on_screen(screen: str, questions: list[Question]) -> Question:
    """The question whose prompt is on screen."""
    flat = " ".join(screen.split())
    [question] = [q for q in questions if q.prompt[:50] in flat]
    return question


def option_number(screen: str, label: str) -> int:
    """The number the answer pad gives an option, read off the screen."""
    for line in screen.splitlines():
        found = re.match(r"\s*(\d) +(.+?)\s*$", line)
        if found and label.startswith(found.group(2)):
            return int(found.group(1))
    raise AssertionError(f"{label!r} is not on screen:\n{screen}")


def test_a_first_start_leads_through_the_tutorial_to_the_results(tmp_path: Path) -> None:
    questions = list(load_pack(TUTORIAL).questions)
    term = Terminal([], {"QUIZ_HOME": str(tmp_path)})
    try:
        term.wait_text("New here? Start with the tutorial")
        term.wait_text("\u23ce Play")  # the primary action in the footer
        term.send(ENTER)
        term.wait_text("Read the article first")
        term.send(ENTER)
        for number in range(1, len(questions) + 1):
            screen = term.wait_text(f"Question {number} of {len(questions)}")
            screen = term.wait_for(
                lambda text: any(q.prompt[:50] in " ".join(text.split()) for q in questions)
            )
            question = on_screen(screen, questions)
            # The tutorial keeps the order it is written in: its lessons build on each other.
            assert question == questions[number - 1]
            if question.kind != "number":  # the footer names the keys that answer
                count = 3 if question.kind == "verdict" else len(question.choices)
                screen = term.wait_text(f"1\u2013{count} Answer")
            if question.kind == "verdict":
                term.send(
                    {"supported": "1", "contradicted": "2", "not-stated": "3"}[question.answer]
                )
            elif question.kind == "choice":
                # The arrow keys and Enter, as the tutorial teaches.
                term.send(DOWN * option_number(screen, question.answer) + ENTER)
            else:
                term.send(question.answer + ENTER)
            screen = term.wait_text("\u2714 Right")
            assert "points" in screen
            term.send(ENTER)
        screen = term.wait_text("Round complete")
        assert "8 of 8 right (100 %)" in screen
        term.send(ENTER)
        term.wait_text("8 questions")
        screen = term.text()
        assert "New here?" not in screen  # no longer a newcomer
        term.send("q")
    finally:
        code = term.close()
    assert code == 0
    saved = tomllib.loads(player_file(tmp_path).read_text("utf-8"))
    [record] = [dict(zip(ROUND_FIELDS, row, strict=True)) for row in saved["rounds"]]
    assert (record["pack"], record["correct"], record["answered"]) == ("tutorial", 8, 8)
