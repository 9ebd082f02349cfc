"""When a missed question comes back: a Leitner schedule of five boxes.

Why Leitner rather than FSRS: a pack holds tens of questions, each seen a
handful of times, far too few reviews to fit FSRS's parameters; Leitner needs
two numbers per question (a box and a due date), behaves predictably, and can
be explained to a player in one sentence: *a question you miss comes back
tomorrow; each time you get it right, it waits twice as long.*

* A wrong answer puts the question in box 1, due one day later.
* A right answer on or after its due day moves it up one box (at most 5), due
  1, 2, 4, 8 or 16 days on; a right answer before it is due changes nothing,
  so only spaced answers count as learning.
* Only questions that were ever missed are scheduled; a question answered
  right in box 5 has been learned and leaves the schedule.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import NamedTuple

INTERVALS = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}
TOP_BOX = max(INTERVALS)


def local_day(moment: datetime) -> date:
    """The player's day at a moment: the calendar date where they are.

    The one notion of "day" in the game: the review schedule, what is due and
    how many days until it is all count in it. The moment comes from the
    game's injected clock.
    """
    return moment.astimezone().date()


class Slot(NamedTuple):
    """A scheduled question's place: its box and the day it is due."""

    box: int
    due: date


def after_answer(slot: Slot | None, *, correct: bool, today: date) -> Slot | None:
    """Where a question goes after an answer.

    Args:
        slot: Its place before, or None if it was not scheduled.
        correct: Whether the answer was right.
        today: The day of the answer.

    Returns:
        Its new place, or None when it is not (or no longer) scheduled.
    """
    if not correct:
        return Slot(1, today + timedelta(days=INTERVALS[1]))
    if slot is None:
        return None
    if slot.due > today:
        return slot
    if slot.box >= TOP_BOX:
        return None
    box = slot.box + 1
    return Slot(box, today + timedelta(days=INTERVALS[box]))


def is_due(slot: Slot | None, today: date) -> bool:
    """Whether a scheduled question should come back today."""
    return slot is not None and slot.due <= today
