"""Rounds: order from the seed, judging, score, streaks, time, and saving and resuming."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from quiz.model.pack import Pack, Question, parse_number
from quiz.model.round import Round
from quiz.model.round_state import RoundState
from quiz.model.validate import parse_pack

if TYPE_CHECKING:
    from conftest import FakeClock

VERDICT_OPTIONS = [
    ("supported", "Supported"),
    ("contradicted", "Contradicted"),
    ("not-stated", "Not stated"),
]


def right(q: Question) -> str:
    """A right response to a question."""
    return q.answer


def wrong(q: Question) -> str:
    """A wrong response to a question."""
    if q.kind == "verdict":
        return "not-stated" if q.answer != "not-stated" else "supported"
    if q.kind == "choice":
        return next(choice for choice in q.choices if choice != q.answer)
    return "-12345"


def in_file_order(pack: Pack, clock: FakeClock) -> Round:
    """A round that asks the pack's questions in file order."""
    return Round(pack, 7, list(pack.questions), clock=clock, _resumed_at=clock())


def answer_current(play: Round, correct: bool) -> None:
    question = play.current
    assert question is not None
    play.answer(right(question) if correct else wrong(question))


def test_same_seed_same_order_and_choices(real_pack: Pack) -> None:
    one = Round.new(real_pack, seed=42)
    two = Round.new(real_pack, seed=42)
    assert [q.id for q in one.questions] == [q.id for q in two.questions]
    for question in one.questions:
        assert one.options(question) == two.options(question)


def test_different_seeds_differ(real_pack: Pack) -> None:
    orders = {tuple(q.id for q in Round.new(real_pack, seed=seed).questions) for seed in range(5)}
    assert len(orders) == 5
    choice = next(q for q in real_pack.questions if q.kind == "choice")
    shown = {tuple(o.value for o in Round.new(real_pack, seed=s).options(choice)) for s in range(8)}
    assert len(shown) > 1
    assert sorted(q.id for q in Round.new(real_pack, seed=3).questions) == sorted(
        q.id for q in real_pack.questions
    )


@pytest.mark.parametrize(("count", "total"), [(None, 46), (5, 5), (1, 1), (0, 1), (1000, 46)])
def test_count_limits_the_questions(real_pack: Pack, count: int | None, total: int) -> None:
    assert len(real_pack.questions) == 46
    play = Round.new(real_pack, seed=1, count=count)
    assert play.total == total
    assert play.questions == Round.new(real_pack, seed=1).questions[:total]


@pytest.mark.parametrize("seed", [0, 1, 99])
def test_verdict_options_are_fixed(real_pack: Pack, seed: int) -> None:
    play = Round.new(real_pack, seed=seed)
    for question in (q for q in play.questions if q.kind == "verdict"):
        assert [(o.value, o.label) for o in play.options(question)] == VERDICT_OPTIONS


def test_number_questions_have_no_options(small_pack: Pack) -> None:
    play = Round.new(small_pack, seed=1)
    number = small_pack.question("n-troops")
    assert number is not None
    assert play.options(number) == []


def test_choice_options_are_a_stable_permutation(real_pack: Pack, clock: FakeClock) -> None:
    play = Round.new(real_pack, seed=11, clock=clock)
    for _ in range(4):
        answer_current(play, True)
    resumed = Round.resume(real_pack, play.state(), clock=clock)
    for question in (q for q in real_pack.questions if q.kind == "choice"):
        values = [o.value for o in play.options(question)]
        assert sorted(values) == sorted(question.choices)
        assert all(o.value == o.label for o in play.options(question))
        assert [o.value for o in resumed.options(question)] == values


def test_answering_right_and_wrong(small_pack: Pack, clock: FakeClock) -> None:
    play = in_file_order(small_pack, clock)
    outcome = play.answer("supported")
    assert (outcome.correct, outcome.points, outcome.streak, outcome.checked) == (
        True,
        10,
        1,
        False,
    )
    assert outcome.response_label == "Supported"
    outcome = play.answer("Alice")
    assert (outcome.correct, outcome.points, outcome.streak) == (False, 0, 0)
    assert outcome.question.id == "c-who"
    assert play.index == 2 and play.current is not None and play.current.id == "n-troops"


