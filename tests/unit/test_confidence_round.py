"""A round in confidence mode: a band with every answer, Brier points, saved and resumed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from quiz.model import scoring
from quiz.model.calibration import BANDS, brier_points
from quiz.model.pack import Pack
from quiz.model.round import Round
from quiz.model.round_state import AnswerRecord, Mode

if TYPE_CHECKING:
    from conftest import FakeClock

CONFIDENT = Mode(player="ann", confidence=True)


def in_file_order(pack: Pack, clock: FakeClock, mode: Mode = CONFIDENT) -> Round:
    """The small pack's questions as written: v-supported (difficulty 1), c-who (2),
    n-troops (3), n-about (1), v-contradicted (2)."""
    return Round(pack, 7, list(pack.questions), clock=clock, mode=mode)


@pytest.mark.parametrize("confidence", [None, 0, 1, 55, 45, 110, True])
def test_a_band_is_required(small_pack: Pack, clock: FakeClock, confidence: int | None) -> None:
    play = in_file_order(small_pack, clock)
    with pytest.raises(ValueError, match="confidence"):
        play.answer("supported", confidence)
    # The refused answer left no trace.
    assert play.index == 0
    assert play.current is not None and play.current.id == "v-supported"
    assert play.answer("supported", 60).confidence == 60


def test_brier_points_and_no_streak_bonus(small_pack: Pack, clock: FakeClock) -> None:
    play = in_file_order(small_pack, clock)
    given = [("supported", 100), ("Bob", 100), ("1600", 90), ("3", 100), ("not-stated", 70)]
    outcomes = [play.answer(response, confidence) for response, confidence in given]
    assert [o.correct for o in outcomes] == [True, True, True, False, False]
    # 10 and 20 with no bonus for the streak; 30 × 0.96; −3 × 10; 20 × (1 − 4 × 0.49).
    assert [o.points for o in outcomes] == [10, 20, 29, -30, -19]
    assert play.score == 10
    assert [o.confidence for o in outcomes] == [100, 100, 90, 100, 70]


def test_a_run_of_right_answers_earns_no_bonus(small_pack: Pack, clock: FakeClock) -> None:
    plain = in_file_order(small_pack, clock, Mode())
    confident = in_file_order(small_pack, clock)
    for question in small_pack.questions:
        plain.answer(question.answer)
        confident.answer(question.answer, 100)
    assert confident.score == sum(10 * q.difficulty for q in small_pack.questions) == 90
    assert plain.score > confident.score


@pytest.mark.parametrize(
    ("response", "confidence", "full", "checked"),
    [
        ("supported", 100, 10, 5),
        ("supported", 60, 4, 2),
        ("supported", 50, 0, 0),
        ("contradicted", 100, -30, -30),
        ("contradicted", 60, -4, -4),
    ],
)
def test_checking_the_source_halves_only_what_a_right_answer_earns(
    small_pack: Pack,
    clock: FakeClock,
    response: str,
    confidence: int,
    full: int,
    checked: int,
) -> None:
    unchecked = in_file_order(small_pack, clock)
    looked = in_file_order(small_pack, clock)
    looked.check_source()
    assert unchecked.answer(response, confidence).points == full
    outcome = looked.answer(response, confidence)
    assert outcome.points == checked
    assert outcome.checked is True


def test_halving_rounds_down(small_pack: Pack, clock: FakeClock) -> None:
    play = in_file_order(small_pack, clock)
    play.answer("supported", 50)
    play.check_source()
    # c-who is worth 20: at 70 % a right answer earns 20 × 0.64 = 12.8, so 13, halved 6.
    assert play.answer("Bob", 70).points == 6


def test_outside_confidence_mode_a_confidence_is_ignored(
    small_pack: Pack, clock: FakeClock
) -> None:
    play = in_file_order(small_pack, clock, Mode())
    first = play.answer("supported", 90)
    second = play.answer("Bob", 50)
    assert (first.confidence, second.confidence) == (None, None)
    # The usual rules: base points plus the streak bonus.
    assert (first.points, second.points) == (10, 22)
    assert play.state().answers[1].confidence is None


def test_the_state_records_the_confidence(small_pack: Pack, clock: FakeClock) -> None:
    play = in_file_order(small_pack, clock)
    play.answer("supported", 80)
    play.check_source()
    play.answer("Alice", 90)
    state = play.state()
    assert state.mode == CONFIDENT
    assert state.answers == (
        AnswerRecord("v-supported", "supported", True, 8, False, 80),
        AnswerRecord("c-who", "Alice", False, -45, True, 90),
    )


def test_a_confidence_round_survives_save_and_resume(small_pack: Pack, clock: FakeClock) -> None:
    play = Round.new(small_pack, seed=11, clock=clock, mode=CONFIDENT)
    for number, question in enumerate(play.questions[:4]):
        if number == 2:
            play.check_source()
        response = question.answer if number != 1 else "wrong"
        play.answer(response, BANDS[number + 1])
    state = play.state()

    again = Round.resume(small_pack, state, clock=clock)

    assert again.mode == CONFIDENT
    assert again.outcomes == play.outcomes
    assert [o.confidence for o in again.outcomes] == [60, 70, 80, 90]
    assert again.score == play.score
    assert again.state() == state
    assert again.current == play.current
    again.answer(again.current.answer, 100)
    assert again.finished


def test_resume_stops_at_an_answer_saved_without_a_band(small_pack: Pack, clock: FakeClock) -> None:
    play = in_file_order(small_pack, clock)
    play.answer("supported", 70)
    play.answer("Bob", 90)
    play.answer("1600", 100)
    state = play.state()
    broken = state.answers[1]
    state = state._replace(
        answers=(state.answers[0], broken._replace(confidence=None), state.answers[2]),
    )
    again = Round.resume(small_pack, state, clock=clock)
    assert again.index == 1
    assert again.current is not None and again.current.id == "c-who"


@pytest.mark.parametrize("difficulty", [1, 2, 3])
@pytest.mark.parametrize("confidence", BANDS)
@pytest.mark.parametrize("correct", [True, False])
def test_scoring_points_follows_the_brier_rule(
    difficulty: int, confidence: int, correct: bool
) -> None:
    base = scoring.base_points(difficulty)
    expected = brier_points(base, confidence, correct=correct)
    for streak in (0, 1, 6):
        assert (
            scoring.points(
                difficulty, correct=correct, streak=streak, checked=False, confidence=confidence
            )
            == expected
        )
    halved = expected // 2 if expected > 0 else expected
    assert (
        scoring.points(difficulty, correct=correct, streak=3, checked=True, confidence=confidence)
        == halved
    )


def test_scoring_points_without_confidence_is_unchanged() -> None:
    assert scoring.points(2, correct=False, streak=0, checked=False, confidence=None) == 0
    assert scoring.points(2, correct=True, streak=3, checked=False, confidence=None) == 24


def test_a_perfect_confidence_round_scores_its_best_possible(
    small_pack: Pack, clock: FakeClock
) -> None:
    play = in_file_order(small_pack, clock)
    for question in small_pack.questions:
        play.answer(question.answer, 100)
    assert play.score == 90
    assert play.best_possible == play.score
