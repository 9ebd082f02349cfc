"""The scores report: per-pack figures, leaderboards, history, trend and tallies, filtered."""

from __future__ import annotations

import json

import pytest

from quiz.model.discernment import Confusion
from quiz.model.history import AnswerTallies, PlayerPackStats, Progress, RoundRecord, Tally
from quiz.model.report import (
    TREND_ROUNDS,
    Leader,
    PackResults,
    build,
    percent,
    rounds_of,
    to_json,
)


def rnd(
    player: str,
    pack: str,
    score: int,
    best: int,
    correct: int,
    answered: int,
    day: int,
    **flags: bool,
) -> RoundRecord:
    return RoundRecord(
        pack=pack,
        started=f"2026-01-{day:02d}T10:00:00+00:00",
        finished=f"2026-01-{day:02d}T10:05:00+00:00",
        score=score,
        best_possible=best,
        correct=correct,
        answered=answered,
        best_streak=1,
        seconds=300.0,
        player=player,
        **flags,
    )


# In the order they were played.
ROUNDS = [
    rnd("ann", "alpha", 40, 80, 4, 5, 1),
    rnd("bob", "alpha", 60, 80, 5, 5, 2),
    rnd("ann", "beta", 10, 40, 1, 4, 3),
    rnd("ann", "alpha", 20, 80, 2, 5, 4),
    rnd("bob", "beta", -12, 40, 1, 4, 5, confidence=True),
]


@pytest.fixture
def progress() -> Progress:
    """Two players, two packs, each with tallies of their own."""
    players = {
        "ann": {
            "alpha": PlayerPackStats(
                kinds={"verdict": Tally(4, 3)},
                tags={"sourcing": Tally(2, 1)},
                verdicts=Confusion({"supported": {"supported": 3, "contradicted": 1}}),
            ),
            "beta": PlayerPackStats(
                kinds={"verdict": Tally(2, 1), "choice": Tally(3, 3)},
                tags={"sourcing": Tally(1, 0), "numbers": Tally(2, 2)},
                verdicts=Confusion(
                    {"supported": {"contradicted": 2}, "not-stated": {"not-stated": 5}}
                ),
                confidence={80: Tally(5, 2)},
            ),
        },
        "bob": {
            "alpha": PlayerPackStats(
                kinds={"verdict": Tally(10, 10)},
                tags={"sourcing": Tally(5, 5)},
                verdicts=Confusion({"contradicted": {"contradicted": 10}}),
            ),
            "beta": PlayerPackStats(
                kinds={"number": Tally(4, 1)},
                confidence={80: Tally(3, 3), 100: Tally(2, 0)},
            ),
        },
    }
    return Progress(rounds=list(ROUNDS), players=players)


def test_everyone_every_pack(progress: Progress) -> None:
    scores = build(progress)
    assert (scores.player, scores.pack) == (None, None)
    assert scores.players == ["ann", "bob"]
    assert scores.packs == [
        PackResults("alpha", rounds=3, best=60, last=20, average=40.0, accuracy=11 / 15),
        PackResults("beta", rounds=2, best=10, last=-12, average=-1.0, accuracy=0.25),
    ]
    assert scores.history == list(reversed(ROUNDS))
    assert scores.trend == [50.0, 75.0, 25.0, 25.0, -30.0]
    assert scores.kinds == {"verdict": Tally(16, 14), "choice": Tally(3, 3), "number": Tally(4, 1)}
    assert scores.tags == {"sourcing": Tally(8, 6), "numbers": Tally(2, 2)}
    assert scores.confusion.counts == {
        "supported": {"supported": 3, "contradicted": 3},
        "not-stated": {"not-stated": 5},
        "contradicted": {"contradicted": 10},
    }
    assert [(b.confidence, b.answers, b.correct) for b in scores.calibration] == [
        (50, 0, 0),
        (60, 0, 0),
        (70, 0, 0),
        (80, 8, 5),
        (90, 0, 0),
        (100, 2, 0),
    ]


