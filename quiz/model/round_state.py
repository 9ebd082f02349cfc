"""A round as it is saved: how it is played, the answers given, enough to resume it.

Plain records, apart from the rules of play in :mod:`quiz.model.round`: a
player's file holds the round left unfinished, and reading it (for the scores
as much as for the game) needs these and not the rules.
"""

from __future__ import annotations

from typing import NamedTuple


# Named tuples rather than frozen dataclasses: every listing that reads a player's file
# imports this module, and a frozen dataclass compiles its generated methods at import.
class Mode(NamedTuple):
    """How a round is played.

    Attributes:
        player: Who is playing; recorded with the round.
        confidence: Confidence mode: each answer comes with a stated confidence
            and scores by a proper scoring rule (see :mod:`quiz.model.calibration`).
        review: A review round of questions due again (see :mod:`quiz.model.schedule`).
        closed_book: A closed-book round, to test recall: the pack's source text can
            be read before the first question and is hidden during the round.
    """

    player: str = ""
    confidence: bool = False
    review: bool = False
    closed_book: bool = False


class AnswerRecord(NamedTuple):
    """An answer as stored in a saved round."""

    question: str
    response: str
    correct: bool
    points: int
    checked: bool
    confidence: int | None = None


class RoundState(NamedTuple):
    """Everything needed to resume a round, small enough to save after every answer."""

    pack_id: str
    seed: int
    order: tuple[str, ...]
    answers: tuple[AnswerRecord, ...] = ()
    elapsed: float = 0.0
    started: str = ""
    pack_path: str | None = None
    mode: Mode = Mode()
    checked: bool = False
    """Whether the source was checked for the question being asked."""
