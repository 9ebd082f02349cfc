"""Confidence mode: points from a proper scoring rule, and calibration by band.

After choosing an answer the player states how sure they are, from 50 % to
100 %. The points follow a rescaled Brier score::

    points = base × (1 − 4 × (confidence − outcome)²)

where ``outcome`` is 1 for a right answer and 0 for a wrong one. At 50 % the
answer scores 0 whether right or wrong; at 100 % it scores the full base when
right and −3 × base when wrong. Because the Brier score is *proper*, the
expected points are highest when the stated confidence equals the player's
real chance of being right: only honest confidence pays.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

BANDS = (50, 60, 70, 80, 90, 100)


def brier_points(base: int, confidence: int, *, correct: bool) -> int:
    """Points for an answer given with a stated confidence.

    Args:
        base: The question's points for a right answer.
        confidence: The stated confidence in percent, one of :data:`BANDS`.
        correct: Whether the answer was right.

    Returns:
        The points, negative for a confident wrong answer.
    """
    probability = confidence / 100
    outcome = 1.0 if correct else 0.0
    return round(base * (1 - 4 * (probability - outcome) ** 2))


class Band(NamedTuple):
    """How often answers given at one confidence were right."""

    confidence: int
    answers: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        """The share right, or None with no answers."""
        return self.correct / self.answers if self.answers else None

    @property
    def gap(self) -> float | None:
        """Accuracy minus stated confidence: negative means over-confident."""
        accuracy = self.accuracy
        return None if accuracy is None else accuracy - self.confidence / 100


def calibration(counts: dict[int, tuple[int, int]]) -> list[Band]:
    """Every band, in order, from ``{confidence: (answers, correct)}``."""
    return [Band(band, *counts.get(band, (0, 0))) for band in BANDS]


def mean_brier(pairs: Iterable[tuple[int, bool]]) -> float | None:
    """The mean Brier score (0 is perfect) of ``(confidence, correct)`` pairs."""
    total = 0.0
    count = 0
    for confidence, correct in pairs:
        total += (confidence / 100 - (1.0 if correct else 0.0)) ** 2
        count += 1
    return total / count if count else None


def reading(bands: list[Band]) -> str:
    """A plain-words verdict on calibration, from bands with enough answers."""
    filled = [band for band in bands if band.answers >= 5 and band.gap is not None]
    if not filled:
        return "Answer more questions in confidence mode to see how well calibrated you are."
    answers = sum(band.answers for band in filled)
    gap = sum((band.gap or 0.0) * band.answers for band in filled) / answers
    if gap < -0.1:
        return "You tend to be over-confident: you are right less often than you say."
    if gap > 0.1:
        return "You tend to be under-confident: you are right more often than you say."
    return "You are well calibrated: your confidence matches how often you are right."
