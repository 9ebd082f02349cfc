"""Per-player progress: tallies, the review schedule, round records, and the player's file."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import pytest
import rtoml

from quiz.model.discernment import Confusion
from quiz.model.history import (
    AnswerTallies,
    PlayerPackStats,
    Progress,
    RoundRecord,
    Tally,
    combine,
)
from quiz.model.pack import Pack
from quiz.model.round import Round
from quiz.model.round_state import Mode
from quiz.model.schedule import Slot
from quiz.store.schema import ROUND_FIELDS, ProgressError, from_document, to_document


def round_trip(player: str, progress: Progress) -> tuple[str, Progress]:
    """Write a player's file as the game does, and read it back."""
    return from_document(rtoml.loads(rtoml.dumps(to_document(player, progress))))


if TYPE_CHECKING:
    from conftest import FakeClock

DAY = date(2026, 4, 1)
WHEN = "2026-04-01T12:00:00+00:00"


def play_through(
    progress: Progress,
    play: Round,
    answers: list[tuple[str, int | None]],
    *,
    today: date = DAY,
) -> None:
    """Answer the round's questions in turn, counting each answer for the round's player."""
    for response, confidence in answers:
        outcome = play.answer(response, confidence)
        progress.record_answer(
            play.pack.id,
            outcome,
            WHEN,
            player=play.mode.player,
            today=today,
            closed_book=play.mode.closed_book,
        )


def in_file_order(pack: Pack, clock: FakeClock, mode: Mode) -> Round:
    """v-supported, c-who (tag sourcing), n-troops, n-about, v-contradicted."""
    return Round(pack, 1, list(pack.questions), clock=clock, mode=mode)


# ann, in confidence mode: misses v-supported and n-about, gets the rest.
ANN_ANSWERS: list[tuple[str, int | None]] = [
    ("contradicted", 90),
    ("Bob", 70),
    ("1600", 100),
    ("3", 60),
    ("contradicted", 80),
]


def test_record_answer_counts_for_that_player_only(small_pack: Pack, clock: FakeClock) -> None:
    progress = Progress()
    play = in_file_order(small_pack, clock, Mode(player="ann", confidence=True))
    play_through(progress, play, ANN_ANSWERS)

    assert list(progress.players) == ["ann"]
    ann = progress.players["ann"]["small"]
    assert ann.kinds == {"verdict": Tally(2, 1), "choice": Tally(1, 1), "number": Tally(2, 1)}
    assert ann.tags == {"weather": Tally(1, 0), "sourcing": Tally(1, 1)}
    assert ann.verdicts == Confusion(
        {"supported": {"contradicted": 1}, "contradicted": {"contradicted": 1}}
    )
    assert ann.confidence == {
        90: Tally(1, 0),
        70: Tally(1, 1),
        100: Tally(1, 1),
        60: Tally(1, 0),
        80: Tally(1, 1),
    }
    tomorrow = DAY + timedelta(days=1)
    assert ann.schedule == {"v-supported": Slot(1, tomorrow), "n-about": Slot(1, tomorrow)}

    bob_play = in_file_order(small_pack, clock, Mode(player="bob"))
    play_through(progress, bob_play, [("supported", None), ("Carol", None)])

    bob = progress.players["bob"]["small"]
    assert bob.kinds == {"verdict": Tally(1, 1), "choice": Tally(1, 0)}
    assert bob.confidence == {}
    assert bob.verdicts.counts == {"supported": {"supported": 1}}
    assert bob.schedule == {"c-who": Slot(1, tomorrow)}
    # Bob's answers left Ann's tallies and schedule alone...
    assert progress.players["ann"]["small"] == ann
    assert ann.kinds["verdict"] == Tally(2, 1)
    assert "c-who" not in ann.schedule
    # ...while the question statistics belong to the pack, whoever answered.
    assert progress.packs["small"].questions["v-supported"].seen == 2
    assert progress.packs["small"].questions["c-who"].correct == 1


