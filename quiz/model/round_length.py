"""How many questions a round asks: a short round by default, a longer one or all on request.

A newcomer learns more from three rounds of ten than from one of thirty-six,
so the game offers 10 (the default), 20 or all of a pack's questions, and
remembers the choice for each player. ``quiz play --questions N`` asks any
number instead.
"""

from __future__ import annotations

ALL = 0
"""The round length that asks every question of the pack."""
ROUND_LENGTHS = (10, 20, ALL)
"""The lengths a player chooses from, in the order offered."""
DEFAULT_ROUND_LENGTH = 10


def question_count(length: int, available: int) -> int | None:
    """How many questions a round of this length asks of a pack, for :meth:`Round.new`.

    Args:
        length: One of :data:`ROUND_LENGTHS`.
        available: How many questions the pack (or the review) has.

    Returns:
        The count, or None for all of them (a pack shorter than the round is played whole).
    """
    if length == ALL or length >= available:
        return None
    return length


def length_label(length: int) -> str:
    """The length as the player reads it: ``10 questions`` or ``All questions``."""
    return "All questions" if length == ALL else f"{length} questions"
