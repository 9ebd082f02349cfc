"""The Leitner review schedule: a miss comes back tomorrow, each right answer doubles the wait."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from quiz.model.schedule import INTERVALS, TOP_BOX, Slot, after_answer, is_due

TODAY = date(2026, 3, 10)


def test_the_boxes_wait_one_two_four_eight_sixteen_days() -> None:
    assert INTERVALS == {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}
    assert TOP_BOX == 5


@pytest.mark.parametrize("before", [None, Slot(1, TODAY), Slot(3, TODAY), Slot(5, TODAY)])
def test_a_wrong_answer_goes_to_box_one_due_tomorrow(before: Slot | None) -> None:
    assert after_answer(before, correct=False, today=TODAY) == Slot(1, date(2026, 3, 11))


@pytest.mark.parametrize(
    ("box", "new_box", "days"),
    [(1, 2, 2), (2, 3, 4), (3, 4, 8), (4, 5, 16)],
)
def test_a_right_answer_moves_up_a_box_and_waits_longer(box: int, new_box: int, days: int) -> None:
    # The slot's old due day does not matter: the wait counts from the answer.
    before = Slot(box, TODAY - timedelta(days=3))
    assert after_answer(before, correct=True, today=TODAY) == Slot(
        new_box, TODAY + timedelta(days=days)
    )


def test_a_right_answer_in_the_top_box_leaves_the_schedule() -> None:
    assert after_answer(Slot(5, TODAY), correct=True, today=TODAY) is None


def test_a_right_answer_to_an_unscheduled_question_keeps_it_unscheduled() -> None:
    assert after_answer(None, correct=True, today=TODAY) is None


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2026, 3, 9), False),
        (date(2026, 3, 10), True),
        (date(2026, 3, 11), True),
        (date(2027, 1, 1), True),
    ],
)
def test_is_due_on_and_after_the_due_day_only(today: date, due: bool) -> None:
    assert is_due(Slot(2, date(2026, 3, 10)), today) is due


def test_an_unscheduled_question_is_never_due() -> None:
    assert is_due(None, date(2099, 1, 1)) is False


def test_a_full_leitner_walk_over_simulated_days() -> None:
    day = date(2026, 1, 1)
    slot = after_answer(None, correct=False, today=day)
    walk = [slot]
    while slot is not None:
        # The question is not shown before it is due, and is shown on the day.
        assert not is_due(slot, slot.due - timedelta(days=1))
        day = slot.due
        assert is_due(slot, day)
        slot = after_answer(slot, correct=True, today=day)
        walk.append(slot)
    assert walk == [
        Slot(1, date(2026, 1, 2)),
        Slot(2, date(2026, 1, 4)),
        Slot(3, date(2026, 1, 8)),
        Slot(4, date(2026, 1, 16)),
        Slot(5, date(2026, 2, 1)),
        None,
    ]
    # Learned after 31 days: one miss, then five right answers each on its due day.
    assert day == date(2026, 2, 1)


def test_a_miss_midway_sends_the_question_back_to_the_start() -> None:
    slot = Slot(4, date(2026, 1, 16))
    slot = after_answer(slot, correct=False, today=date(2026, 1, 16))
    assert slot == Slot(1, date(2026, 1, 17))
    assert after_answer(slot, correct=True, today=date(2026, 1, 17)) == Slot(2, date(2026, 1, 19))


def test_a_right_answer_before_the_due_day_changes_nothing() -> None:
    slot = Slot(2, date(2026, 11, 27))
    assert after_answer(slot, correct=True, today=date(2026, 11, 26)) == slot
    assert after_answer(slot, correct=False, today=date(2026, 11, 26)) == Slot(
        1, date(2026, 11, 27)
    )