def test_closed_book_answers_are_counted_apart_as_well(small_pack: Pack, clock: FakeClock) -> None:
    progress = Progress()
    # Open book: v-supported missed, c-who right. Closed book: v-supported right, c-who
    # missed, n-troops right; the schedule moves whatever the mode.
    opened = in_file_order(small_pack, clock, Mode(player="ann"))
    play_through(progress, opened, [("not-stated", None), ("Bob", None)])
    closed = in_file_order(small_pack, clock, Mode(player="ann", closed_book=True))
    play_through(progress, closed, [("supported", None), ("Carol", None), ("1600", None)])

    ann = progress.players["ann"]["small"]
    assert ann.kinds == {"verdict": Tally(2, 1), "choice": Tally(2, 1), "number": Tally(1, 1)}
    assert ann.answers() is ann
    assert (
        ann.answers(True)
        == ann.closed_book
        == AnswerTallies(
            kinds={"verdict": Tally(1, 1), "choice": Tally(1, 0), "number": Tally(1, 1)},
            tags={"weather": Tally(1, 1), "sourcing": Tally(1, 0)},
            verdicts=Confusion({"supported": {"supported": 1}}),
        )
    )
    # What is left has no number answers at all: the key goes rather than show 0 of 0.
    assert ann.answers(False) == AnswerTallies(
        kinds={"verdict": Tally(1, 0), "choice": Tally(1, 1)},
        tags={"weather": Tally(1, 0), "sourcing": Tally(1, 1)},
        verdicts=Confusion({"supported": {"not-stated": 1}}),
    )
    assert ann.closed_book.is_part_of(ann)
    assert not ann.is_part_of(ann.closed_book)
    assert ann.schedule["c-who"] == Slot(1, DAY + timedelta(days=1))


def test_the_schedule_moves_on_with_the_day_given(small_pack: Pack, clock: FakeClock) -> None:
    progress = Progress()
    play_through(progress, in_file_order(small_pack, clock, Mode("ann")), [("not-stated", None)])
    assert progress.players["ann"]["small"].schedule["v-supported"] == Slot(1, DAY + timedelta(1))

    later = DAY + timedelta(days=1)
    play_through(
        progress, in_file_order(small_pack, clock, Mode("ann")), [("supported", None)], today=later
    )
    assert progress.players["ann"]["small"].schedule["v-supported"] == Slot(2, later + timedelta(2))


def test_the_schedule_counts_the_players_day_not_the_stamps_date(
    small_pack: Pack, clock: FakeClock
) -> None:
    progress = Progress()
    play = in_file_order(small_pack, clock, Mode("ann"))
    # Just before midnight in UTC is already the next morning east of it.
    progress.record_answer(
        "small",
        play.answer("not-stated"),
        "2026-05-06T23:59:00+00:00",
        player="ann",
        today=date(2026, 5, 7),
    )
    assert progress.due("ann", "small", date(2026, 5, 8)) == ["v-supported"]
    assert progress.due("ann", "small", date(2026, 5, 7)) == []


def test_due_lists_due_questions_soonest_first() -> None:
    progress = Progress()
    stats = progress.player_pack("ann", "small")
    stats.schedule = {
        "b": Slot(1, DAY + timedelta(days=2)),
        "c": Slot(2, DAY + timedelta(days=5)),
        "z": Slot(1, DAY),
        "a": Slot(3, DAY),
        "y": Slot(4, DAY - timedelta(days=3)),
    }
    assert progress.due("ann", "small", DAY + timedelta(days=2)) == ["y", "a", "z", "b"]
    assert progress.due("ann", "small", DAY) == ["y", "a", "z"]
    assert progress.due("ann", "small", DAY - timedelta(days=4)) == []
    assert progress.due("bob", "small", DAY + timedelta(days=9)) == []
    assert progress.due("ann", "other", DAY + timedelta(days=9)) == []
    # Asking does not create tallies for unknown players.
    assert "bob" not in progress.players


@pytest.mark.parametrize(
    "mode",
    [
        Mode(),
        Mode(player="ann"),
        Mode(player="ann", confidence=True, review=True),
        Mode(player="bob", review=True),
        Mode(player="cy", closed_book=True),
        Mode(player="cy", confidence=True, review=True, closed_book=True),
    ],
)
def test_record_round_keeps_player_confidence_review_and_closed_book(
    small_pack: Pack, clock: FakeClock, mode: Mode
) -> None:
    progress = Progress()
    play = in_file_order(small_pack, clock, mode)
    for question in small_pack.questions:
        play.answer(question.answer, 70 if mode.confidence else None)
    record = progress.record_round(play, WHEN)
    assert (record.player, record.confidence, record.review, record.closed_book) == (
        mode.player,
        mode.confidence,
        mode.review,
        mode.closed_book,
    )
    assert progress.rounds == [record]
    assert record.score == play.score


def test_a_negative_first_round_is_the_best_so_far(small_pack: Pack, clock: FakeClock) -> None:
    progress = Progress()
    play = Round(
        small_pack,
        1,
        [small_pack.questions[0]],
        clock=clock,
        mode=Mode(player="ann", confidence=True),
    )
    play.answer("contradicted", 100)
    record = progress.record_round(play, WHEN)
    assert record.score == -30
    assert progress.best("small") == -30


