"""The teacher's view: d′ and c at the edges, the CSV rows, questions hardest first."""

from __future__ import annotations

from datetime import date
from statistics import NormalDist

import pytest

from quiz.model.classroom import CSV_COLUMNS, csv_rows, items
from quiz.model.discernment import Confusion, detection
from quiz.model.history import WRONG_KEPT, PackStats, Progress, QuestionStats, combine
from quiz.model.pack import Pack
from quiz.model.report import detections
from quiz.model.round import Round
from quiz.model.round_state import Mode
from quiz.store.player_file import parse, render
from quiz.store.schema import ProgressError

Z = NormalDist().inv_cdf


def table(hits: int, signal: int, alarms: int, noise: int) -> Confusion:
    """Supported claims: ``hits`` of ``signal`` called supported; others: ``alarms`` of
    ``noise`` called supported (the rest called contradicted)."""
    confusion = Confusion()
    confusion.add("supported", "supported", hits)
    confusion.add("supported", "not-stated", signal - hits)
    confusion.add("contradicted", "supported", alarms)
    confusion.add("contradicted", "contradicted", noise - alarms)
    for row in confusion.counts.values():
        for key in [k for k, v in row.items() if not v]:
            del row[key]
    return confusion


def test_d_prime_and_c_follow_the_log_linear_correction() -> None:
    found = detection(table(hits=8, signal=10, alarms=2, noise=10))
    z_hit, z_alarm = Z(8.5 / 11), Z(2.5 / 11)
    assert (found.hit_rate, found.false_alarm_rate) == (0.8, 0.2)
    assert found.d_prime == pytest.approx(z_hit - z_alarm)
    assert found.criterion == pytest.approx(-(z_hit + z_alarm) / 2)
    assert found.criterion == pytest.approx(0.0)  # symmetric errors: no lean


@pytest.mark.parametrize(
    ("hits", "alarms", "sign_d", "sign_c"),
    [
        (10, 0, 1, 0),  # perfect: 100 % hits, 0 % false alarms, finite
        (0, 10, -1, 0),  # everything backwards
        (10, 10, 0, -1),  # believes everything: no discernment, leans to belief
        (0, 0, 0, 1),  # doubts everything: no discernment, leans to doubt
    ],
)
def test_zero_and_hundred_percent_stay_finite(
    hits: int, alarms: int, sign_d: int, sign_c: int
) -> None:
    found = detection(table(hits, 10, alarms, 10))
    assert found.d_prime is not None and found.criterion is not None
    assert abs(found.d_prime) < 4 and abs(found.criterion) < 4
    assert (found.d_prime > 1e-9) - (found.d_prime < -1e-9) == sign_d
    assert (found.criterion > 1e-9) - (found.criterion < -1e-9) == sign_c


def test_without_claims_of_one_kind_there_is_no_d_prime() -> None:
    only_supported = detection(table(3, 4, 0, 0))
    assert (only_supported.signal, only_supported.noise) == (4, 0)
    assert only_supported.hit_rate == 0.75 and only_supported.false_alarm_rate is None
    assert only_supported.d_prime is None and only_supported.criterion is None
    only_others = detection(table(0, 0, 1, 4))
    assert only_others.hit_rate is None and only_others.d_prime is None
    nothing = detection(Confusion())
    assert (nothing.signal, nothing.noise, nothing.d_prime) == (0, 0, None)


def played(pack: Pack, player: str, responses: dict[str, str], confidence: int | None) -> Progress:
    """A player's progress after one finished round, answering ``responses`` or right."""
    progress = Progress()
    play = Round(
        pack,
        1,
        list(pack.questions),
        clock=lambda: 0.0,
        started="2026-01-01T10:00:00Z",
        mode=Mode(player=player, confidence=confidence is not None),
    )
    for question in pack.questions:
        outcome = play.answer(responses.get(question.id, question.answer), confidence)
        progress.record_answer(
            pack.id, outcome, "2026-01-01T10:00:30Z", player=player, today=date(2026, 1, 1)
        )
    progress.record_round(play, "2026-01-01T10:01:00Z")
    return progress


def test_csv_rows_one_per_player_and_question(small_pack: Pack) -> None:
    ann = played(small_pack, "ann", {"v-supported": "contradicted"}, confidence=80)
    bob = played(small_pack, "bob", {}, confidence=None)
    rows = csv_rows([bob, ann], {small_pack.id: small_pack})
    assert len(rows) == 2 * len(small_pack.questions)
    assert all(tuple(row) == CSV_COLUMNS for row in rows)
    first = rows[0]
    assert first["player"] == "ann" and first["round_finished"] == "2026-01-01T10:01:00Z"
    wrong = next(r for r in rows if r["player"] == "ann" and r["question"] == "v-supported")
    assert (wrong["kind"], wrong["verdict"], wrong["answered"], wrong["right"]) == (
        "verdict",
        "supported",
        1,
        0,
    )
    assert wrong["confidence"] == 80
    assert all(r["confidence"] == "" for r in rows if r["player"] == "bob")
    choice = next(r for r in rows if r["question"] == "c-who")
    assert choice["kind"] == "choice" and choice["verdict"] == ""
    assert csv_rows([ann], {}, pack="other") == []


def test_items_hardest_first_with_the_most_common_wrong_answer(small_pack: Pack) -> None:
    players = [
        played(small_pack, "ann", {"v-supported": "contradicted"}, None),
        played(small_pack, "bob", {"v-supported": "contradicted", "n-troops": "7"}, None),
        played(small_pack, "cy", {"v-supported": "not-stated"}, None),
    ]
    found = items(combine(players), {small_pack.id: small_pack})
    assert [i.question for i in found[:2]] == ["v-supported", "n-troops"]
    assert found[0].right == 0 and found[0].answered == 3
    assert found[0].common_wrong == ("contradicted", 2)
    assert found[0].wrong_label == "Contradicted"
    assert found[0].prompt == "The report says it rained."
    assert found[-1].share_right == 1.0 and found[-1].common_wrong is None
    by_player = detections(combine(players))
    assert by_player["ann"].hit_rate == 0.0 and by_player["ann"].false_alarm_rate == 0.0


def test_wrong_answers_kept_are_few_and_survive_the_file() -> None:
    stats = QuestionStats()
    for response in ["a", "b", "a", "c", "d", "e", "f", "a"]:
        stats.count_wrong(response)
    assert len(stats.wrong) == WRONG_KEPT and stats.wrong["a"] == 3
    progress = Progress()
    progress.packs["p"] = PackStats()
    progress.packs["p"].questions["q"] = stats
    stats.confidence = 90
    _, back = parse(render("ann", progress))
    assert back.packs["p"].questions["q"] == stats


def test_a_hostile_wrong_table_is_refused_in_words() -> None:
    data = b'format = 2\nplayer = "ann"\n[packs.p]\nrounds = 0\n[packs.p.questions.q]\n'
    data += b'seen = 1\ncorrect = 0\nwrong = { "x" = "many" }\n'
    with pytest.raises(ProgressError, match="wrong"):
        parse(data)