@pytest.mark.parametrize(
    ("response", "correct"),
    [
        ("1600", True),
        ("1,600", True),
        (" 1600 ", True),
        ("1600.0", True),
        ("1_600", True),
        ("1 600", True),
        ("1601", False),
        ("abc", False),
        ("inf", False),
        ("nan", False),
        ("", False),
        ("1e400", False),
    ],
)
def test_number_answers(small_pack: Pack, clock: FakeClock, response: str, correct: bool) -> None:
    play = in_file_order(small_pack, clock)
    play.answer("supported")
    play.answer("Bob")
    outcome = play.answer(response)
    assert outcome.correct is correct
    assert outcome.response == response.strip()
    assert outcome.response_label == f"{response.strip()} troops"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,600", 1600.0),
        (" -3.5 ", -3.5),
        ("2007", 2007.0),
        ("abc", None),
        ("inf", None),
        ("-inf", None),
        ("nan", None),
        ("", None),
        ("1" * 41, None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("response", "correct"),
    [("100", True), ("95", True), ("105", True), ("94.9", False), ("105.1", False)],
)
def test_tolerance(small_pack: Pack, clock: FakeClock, response: str, correct: bool) -> None:
    question = small_pack.question("n-about")
    assert question is not None
    assert question.is_correct(response) is correct
    assert question.answer_label == "100 (± 5)"


def test_score_accuracy_streaks_and_missed(small_pack: Pack, clock: FakeClock) -> None:
    play = in_file_order(small_pack, clock)
    assert (play.score, play.accuracy, play.streak, play.best_streak) == (0, 0.0, 0, 0)
    assert play.best_possible == 10 + 22 + 34 + 16 + 28
    answer_current(play, True)  # v-supported, d1: 10
    answer_current(play, True)  # c-who, d2, streak 2: 22
    answer_current(play, False)  # n-troops: 0, streak ends
    answer_current(play, True)  # n-about, d1, streak 1: 10
    play.check_source()
    answer_current(play, True)  # v-contradicted, d2, streak 2, checked: 22 // 2
    assert play.finished and play.current is None
    assert [o.points for o in play.outcomes] == [10, 22, 0, 10, 11]
    assert play.score == 53
    assert play.correct == 4 and play.accuracy == pytest.approx(0.8)
    assert play.streak == 2 and play.best_streak == 2
    assert [o.question.id for o in play.missed] == ["n-troops"]
    assert [o.checked for o in play.outcomes] == [False, False, False, False, True]


def test_checking_applies_to_one_question_only(small_pack: Pack, clock: FakeClock) -> None:
    play = in_file_order(small_pack, clock)
    play.check_source()
    first = play.answer("supported")
    second = play.answer("Bob")
    assert (first.checked, first.points) == (True, 5)
    assert (second.checked, second.points) == (False, 22)


def test_a_finished_round_cannot_be_answered(small_pack: Pack, clock: FakeClock) -> None:
    play = Round.new(small_pack, seed=5, count=2, clock=clock)
    answer_current(play, True)
    answer_current(play, False)
    with pytest.raises(RuntimeError):
        play.answer("supported")
    assert play.index == 2


def test_elapsed_follows_the_injected_clock(small_pack: Pack, clock: FakeClock) -> None:
    play = Round.new(small_pack, seed=1, clock=clock)
    assert play.elapsed == 0.0
    clock.advance(12.5)
    assert play.elapsed == 12.5
    play.pause()
    play.pause()
    clock.advance(100)
    assert play.elapsed == 12.5
    play.unpause()
    play.unpause()
    clock.advance(2)
    assert play.elapsed == 14.5


def test_state_and_resume_round_trip(
    small_pack: Pack, clock: FakeClock, make_clock: type[FakeClock]
) -> None:
    play = Round.new(small_pack, seed=123, clock=clock, started="2026-01-01T00:00:00+00:00")
    answer_current(play, True)
    play.check_source()
    answer_current(play, True)
    answer_current(play, False)
    clock.advance(30.25)
    state = play.state()
    assert state.pack_id == "small" and state.seed == 123 and state.elapsed == 30.25
    assert state.order == tuple(q.id for q in play.questions)
    assert [a.checked for a in state.answers] == [False, True, False]
    later = make_clock(5.0)
    resumed = Round.resume(small_pack, state, clock=later)
    assert resumed.index == play.index == 3
    assert resumed.score == play.score
    assert resumed.streak == play.streak == 0
    assert resumed.best_streak == play.best_streak
    assert resumed.current == play.current
    assert resumed.outcomes == play.outcomes
    assert resumed.started == play.started
    assert resumed.elapsed == 30.25
    later.advance(1)
    assert resumed.elapsed == 31.25
    assert resumed.state() == state._replace(elapsed=31.25)