def populated(pack: Pack, clock: FakeClock) -> dict[str, Progress]:
    """Two players' files: rounds, schedules, confidence tallies and a round in play."""
    ann, bob = Progress(), Progress()
    ann_play = in_file_order(pack, clock, Mode(player="ann", confidence=True))
    play_through(ann, ann_play, ANN_ANSWERS)
    clock.advance(75.25)
    ann.record_round(ann_play, "2026-04-01T12:05:00+00:00")
    bob_play = in_file_order(pack, clock, Mode(player="Bob Ng", closed_book=True))
    play_through(
        bob,
        bob_play,
        [(q.answer, None) for q in pack.questions[:3]] + [("7", None), ("supported", None)],
        today=DAY + timedelta(days=3),
    )
    bob.record_round(bob_play, "2026-04-04T09:00:00+00:00")
    review = Round.new(
        pack,
        seed=2**63 - 1,  # the largest seed: a TOML integer holds it
        clock=clock,
        started="2026-04-05T08:00:00+00:00",
        mode=Mode(player="ann", confidence=True, review=True, closed_book=True),
        only={"v-supported", "n-about"},
    )
    review.check_source()
    review.answer(review.questions[0].answer, 90)
    review.answer("wrong", 60)
    ann.current = review.state()._replace(pack_path="/packs/small.toml")
    return {"ann": ann, "Bob Ng": bob}


def test_the_player_file_round_trip_is_exact(small_pack: Pack, clock: FakeClock) -> None:
    files = populated(small_pack, clock)
    ann, bob = files["ann"], files["Bob Ng"]
    assert ann.players["ann"]["small"].confidence
    assert bob.players["Bob Ng"]["small"].schedule
    assert ann.current is not None and ann.current.answers[0].confidence == 90

    assert round_trip("ann", ann) == ("ann", ann)
    assert round_trip("Bob Ng", bob) == ("Bob Ng", bob)

    _, after = round_trip("ann", ann)
    assert after.current is not None
    assert after.current.seed == 2**63 - 1
    assert after.current.mode == Mode(player="ann", confidence=True, review=True, closed_book=True)
    assert [a.confidence for a in after.current.answers] == [90, 60]
    assert set(after.players["ann"]["small"].confidence) == {60, 70, 80, 90, 100}
    assert after.players["ann"]["small"].closed_book == AnswerTallies()
    _, bob_after = round_trip("Bob Ng", bob)
    assert bob_after.players["Bob Ng"]["small"].schedule == {
        "n-about": Slot(1, date(2026, 4, 5)),
        "v-contradicted": Slot(1, date(2026, 4, 5)),
    }
    assert bob_after.players["Bob Ng"]["small"].closed_book.kinds["verdict"] == Tally(2, 1)


def test_everyone_together_counts_every_answer_once(small_pack: Pack, clock: FakeClock) -> None:
    files = populated(small_pack, clock)
    everyone = combine(files.values())
    assert [(r.player, r.confidence, r.review, r.closed_book) for r in everyone.rounds] == [
        ("ann", True, False, False),
        ("Bob Ng", False, False, True),
    ]
    assert set(everyone.players) == {"ann", "Bob Ng"}
    assert everyone.players["ann"]["small"] == files["ann"].players["ann"]["small"]
    small = everyone.packs["small"]
    assert small.rounds == 2
    assert small.best == max(r.score for r in everyone.rounds)
    assert small.last == everyone.rounds[-1].score
    assert small.questions["v-supported"].seen == 2
    assert everyone.current is None
    # Nothing is shared: the views of everyone never change a player's file.
    small.questions["v-supported"].seen = 99
    everyone.players["ann"]["small"].kinds["verdict"].answers = 99
    assert files["ann"].packs["small"].questions["v-supported"].seen == 1
    assert files["ann"].players["ann"]["small"].kinds["verdict"] == Tally(2, 1)


def test_a_file_holds_one_players_rounds_and_tallies(small_pack: Pack, clock: FakeClock) -> None:
    files = populated(small_pack, clock)
    with pytest.raises(ValueError, match="other players"):
        to_document("ann", files["Bob Ng"])


def test_a_round_record_is_one_array_of_its_fields_but_the_player() -> None:
    record = RoundRecord("small", "s", "f", 5, 10, 1, 2, 1, 3.0, player="ann", review=True)
    document = to_document("ann", Progress(rounds=[record]))
    [saved] = document["rounds"]
    # The file says whose rounds they are.
    assert document["player"] == "ann" and "ann" not in saved
    assert dict(zip(ROUND_FIELDS, saved, strict=True)) == {
        key: value for key, value in record._asdict().items() if key != "player"
    }
    assert from_document(document)[1].rounds == [record]