def test_leaderboards_rank_by_best_score(progress: Progress) -> None:
    scores = build(progress)
    assert scores.leaderboards == {
        "alpha": [Leader("bob", 60, 1, 1.0), Leader("ann", 40, 2, 0.6)],
        "beta": [Leader("ann", 10, 1, 0.25), Leader("bob", -12, 1, 0.25)],
    }


def test_leaderboard_ties_go_to_accuracy_then_name() -> None:
    progress = Progress(
        rounds=[
            rnd("dee", "alpha", 50, 80, 3, 5, 1),
            rnd("cy", "alpha", 50, 80, 5, 5, 2),
            rnd("bea", "alpha", 50, 80, 3, 5, 3),
            rnd("al", "alpha", 30, 80, 5, 5, 4),
            rnd("al", "alpha", 20, 80, 5, 5, 5),
        ]
    )
    [board] = build(progress).leaderboards.values()
    assert [(leader.player, leader.rounds) for leader in board] == [
        ("cy", 1),
        ("bea", 1),
        ("dee", 1),
        ("al", 2),
    ]
    assert board[-1].best == 30


def test_one_player(progress: Progress) -> None:
    scores = build(progress, player="ann")
    assert scores.player == "ann"
    assert scores.packs == [
        PackResults("alpha", rounds=2, best=40, last=20, average=30.0, accuracy=0.6),
        PackResults("beta", rounds=1, best=10, last=10, average=10.0, accuracy=0.25),
    ]
    assert scores.history == [ROUNDS[3], ROUNDS[2], ROUNDS[0]]
    assert scores.trend == [50.0, 25.0, 25.0]
    # Ann's tallies merged across her packs, none of Bob's.
    assert scores.kinds == {"verdict": Tally(6, 4), "choice": Tally(3, 3)}
    assert scores.tags == {"sourcing": Tally(3, 1), "numbers": Tally(2, 2)}
    assert scores.confusion.counts == {
        "supported": {"supported": 3, "contradicted": 3},
        "not-stated": {"not-stated": 5},
    }
    assert [(b.confidence, b.answers, b.correct) for b in scores.calibration if b.answers] == [
        (80, 5, 2)
    ]
    # A leaderboard compares players, so it still lists everyone on her packs.
    assert [leader.player for leader in scores.leaderboards["alpha"]] == ["bob", "ann"]
    assert scores.players == ["ann", "bob"]


def test_one_player_reads_in_plain_words(progress: Progress) -> None:
    scores = build(progress, player="ann")
    [note] = scores.discernment_notes
    assert "call true claims false" in note
    # 40 % right at 80 % stated.
    assert "over-confident" in scores.calibration_note
    bob = build(progress, player="bob", pack="alpha")
    # Ten contradicted claims, all right, say nothing yet of the other two kinds.
    assert bob.discernment_notes == [
        "Answer at least 5 claims of each kind to see what you tend to confuse."
    ]
    assert bob.calibration_note.startswith("Answer more questions in confidence mode")


def test_one_pack(progress: Progress) -> None:
    scores = build(progress, pack="beta")
    assert scores.pack == "beta"
    assert [s.pack for s in scores.packs] == ["beta"]
    assert list(scores.leaderboards) == ["beta"]
    assert scores.history == [ROUNDS[4], ROUNDS[2]]
    assert scores.trend == [25.0, -30.0]
    assert scores.kinds == {"verdict": Tally(2, 1), "choice": Tally(3, 3), "number": Tally(4, 1)}
    assert scores.tags == {"sourcing": Tally(1, 0), "numbers": Tally(2, 2)}
    assert [(b.confidence, b.answers) for b in scores.calibration if b.answers] == [
        (80, 8),
        (100, 2),
    ]


def test_one_player_on_one_pack(progress: Progress) -> None:
    scores = build(progress, player="bob", pack="beta")
    assert scores.packs == [
        PackResults("beta", rounds=1, best=-12, last=-12, average=-12.0, accuracy=0.25)
    ]
    assert scores.history == [ROUNDS[4]]
    assert scores.kinds == {"number": Tally(4, 1)}
    assert scores.tags == {}
    assert scores.confusion.counts == {}
    assert [(b.confidence, b.answers, b.correct) for b in scores.calibration if b.answers] == [
        (80, 3, 3),
        (100, 2, 0),
    ]


