"""The scoring rules, all in one place.

* A right answer earns ``10 × difficulty`` points: 10, 20 or 30.
* A streak bonus rewards consecutive right answers: the second in a row adds
  2 points, the third 4, and so on up to 10 points from the sixth on.
* Checking the source before answering halves the points for that question
  (bonus included, rounded down). The answer still counts as right and keeps
  the streak going: looking things up is what fact-checkers do.
* A wrong answer earns nothing and ends the streak.
* There is no timer; time taken is shown, never scored.
* In confidence mode the points of an answer follow the Brier rule of
  :mod:`quiz.model.calibration` instead, with no streak bonus; checking the
  source still halves what a right answer earns.
"""

from __future__ import annotations

from collections.abc import Iterable

from quiz.model.calibration import brier_points

POINTS_PER_DIFFICULTY = 10
STREAK_STEP = 2
STREAK_CAP = 10


def base_points(difficulty: int) -> int:
    """Points for a right answer to a question of this difficulty, without bonus."""
    return POINTS_PER_DIFFICULTY * difficulty


def streak_bonus(streak: int) -> int:
    """Bonus for a right answer that makes a streak of this length.

    Args:
        streak: Consecutive right answers including this one (1 or more).

    Returns:
        0 for a streak of 1, then 2 more per answer up to ``STREAK_CAP``.
    """
    return min(max(streak - 1, 0) * STREAK_STEP, STREAK_CAP)


def points(
    difficulty: int,
    *,
    correct: bool,
    streak: int,
    checked: bool,
    confidence: int | None = None,
) -> int:
    """Points earned by one answer.

    Args:
        difficulty: The question's difficulty, 1 to 3.
        correct: Whether the answer was right.
        streak: The streak this answer makes (ignored when wrong).
        checked: Whether the player checked the source first.
        confidence: The stated confidence in percent, in confidence mode only.

    Returns:
        The points: never negative, except for a confident wrong answer in
        confidence mode.
    """
    if confidence is not None:
        earned = brier_points(base_points(difficulty), confidence, correct=correct)
        return earned // 2 if checked and earned > 0 else earned
    if not correct:
        return 0
    earned = base_points(difficulty) + streak_bonus(streak)
    return earned // 2 if checked else earned


def best_possible(difficulties: Iterable[int], *, confidence: bool = False) -> int:
    """The most a round of these questions can score: all right, none checked.

    Args:
        difficulties: The questions' difficulties.
        confidence: Whether the round is in confidence mode (best: all right at 100 %).
    """
    total = 0
    for streak, difficulty in enumerate(difficulties, start=1):
        total += points(
            difficulty,
            correct=True,
            streak=streak,
            checked=False,
            confidence=100 if confidence else None,
        )
    return total