def test_a_closed_book_record_and_round_in_play_round_trip(
    small_pack: Pack, clock: FakeClock
) -> None:
    record = RoundRecord("small", "s", "f", 5, 10, 1, 2, 1, 3.0, player="ann", closed_book=True)
    play = Round.new(small_pack, seed=5, clock=clock, mode=Mode("ann", closed_book=True))
    play.answer(play.questions[0].answer)
    before = Progress(rounds=[record], current=play.state())
    document = to_document("ann", before)
    assert document["rounds"][0][ROUND_FIELDS.index("closed_book")] is True
    assert document["current"]["closed_book"] is True

    _, after = round_trip("ann", before)

    assert after == before
    assert after.rounds[0].closed_book is True
    assert after.current is not None and after.current.mode.closed_book is True
    resumed = Round.resume(small_pack, after.current, clock=clock)
    assert resumed.mode.closed_book is True and resumed.index == 1


def test_a_file_from_before_closed_book_rounds_reads_as_open_book() -> None:
    document = valid_document()
    del document["answers"]["small"]["closed_book"]
    assert "closed_book" not in document["rounds"][0]
    assert "closed_book" not in document["current"]

    _, progress = from_document(document)

    assert progress.rounds[0].closed_book is False
    assert progress.current is not None and progress.current.mode.closed_book is False
    stats = progress.players["ann"]["small"]
    assert stats.closed_book == AnswerTallies()
    assert stats.answers(False) == stats.without(AnswerTallies())
    assert stats.answers(False).kinds == stats.kinds


def valid_document() -> dict[str, Any]:
    """A small document that reads without error, to break one field at a time."""
    return {
        "format": 2,
        "player": "ann",
        "answers": {
            "small": {
                "kinds": {"verdict": [3, 2]},
                "tags": {"weather": [1, 1]},
                "verdicts": {"supported": {"contradicted": 1}},
                "confidence": {"70": [2, 1]},
                "schedule": {"v-supported": [2, "2026-04-03"]},
                "closed_book": {
                    "kinds": {"verdict": [1, 1]},
                    "verdicts": {"supported": {"contradicted": 1}},
                    "confidence": {"70": [1, 0]},
                },
            }
        },
        "rounds": [
            {
                "pack": "small",
                "started": "s",
                "finished": "f",
                "score": 3,
                "best_possible": 10,
                "correct": 1,
                "answered": 2,
                "best_streak": 1,
                "seconds": 1.5,
            }
        ],
        "current": {
            "pack": "small",
            "seed": 1,
            "order": ["v-supported"],
            "elapsed": 0.0,
            "started": "s",
            "player": "ann",
            "confidence": True,
            "review": True,
            "answers": [
                {
                    "question": "v-supported",
                    "response": "supported",
                    "correct": True,
                    "points": 10,
                    "checked": False,
                    "confidence": 100,
                }
            ],
        },
    }


def test_the_valid_document_reads() -> None:
    player, progress = from_document(valid_document())
    assert player == "ann"
    assert progress.rounds[0].player == "ann"
    stats = progress.players["ann"]["small"]
    assert stats == PlayerPackStats(
        kinds={"verdict": Tally(3, 2)},
        tags={"weather": Tally(1, 1)},
        verdicts=Confusion({"supported": {"contradicted": 1}}),
        confidence={70: Tally(2, 1)},
        schedule={"v-supported": Slot(2, date(2026, 4, 3))},
        closed_book=AnswerTallies(
            kinds={"verdict": Tally(1, 1)},
            verdicts=Confusion({"supported": {"contradicted": 1}}),
            confidence={70: Tally(1, 0)},
        ),
    )
    assert progress.current is not None and progress.current.answers[0].confidence == 100