def test_the_report_does_not_change_the_progress(progress: Progress) -> None:
    build(progress)
    build(progress, player="ann")
    assert progress.players["ann"]["beta"].kinds["verdict"] == Tally(2, 1)
    assert progress.players["bob"]["alpha"].verdicts.counts == {
        "contradicted": {"contradicted": 10}
    }
    assert progress.rounds == ROUNDS


def test_nobody_and_nothing(progress: Progress) -> None:
    for scores in (build(Progress()), build(progress, player="zed"), build(progress, pack="x")):
        assert scores.packs == [] and scores.history == [] and scores.trend == []
        assert scores.leaderboards == {} and scores.kinds == {}
        assert [b.answers for b in scores.calibration] == [0] * 6


def test_the_trend_keeps_the_latest_rounds() -> None:
    rounds = [rnd("ann", "alpha", n, 100, 1, 1, 1) for n in range(TREND_ROUNDS + 10)]
    trend = build(Progress(rounds=rounds)).trend
    assert len(trend) == TREND_ROUNDS
    assert trend[0] == 10.0 and trend[-1] == float(TREND_ROUNDS + 9)


def test_percent() -> None:
    assert percent(rnd("a", "p", 30, 120, 1, 1, 1)) == 25.0
    assert percent(rnd("a", "p", -30, 120, 1, 1, 1)) == -25.0
    assert percent(rnd("a", "p", 0, 0, 0, 0, 1)) == 0.0


def test_to_json_holds_the_same_figures(progress: Progress) -> None:
    scores = build(progress, player="ann")
    data = json.loads(json.dumps(to_json(scores)))

    assert (data["player"], data["pack"]) == ("ann", None)
    assert data["packs"] == [
        {"pack": "alpha", "rounds": 2, "best": 40, "last": 20, "average": 30.0, "accuracy": 0.6},
        {"pack": "beta", "rounds": 1, "best": 10, "last": 10, "average": 10.0, "accuracy": 0.25},
    ]
    assert [leader["player"] for leader in data["leaderboards"]["alpha"]] == ["bob", "ann"]
    assert data["leaderboards"]["alpha"][0] == {
        "player": "bob",
        "best": 60,
        "rounds": 1,
        "accuracy": 1.0,
    }
    assert [r["finished"][:10] for r in data["history"]] == [
        "2026-01-04",
        "2026-01-03",
        "2026-01-01",
    ]
    assert data["history"][0]["score"] == 20 and data["history"][0]["accuracy"] == 0.4
    assert data["history"][0]["player"] == "ann"
    assert data["trend"] == [50.0, 25.0, 25.0]
    assert data["kinds"] == {
        "verdict": {"answers": 6, "correct": 4, "accuracy": 4 / 6},
        "choice": {"answers": 3, "correct": 3, "accuracy": 1.0},
    }
    assert data["tags"]["sourcing"] == {"answers": 3, "correct": 1, "accuracy": 1 / 3}
    discernment = data["discernment"]
    assert discernment["table"] == scores.confusion.counts
    assert discernment["by_verdict"] == [
        {"verdict": "Supported", "answers": 6, "accuracy": 0.5},
        {"verdict": "Contradicted", "answers": 0, "accuracy": None},
        {"verdict": "Not stated", "answers": 5, "accuracy": 1.0},
    ]
    assert discernment["balanced_accuracy"] == pytest.approx(0.75)
    assert discernment["notes"] == scores.discernment_notes
    bands = data["calibration"]["bands"]
    assert [b["confidence"] for b in bands] == [50, 60, 70, 80, 90, 100]
    assert bands[3] == {"confidence": 80, "answers": 5, "correct": 2, "accuracy": 0.4}
    assert bands[0]["accuracy"] is None
    assert data["calibration"]["note"] == scores.calibration_note


