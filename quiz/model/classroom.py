"""The teacher's view of a class: per player and question, and per question.

Built from every player's progress (each file holds one player's totals per
question) and the packs' questions, for ``quiz scores --csv`` and ``--items``;
each player's discernment is part of the scores report (:mod:`quiz.model.report`).
No answer log is needed: a question's totals, its last answer's time and
confidence and its most common wrong answers are kept per player
(:class:`~quiz.model.history.QuestionStats`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from quiz.model.history import Progress, QuestionStats
from quiz.model.pack import Pack
from quiz.model.verdicts import VERDICT_LABELS

CSV_COLUMNS = (
    "player",
    "pack",
    "question",
    "kind",
    "verdict",
    "answered",
    "right",
    "confidence",
    "checked_source",
    "round_finished",
)


def csv_rows(
    players: Iterable[Progress], packs: Mapping[str, Pack], pack: str | None = None
) -> list[dict[str, str | int]]:
    """One row per player and question answered, in :data:`CSV_COLUMNS`.

    Args:
        players: One progress per player, as each player's file holds it.
        packs: The installed packs by id, for each question's kind and verdict.
        pack: Only this pack.

    Returns:
        Rows sorted by player, pack and question id. ``answered``, ``right`` and
        ``checked_source`` count every time; ``confidence`` is the last one stated
        (empty outside confidence mode); ``round_finished`` is when the first round
        finished after the last answer (empty while that round is unfinished).
    """
    rows: list[dict[str, str | int]] = []
    for progress in players:
        for pack_id, stats in progress.packs.items():
            if pack is not None and pack_id != pack:
                continue
            finished = sorted(r.finished for r in progress.rounds if r.pack == pack_id)
            questions = {q.id: q for q in packs[pack_id].questions} if pack_id in packs else {}
            for qid, figures in stats.questions.items():
                if not figures.seen:
                    continue
                question = questions.get(qid)
                kind = question.kind if question is not None else ""
                rows.append(
                    {
                        "player": _player(progress),
                        "pack": pack_id,
                        "question": qid,
                        "kind": kind,
                        "verdict": question.answer if question and kind == "verdict" else "",
                        "answered": figures.seen,
                        "right": figures.correct,
                        "confidence": figures.confidence or "",
                        "checked_source": figures.checked,
                        "round_finished": next((f for f in finished if f >= figures.last), ""),
                    }
                )
    return sorted(rows, key=lambda row: (str(row["player"]), str(row["pack"]), row["question"]))


def _player(progress: Progress) -> str:
    names = sorted(progress.players)
    if names:
        return names[0]
    return next((r.player for r in progress.rounds if r.player), "")


@dataclass(frozen=True)
class Item:
    """How a class did on one question.

    Attributes:
        pack: The pack's id.
        question: The question's id.
        prompt: Its text, when the pack is installed; else "".
        answered: How many answers it got.
        right: How many were right.
        common_wrong: The most common wrong answer, and how often it was given.
        wrong_label: That answer as a player reads it ("Not stated" for ``not-stated``).
    """

    pack: str
    question: str
    prompt: str
    answered: int
    right: int
    common_wrong: tuple[str, int] | None
    wrong_label: str = ""

    @property
    def share_right(self) -> float:
        """The share of answers that were right."""
        return self.right / self.answered if self.answered else 0.0


def items(everyone: Progress, packs: Mapping[str, Pack], pack: str | None = None) -> list[Item]:
    """Every question answered, hardest first (lowest share right, then most answered).

    Args:
        everyone: Every player's progress together (:func:`~quiz.model.history.combine`).
        packs: The installed packs by id, for the questions' text.
        pack: Only this pack.
    """
    found: list[Item] = []
    for pack_id, stats in everyone.packs.items():
        if pack is not None and pack_id != pack:
            continue
        known = {q.id: q for q in packs[pack_id].questions} if pack_id in packs else {}
        for qid, figures in stats.questions.items():
            if figures.seen:
                question = known.get(qid)
                wrong = _most_common_wrong(figures)
                label = "" if wrong is None else wrong[0]
                if question is not None and question.kind == "verdict":
                    label = VERDICT_LABELS.get(label, label)
                found.append(
                    Item(
                        pack_id,
                        qid,
                        "" if question is None else question.prompt,
                        figures.seen,
                        figures.correct,
                        wrong,
                        label,
                    )
                )
    return sorted(found, key=lambda i: (i.share_right, -i.answered, i.pack, i.question))


def _most_common_wrong(figures: QuestionStats) -> tuple[str, int] | None:
    if not figures.wrong:
        return None
    response, times = max(figures.wrong.items(), key=lambda pair: (pair[1], pair[0]))
    return response, times
