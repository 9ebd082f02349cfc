"""Confidence mode: the Brier points are proper, and the calibration figures add up."""

from __future__ import annotations

import pytest

from quiz.model.calibration import (
    BANDS,
    Band,
    brier_points,
    calibration,
    mean_brier,
    reading,
)

OVER = "You tend to be over-confident: you are right less often than you say."
UNDER = "You tend to be under-confident: you are right more often than you say."
WELL = "You are well calibrated: your confidence matches how often you are right."
TOO_FEW = "Answer more questions in confidence mode to see how well calibrated you are."


def test_the_bands_run_from_fifty_to_a_hundred_by_ten() -> None:
    assert BANDS == (50, 60, 70, 80, 90, 100)


@pytest.mark.parametrize("base", [10, 20, 30])
def test_fifty_percent_scores_nothing_right_or_wrong(base: int) -> None:
    assert brier_points(base, 50, correct=True) == 0
    assert brier_points(base, 50, correct=False) == 0


@pytest.mark.parametrize("base", [10, 20, 30])
def test_full_confidence_scores_the_base_or_minus_three_times_it(base: int) -> None:
    assert brier_points(base, 100, correct=True) == base
    assert brier_points(base, 100, correct=False) == -3 * base


@pytest.mark.parametrize(
    ("confidence", "right", "wrong"),
    # 10 × (1 − 4(c − 1)²) and 10 × (1 − 4c²), rounded.
    [(60, 4, -4), (70, 6, -10), (80, 8, -16), (90, 10, -22)],
)
def test_points_between_the_ends(confidence: int, right: int, wrong: int) -> None:
    assert brier_points(10, confidence, correct=True) == right
    assert brier_points(10, confidence, correct=False) == wrong


def test_more_confidence_pays_more_when_right_and_costs_more_when_wrong() -> None:
    right = [brier_points(30, band, correct=True) for band in BANDS]
    wrong = [brier_points(30, band, correct=False) for band in BANDS]
    assert right == sorted(right) and len(set(right)) == len(BANDS)
    assert wrong == sorted(wrong, reverse=True) and len(set(wrong)) == len(BANDS)


def expected(base: int, confidence: int, probability: float) -> float:
    """The mean points of stating ``confidence`` when right with ``probability``."""
    return probability * brier_points(base, confidence, correct=True) + (
        1 - probability
    ) * brier_points(base, confidence, correct=False)


@pytest.mark.parametrize("chance", BANDS)
def test_the_rule_is_proper_honest_confidence_pays_best(chance: int) -> None:
    probability = chance / 100
    # With a base of 100 every band's points are whole numbers before rounding
    # (100 − 400 × a multiple of 0.01), so the argmax is exact and unique.
    means = {band: expected(100, band, probability) for band in BANDS}
    best = max(means.values())
    assert [band for band, mean in means.items() if mean > best - 1e-9] == [chance]
    # The game's own bases round; honest confidence still earns the most, give or
    # take the half point each rounding can cost.
    for base in (10, 20, 30):
        honest = expected(base, chance, probability)
        assert all(honest >= expected(base, band, probability) - 0.5 for band in BANDS)


def test_calibration_fills_every_band_in_order() -> None:
    bands = calibration({70: (10, 6), 100: (4, 4), 55: (9, 9)})
    assert [band.confidence for band in bands] == list(BANDS)
    assert [(band.answers, band.correct) for band in bands] == [
        (0, 0),
        (0, 0),
        (10, 6),
        (0, 0),
        (0, 0),
        (4, 4),
    ]


def test_band_accuracy_and_gap() -> None:
    band = Band(80, 10, 6)
    assert band.accuracy == pytest.approx(0.6)
    # Right 60 % of the time at 80 % stated: 20 points over-confident.
    assert band.gap == pytest.approx(-0.2)
    assert Band(60, 5, 4).gap == pytest.approx(0.2)
    empty = Band(90, 0, 0)
    assert empty.accuracy is None
    assert empty.gap is None


@pytest.mark.parametrize(
    ("counts", "note"),
    [
        ({90: (10, 5)}, OVER),
        ({100: (20, 12), 80: (10, 6)}, OVER),
        ({50: (10, 10)}, UNDER),
        ({60: (10, 9), 70: (10, 9)}, UNDER),
        ({70: (10, 7)}, WELL),
        ({50: (10, 5), 100: (10, 10)}, WELL),
        ({}, TOO_FEW),
        # Four answers are too few to judge a band, however badly they went.
        ({100: (4, 0), 50: (4, 4)}, TOO_FEW),
        ({100: (4, 0), 70: (10, 7)}, WELL),
    ],
)
def test_reading_in_plain_words(counts: dict[int, tuple[int, int]], note: str) -> None:
    assert reading(calibration(counts)) == note


def test_reading_weighs_bands_by_their_answers() -> None:
    # Five answers at 100 % all wrong (gap −1) against fifty at 50 % right 60 % of
    # the time (gap +0.1): weighted, they cancel; a plain mean would say over-confident.
    assert reading(calibration({100: (5, 0), 50: (50, 30)})) == WELL


def test_mean_brier() -> None:
    assert mean_brier([]) is None
    assert mean_brier([(100, True), (100, True)]) == 0.0
    assert mean_brier([(100, False)]) == 1.0
    assert mean_brier([(50, True), (50, False)]) == pytest.approx(0.25)
    # (0.8 − 1)² = 0.04 and (0.6 − 0)² = 0.36: the mean is 0.2.
    assert mean_brier(iter([(80, True), (60, False)])) == pytest.approx(0.2)
