"""Round lengths: 10 by default, 20 or all; a pack shorter than the round is played whole."""

from __future__ import annotations

import pytest

from quiz.model.pack import Pack
from quiz.model.round import Round
from quiz.model.round_length import (
    ALL,
    DEFAULT_ROUND_LENGTH,
    ROUND_LENGTHS,
    length_label,
    question_count,
)


def test_the_lengths_offered_and_the_default() -> None:
    assert ROUND_LENGTHS == (10, 20, ALL)
    assert DEFAULT_ROUND_LENGTH == 10


@pytest.mark.parametrize(
    ("length", "available", "count"),
    [(10, 36, 10), (20, 36, 20), (ALL, 36, None), (10, 8, None), (10, 10, None), (20, 11, None)],
)
def test_question_count(length: int, available: int, count: int | None) -> None:
    assert question_count(length, available) == count


def test_labels() -> None:
    assert [length_label(length) for length in ROUND_LENGTHS] == [
        "10 questions",
        "20 questions",
        "All questions",
    ]


@pytest.mark.parametrize(("length", "asked"), [(10, 10), (20, 20), (ALL, 46)])
def test_a_round_of_the_real_pack_asks_that_many(real_pack: Pack, length: int, asked: int) -> None:
    count = question_count(length, len(real_pack.questions))
    assert Round.new(real_pack, seed=3, count=count).total == asked