def test_to_json_rounds_the_trend() -> None:
    scores = build(Progress(rounds=[rnd("ann", "alpha", 1, 3, 1, 1, 1)]))
    assert json.loads(json.dumps(to_json(scores)))["trend"] == [33.3]


def test_closed_book_or_open_book_rounds_only() -> None:
    rounds = [
        rnd("ann", "alpha", 40, 80, 4, 5, 1),
        rnd("bob", "alpha", 60, 80, 5, 5, 2, closed_book=True),
        rnd("ann", "alpha", 30, 80, 3, 5, 3, closed_book=True),
        rnd("bob", "beta", 70, 80, 5, 5, 4),
    ]
    players = {
        "ann": {
            "alpha": PlayerPackStats(
                kinds={"verdict": Tally(10, 7)},
                tags={"sourcing": Tally(4, 2)},
                verdicts=Confusion({"supported": {"supported": 7, "contradicted": 3}}),
                confidence={80: Tally(4, 3)},
                closed_book=AnswerTallies(
                    kinds={"verdict": Tally(5, 3)},
                    tags={"sourcing": Tally(4, 2)},
                    verdicts=Confusion({"supported": {"supported": 3, "contradicted": 2}}),
                ),
            )
        },
        "bob": {
            "alpha": PlayerPackStats(
                kinds={"verdict": Tally(5, 5)},
                closed_book=AnswerTallies(kinds={"verdict": Tally(5, 5)}),
            ),
            "beta": PlayerPackStats(kinds={"number": Tally(5, 5)}),
        },
    }
    progress = Progress(rounds=rounds, players=players)

    closed = build(progress, closed_book=True)
    assert closed.closed_book is True
    assert closed.history == [rounds[2], rounds[1]]
    assert [s.pack for s in closed.packs] == ["alpha"]
    # The leaderboard compares closed-book rounds with closed-book rounds only.
    assert closed.leaderboards == {"alpha": [Leader("bob", 60, 1, 1.0), Leader("ann", 30, 1, 0.6)]}
    assert closed.kinds == {"verdict": Tally(10, 8)}
    assert closed.tags == {"sourcing": Tally(4, 2)}
    assert closed.confusion.counts == {"supported": {"supported": 3, "contradicted": 2}}
    assert not any(band.answers for band in closed.calibration)

    opened = build(progress, closed_book=False)
    assert opened.history == [rounds[3], rounds[0]]
    assert opened.leaderboards["alpha"] == [Leader("ann", 40, 1, 0.8)]
    # Bob answered nothing open-book on alpha and no sourcing question was open-book.
    assert opened.kinds == {"verdict": Tally(5, 4), "number": Tally(5, 5)}
    assert opened.tags == {}
    assert opened.confusion.counts == {"supported": {"supported": 4, "contradicted": 1}}
    assert [(b.confidence, b.answers) for b in opened.calibration if b.answers] == [(80, 4)]

    ann_closed = build(progress, player="ann", pack="alpha", closed_book=True)
    assert ann_closed.history == [rounds[2]]
    assert ann_closed.kinds == {"verdict": Tally(5, 3)}
    # Both ways together is every round, as without the filter.
    assert build(progress).history == list(reversed(rounds))
    assert build(progress).kinds == {"verdict": Tally(15, 12), "number": Tally(5, 5)}
    assert build(progress, player="bob", closed_book=False).history == [rounds[3]]


def test_to_json_names_the_filter_and_marks_each_round() -> None:
    progress = Progress(rounds=[rnd("ann", "alpha", 1, 3, 1, 1, 1, closed_book=True)])
    for closed_book in (None, True, False):
        data = json.loads(json.dumps(to_json(build(progress, closed_book=closed_book))))
        assert data["closed_book"] is closed_book
    data = to_json(build(progress, closed_book=True))
    assert [r["closed_book"] for r in data["history"]] == [True]
    assert to_json(build(progress, closed_book=False))["history"] == []


def test_rounds_of_names_the_filter() -> None:
    assert [rounds_of(value) for value in (None, True, False)] == [
        "rounds",
        "closed-book rounds",
        "open-book rounds",
    ]
