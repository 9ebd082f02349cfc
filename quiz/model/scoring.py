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

EXPLANATION = (
    "Confidence mode: after each answer, say how sure you are. The surer you say you are, "
    "the more a right answer wins and the more a wrong one costs; at 50\u00a0% nothing is "
    "at stake. Each key of the choice shows what it would win or lose. Over many "
    "answers, saying how sure you really are pays best."
)
"""Confidence mode in a player's words: shown with the first confidence question a
player meets, or when they turn the mode on."""


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


def explain_points(difficulty: int, *, streak: int, checked: bool) -> str:
    """How a right answer's points add up, for the player: ``10 + 2 streak``.

    Args:
        difficulty: The question's difficulty, 1 to 3.
        streak: The streak the answer made.
        checked: Whether the source was checked first (the sum is halved).

    Returns:
        The sum in words, such as ``20 + 4 streak`` or ``(10 + 2 streak) ÷ 2, source checked``;
        just the base (``10``) with no bonus.
    """
    base, bonus = base_points(difficulty), streak_bonus(streak)
    text = f"{base} + {bonus} streak" if bonus else str(base)
    if checked:
        text = (f"({text})" if bonus else text) + " \u00f7 2, source checked"
    return text


def stakes(difficulty: int, confidence: int, *, checked: bool = False) -> tuple[int, int]:
    """What an answer at this confidence wins if right and loses if wrong, in confidence mode.

    Args:
        difficulty: The question's difficulty, 1 to 3.
        confidence: The confidence in percent, one of the bands of
            :mod:`quiz.model.calibration`.
        checked: Whether the source was checked (a gain is halved, a loss never).

    Returns:
        ``(gain, loss)``: the points if right, and the points if wrong (zero or negative).
    """
    gain = points(difficulty, correct=True, streak=1, checked=checked, confidence=confidence)
    loss = points(difficulty, correct=False, streak=1, checked=checked, confidence=confidence)
    return gain, loss


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
