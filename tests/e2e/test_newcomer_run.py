"""A newcomer's first rounds in a real terminal, by keys only: the tutorial, a round of the
article's pack, a retry of the questions missed, and the scores."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from terminal import Terminal, player_file
from test_first_start import ENTER, on_screen, option_number

from quiz.model.pack import Question
from quiz.store.packs import load_pack
from quiz.store.schema import ROUND_FIELDS

PACKS = Path(__file__).resolve().parents[2] / "questions"
TUTORIAL = load_pack(PACKS / "tutorial.toml")
ARTICLE = load_pack(PACKS / "iran-quds-force-iraq.toml")
DOWN, UP = "\x1b[B", "\x1b[A"
VERDICT_KEYS = {"supported": "1", "contradicted": "2", "not-stated": "3"}
WRONG_AT = {2, 5, 9}
"""The questions of the first round of the article's pack answered wrong on purpose."""


def flat(screen: str) -> str:
    return " ".join(screen.split())


def answer(term: Terminal, questions: list[Question], number: int, total: int, *, right: bool):
    """Answer the question on screen right or wrong, and wait for the verdict."""
    term.wait_text(f"Question {number} of {total}")
    screen = term.wait_for(lambda text: any(q.prompt[:50] in flat(text) for q in questions))
    question = on_screen(screen, questions)
    if question.kind == "verdict":
        key = VERDICT_KEYS[question.answer]
        term.send(key if right else ("2" if key == "1" else "1"))
    elif question.kind == "choice":
        screen = term.wait_text(f"1\u2013{len(question.choices)} Answer")
        key = option_number(screen, question.answer)
        term.send(str(key if right else (2 if key == 1 else 1)))
    else:
        term.send((question.answer if right else "987654") + ENTER)
    screen = term.wait_text("\u2714 Right" if right else "\u2718 Wrong")
    term.send(ENTER)
    return question


def test_a_newcomer_plays_the_tutorial_a_round_a_retry_and_reads_the_scores(
    tmp_path: Path,
) -> None:
    tutorial = list(TUTORIAL.questions)
    article = list(ARTICLE.questions)
    term = Terminal([], {"QUIZ_HOME": str(tmp_path)})
    try:
        # First start: the tutorial is highlighted and named as the place to begin.
        term.wait_text("New here? Start with the tutorial")
        term.wait_text("Start here. A short invented news story")  # its detail pane
        term.wait_text("\u23ce Play")
        term.send(ENTER)
        term.wait_text("Read the article first")
        term.send(ENTER)
        for number in range(1, len(tutorial) + 1):
            answer(term, tutorial, number, len(tutorial), right=True)
        screen = term.wait_text("Round complete")
        assert f"{len(tutorial)} of {len(tutorial)} right (100 %)" in screen
        assert "A perfect round" in screen
        term.send(ENTER)

        # Back home, a newcomer no more; on to the article's pack.
        screen = term.wait_text(f"{len(tutorial)} questions")
        assert "New here?" not in screen
        term.send(UP)
        term.wait_text("Iran Orders Elite Troops")  # the detail pane follows the cursor
        term.send(ENTER)

        # The start dialog offers ten questions first: Enter takes them.
        screen = term.wait_text("Read the article first")
        assert "10 questions" in screen and f"All {len(article)}" in screen
        term.send(ENTER)
        missed = [
            answer(term, article, number, 10, right=number not in WRONG_AT).id
            for number in range(1, 11)
        ]
        missed = [qid for number, qid in enumerate(missed, 1) if number in WRONG_AT]
        screen = term.wait_text("Round complete")
        assert "7 of 10 right (70 %)" in screen
        assert "Missed (3)   Press m to retry these 3 now." in screen
        assert "A perfect round" not in screen

        # m: a round of just the three missed, answered right this time.
        term.send("m")
        retried = [answer(term, article, number, 3, right=True).id for number in range(1, 4)]
        assert sorted(retried) == sorted(missed)
        screen = term.wait_text("Review round complete")
        assert "3 of 3 right (100 %)" in screen
        assert "Every miss put right: all 3 answered right this time." in screen
        term.send(ENTER)

        # s: the scores, both packs' rounds counted, the review round kept out of the best.
        term.wait_text("\u23ce Play")
        term.send("s")
        screen = term.wait_text("Rounds, newest first (3 of 3)")
        # One full round of each pack: the review round is in the history, not in the figures.
        assert re.search(rf"{re.escape(ARTICLE.title)}\s+1\s+\d+\s+\d+\s+\d+\s+70 %", screen)
        assert re.search(rf"{re.escape(TUTORIAL.title)}\s+1\s+(\d+)\s+\1\s+\1\s+100 %", screen)
        # The marked title can be wider than its column leaves room for at 100 columns:
        # "(review)" then folds under it, after the round's figures, which stay whole.
        assert re.search(
            rf"{re.escape(ARTICLE.title)}( \(review\)\s+\d+/\d+\s+3/3"
            rf"|\s+\d+/\d+\s+3/3\s+\d+ s\s+\(review\))",
            screen,
        )
        assert re.search(r"\s7/10\s", screen)
        term.send("\x1b")
        term.wait_text("\u23ce Play")
        term.send("q")
    finally:
        code = term.close()
    assert code == 0
    saved = tomllib.loads(player_file(tmp_path).read_text("utf-8"))
    records = [dict(zip(ROUND_FIELDS, row, strict=True)) for row in saved["rounds"]]
    rounds = [(r["pack"], r["correct"], r["answered"]) for r in records]
    assert rounds == [("tutorial", 8, 8), (ARTICLE.id, 7, 10), (ARTICLE.id, 3, 3)]