def test_resume_against_an_edited_pack(small_pack: Pack, clock: FakeClock) -> None:
    play = in_file_order(small_pack, clock)
    answer_current(play, True)  # v-supported
    answer_current(play, True)  # c-who
    answer_current(play, True)  # n-troops
    state = play.state()
    edited = Pack(
        small_pack.id,
        small_pack.title,
        tuple(q for q in small_pack.questions if q.id not in {"c-who", "n-about"}),
        source=small_pack.source,
    )
    resumed = Round.resume(edited, state, clock=clock)
    assert [q.id for q in resumed.questions] == ["v-supported", "n-troops", "v-contradicted"]
    assert resumed.index == 2
    assert resumed.current is not None and resumed.current.id == "v-contradicted"
    assert [o.question.id for o in resumed.outcomes] == ["v-supported", "n-troops"]
    assert resumed.streak == 2 and resumed.score == 10 + (30 + 2)
    answer_current(resumed, True)
    assert resumed.finished


def test_resume_of_a_state_that_names_nothing_in_the_pack(
    small_pack: Pack, clock: FakeClock
) -> None:
    state = RoundState(pack_id="small", seed=1, order=("gone", "also-gone"), elapsed=-5.0)
    resumed = Round.resume(small_pack, state, clock=clock)
    assert resumed.total == 0 and resumed.finished and resumed.elapsed == 0.0
    with pytest.raises(RuntimeError):
        resumed.answer("supported")


def test_resume_stops_at_answers_out_of_order(small_pack: Pack, clock: FakeClock) -> None:
    play = in_file_order(small_pack, clock)
    answer_current(play, True)
    answer_current(play, True)
    state = play.state()
    swapped = state._replace(answers=tuple(reversed(state.answers)))
    resumed = Round.resume(small_pack, swapped, clock=clock)
    assert resumed.index == 0


def test_a_padded_response_is_judged_as_it_is_saved(small_pack: Pack, clock: FakeClock) -> None:
    play = in_file_order(small_pack, clock)
    play.answer(" supported\n")
    outcome = play.answer("  Bob ")
    assert outcome.correct and outcome.response == "Bob"
    resumed = Round.resume(small_pack, play.state(), clock=clock)
    assert resumed.outcomes == play.outcomes and resumed.score == play.score == 32


def test_a_look_at_the_source_survives_leaving_and_resuming(real_pack) -> None:
    from quiz.model.round import Round

    play = Round.new(real_pack, seed=1, count=3, clock=lambda: 0.0)
    play.answer(play.current.answer)
    play.check_source()
    again = Round.resume(real_pack, play.state(), clock=lambda: 0.0)
    assert again.checked_current
    outcome = again.answer(again.current.answer)
    assert outcome.checked


def _written_order(pack_path) -> Pack:
    """The article pack, told to keep its questions in the order written."""
    text = pack_path.read_text(encoding="utf-8").replace(
        "[pack]\n", '[pack]\norder = "written"\n', 1
    )
    return parse_pack(text.encode("utf-8"), pack_path.name)


@pytest.mark.parametrize("seed", [0, 1, 42, 2**63 - 1])
def test_a_pack_in_written_order_is_asked_in_file_order_whatever_the_seed(
    real_pack: Pack, real_pack_path, seed: int
) -> None:
    written = _written_order(real_pack_path)
    assert written.order == "written" and real_pack.order == "shuffled"
    in_file = [q.id for q in written.questions]

    assert [q.id for q in Round.new(written, seed=seed).questions] == in_file
    assert [q.id for q in Round.new(written, seed=seed, count=5).questions] == in_file[:5]
    # A review or retry keeps the order too; the ids asked for are given out of order.
    some = in_file[::7]
    only = [q.id for q in Round.new(written, seed=seed, only=list(reversed(some))).questions]
    assert only == some
    # Ordinary packs are still shuffled by the same seed.
    assert [q.id for q in Round.new(real_pack, seed=seed).questions] != in_file


def test_a_pack_in_written_order_still_shuffles_choices_and_resumes_in_order(
    real_pack_path, clock: FakeClock
) -> None:
    written = _written_order(real_pack_path)
    choice = next(q for q in written.questions if q.kind == "choice")
    shown = {tuple(o.value for o in Round.new(written, seed=s).options(choice)) for s in range(8)}
    assert len(shown) > 1
    play = Round.new(written, seed=5, clock=clock)
    answer_current(play, True)
    answer_current(play, False)
    resumed = Round.resume(written, play.state(), clock=clock)
    assert resumed.questions == list(written.questions)
    assert resumed.current == written.questions[2]
    assert resumed.outcomes == play.outcomes


def test_the_order_is_part_of_what_makes_two_packs_equal(small_pack: Pack) -> None:
    parts = (small_pack.id, small_pack.title, small_pack.questions, small_pack.description)
    written = Pack(*parts, source=small_pack.source, order="written")
    assert written != small_pack
    assert written == Pack(*parts, source=small_pack.source, order="written")
    assert small_pack == Pack(*parts, source=small_pack.source)