PLAYER = ("answers", "small")


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        ((*PLAYER, "kinds", "verdict"), [3], "answers.small.kinds.verdict"),
        ((*PLAYER, "kinds", "verdict"), [1, 2], "answers.small.kinds.verdict"),
        ((*PLAYER, "tags", "weather"), ["a", 1], "answers.small.tags.weather"),
        ((*PLAYER, "tags", "weather"), [1, -1], "answers.small.tags.weather"),
        ((*PLAYER, "tags", "weather"), [True, True], "answers.small.tags.weather"),
        ((*PLAYER, "tags", "weather"), [1, 1, 1], "answers.small.tags.weather"),
        ((*PLAYER, "tags", "weather"), "1/1", "answers.small.tags.weather"),
        ((*PLAYER, "confidence", "70"), [1, 2], "answers.small.confidence.70"),
        ((*PLAYER, "confidence", "70"), ["a", 1], "answers.small.confidence.70"),
        ((*PLAYER, "confidence", "55"), [1, 1], "answers.small.confidence.55"),
        ((*PLAYER, "confidence", "high"), [1, 1], "answers.small.confidence.high"),
        (
            (*PLAYER, "schedule", "v-supported"),
            [0, "2026-04-03"],
            "answers.small.schedule.v-supported",
        ),
        (
            (*PLAYER, "schedule", "v-supported"),
            [6, "2026-04-03"],
            "answers.small.schedule.v-supported",
        ),
        (
            (*PLAYER, "schedule", "v-supported"),
            [1, "2026-13-01"],
            "answers.small.schedule.v-supported",
        ),
        (
            (*PLAYER, "schedule", "v-supported"),
            [1, "tomorrow"],
            "answers.small.schedule.v-supported",
        ),
        (
            (*PLAYER, "schedule", "v-supported"),
            [1, date(2026, 4, 3)],
            "answers.small.schedule.v-supported",
        ),
        ((*PLAYER, "schedule", "v-supported"), [1], "answers.small.schedule.v-supported"),
        (
            (*PLAYER, "schedule", "v-supported"),
            ["1", "2026-04-03"],
            "answers.small.schedule.v-supported",
        ),
        (
            (*PLAYER, "verdicts", "supported", "contradicted"),
            "1",
            "answers.small.verdicts.supported.contradicted",
        ),
        (
            (*PLAYER, "verdicts", "supported", "contradicted"),
            -1,
            "answers.small.verdicts.supported.contradicted",
        ),
        ((*PLAYER, "verdicts", "supported"), 3, "answers.small.verdicts.supported"),
        ((*PLAYER, "kinds"), [1, 1], "answers.small.kinds"),
        (PLAYER, "x", "answers.small"),
        (("answers",), "ann", "answers"),
        (("player",), 7, "player"),
        (("player",), "", "player"),
        (("player",), "\x1b\x07", "player"),
        (("format",), 1, "format"),
        (("current", "seed"), 2**63, "current.seed"),
        (("current", "seed"), -1, "current.seed"),
        (("rounds", 0, "confidence"), "no", "rounds[0].confidence"),
        (("rounds", 0, "review"), 0, "rounds[0].review"),
        (("current", "review"), "yes", "current.review"),
        (("rounds", 0, "closed_book"), 1, "rounds[0].closed_book"),
        (("rounds", 0, "closed_book"), "true", "rounds[0].closed_book"),
        (("current", "closed_book"), "yes", "current.closed_book"),
        (("current", "closed_book"), 0, "current.closed_book"),
        ((*PLAYER, "closed_book"), "x", "answers.small.closed_book"),
        (
            (*PLAYER, "closed_book", "kinds", "verdict"),
            [1],
            "answers.small.closed_book.kinds.verdict",
        ),
        (
            (*PLAYER, "closed_book", "confidence", "55"),
            [1, 0],
            "answers.small.closed_book.confidence.55",
        ),
        # More closed-book answers than answers, or more of them right than were right,
        # or more of them wrong than were wrong.
        ((*PLAYER, "closed_book", "kinds", "verdict"), [4, 1], "answers.small.closed_book"),
        ((*PLAYER, "closed_book", "kinds", "verdict"), [3, 3], "answers.small.closed_book"),
        ((*PLAYER, "closed_book", "kinds", "verdict"), [2, 0], "answers.small.closed_book"),
        ((*PLAYER, "closed_book", "kinds", "choice"), [1, 1], "answers.small.closed_book"),
        ((*PLAYER, "closed_book", "confidence", "70"), [3, 0], "answers.small.closed_book"),
        (
            (*PLAYER, "closed_book", "verdicts", "supported", "contradicted"),
            2,
            "answers.small.closed_book",
        ),
        (("current", "confidence"), 1, "current.confidence"),
        (("current", "player"), ["not", "text"], "current.player"),
        (("current", "answers", 0, "confidence"), 55, "current.answers[0].confidence"),
        (("current", "answers", 0, "confidence"), "100", "current.answers[0].confidence"),
    ],
)
def test_bad_fields_are_named(path: tuple[str | int, ...], value: object, where: str) -> None:
    document = copy.deepcopy(valid_document())
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ProgressError) as raised:
        from_document(document)
    assert str(raised.value).startswith(f"{where}:")
