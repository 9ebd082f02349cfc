"""The scoring rules."""

from __future__ import annotations

import pytest

from quiz.model import scoring
from quiz.model.calibration import BANDS


@pytest.mark.parametrize(("difficulty", "points"), [(1, 10), (2, 20), (3, 30)])
def test_base_points_by_difficulty(difficulty: int, points: int) -> None:
    assert scoring.base_points(difficulty) == points
    assert scoring.points(difficulty, correct=True, streak=1, checked=False) == points


def test_streak_bonus_sequence() -> None:
    assert [scoring.streak_bonus(streak) for streak in range(1, 8)] == [0, 2, 4, 6, 8, 10, 10]
    assert scoring.streak_bonus(0) == 0
    assert scoring.streak_bonus(100) == 10


@pytest.mark.parametrize(
    ("difficulty", "streak", "expected"),
    [(1, 1, 5), (1, 2, 6), (2, 3, 12), (3, 6, 20), (3, 50, 20), (2, 1, 10)],
)
def test_checking_the_source_halves_rounding_down(
    difficulty: int, streak: int, expected: int
) -> None:
    full = scoring.points(difficulty, correct=True, streak=streak, checked=False)
    halved = scoring.points(difficulty, correct=True, streak=streak, checked=True)
    assert halved == expected == full // 2
    assert isinstance(halved, int)


def test_halving_an_odd_total_rounds_down(monkeypatch: pytest.MonkeyPatch) -> None:
    # With the real constants every total is even; an odd step shows the rounding.
    monkeypatch.setattr(scoring, "STREAK_STEP", 1)
    assert scoring.points(1, correct=True, streak=2, checked=False) == 11
    assert scoring.points(1, correct=True, streak=2, checked=True) == 5


@pytest.mark.parametrize("checked", [False, True])
@pytest.mark.parametrize("streak", [0, 1, 5])
def test_a_wrong_answer_earns_nothing(checked: bool, streak: int) -> None:
    assert scoring.points(3, correct=False, streak=streak, checked=checked) == 0


@pytest.mark.parametrize(
    ("difficulties", "best"),
    [
        ([], 0),
        ([1], 10),
        ([1, 2, 3], 10 + 22 + 34),
        ([1] * 8, 10 + 12 + 14 + 16 + 18 + 20 + 20 + 20),
    ],
)
def test_best_possible(difficulties: list[int], best: int) -> None:
    assert scoring.best_possible(difficulties) == best
    assert scoring.best_possible(iter(difficulties)) == best


@pytest.mark.parametrize(
    ("difficulty", "streak", "checked", "expected"),
    [
        (1, 1, False, "10"),
        (1, 2, False, "10 + 2 streak"),
        (3, 9, False, "30 + 10 streak"),
        (2, 1, True, "20 \u00f7 2, source checked"),
        (1, 3, True, "(10 + 4 streak) \u00f7 2, source checked"),
    ],
)
def test_points_are_explained_as_the_sum_they_are(
    difficulty: int, streak: int, checked: bool, expected: str
) -> None:
    assert scoring.explain_points(difficulty, streak=streak, checked=checked) == expected


@pytest.mark.parametrize("difficulty", [1, 2, 3])
@pytest.mark.parametrize("checked", [False, True])
def test_the_stakes_are_what_a_right_and_a_wrong_answer_would_score(
    difficulty: int, checked: bool
) -> None:
    rows = [scoring.stakes(difficulty, band, checked=checked) for band in BANDS]
    for band, (gain, loss) in zip(BANDS, rows, strict=True):
        assert gain == scoring.points(
            difficulty, correct=True, streak=1, checked=checked, confidence=band
        )
        assert loss == scoring.points(
            difficulty, correct=False, streak=1, checked=checked, confidence=band
        )
    assert rows[0] == (0, 0)  # at 50 % nothing is at stake
    gains, losses = [g for g, _ in rows], [loss for _, loss in rows]
    assert gains == sorted(gains) and losses == sorted(losses, reverse=True)
    assert rows[-1][1] == -3 * scoring.base_points(difficulty)  # checking never halves a loss


def test_the_stakes_at_80_percent_of_a_hard_question() -> None:
    assert scoring.stakes(2, 80) == (17, -31)
    assert scoring.stakes(2, 80, checked=True) == (8, -31)
