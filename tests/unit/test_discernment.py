"""Discernment: the verdict confusion table, its accuracies and its plain-words readings."""

from __future__ import annotations

import pytest

from quiz.model.discernment import MIN_ANSWERS, NOTABLE_SHARE, Confusion
from quiz.model.verdicts import VERDICTS

NOTHING_STANDS_OUT = "No confusion stands out: you tell the three kinds of claim apart."
TOO_FEW = "Answer at least 5 claims of each kind to see what you tend to confuse."

# A phrase only the note on each confusion holds.
NOTES = {
    ("supported", "contradicted"): "call true claims false",
    ("supported", "not-stated"): "miss support that is there",
    ("contradicted", "supported"): "accept claims the source contradicts",
    ("contradicted", "not-stated"): "miss contradictions",
    ("not-stated", "supported"): "read in what is not there",
    ("not-stated", "contradicted"): "call unstated claims false",
}


def table(rows: dict[str, dict[str, int]]) -> Confusion:
    confusion = Confusion()
    for truth, row in rows.items():
        for answered, times in row.items():
            confusion.add(truth, answered, times)
    return confusion


def test_the_thresholds() -> None:
    assert (MIN_ANSWERS, NOTABLE_SHARE) == (5, 0.25)


def test_add_counts_one_answer_or_several() -> None:
    confusion = Confusion()
    confusion.add("supported", "supported")
    confusion.add("supported", "supported")
    confusion.add("supported", "contradicted", 3)
    assert confusion.counts == {"supported": {"supported": 2, "contradicted": 3}}
    assert confusion.total("supported") == 5
    assert confusion.total("contradicted") == 0


def test_merge_adds_counts_and_leaves_the_other_alone() -> None:
    mine = table({"supported": {"supported": 2}, "not-stated": {"supported": 1}})
    theirs = table({"supported": {"supported": 1, "not-stated": 4}, "contradicted": {"x": 1}})
    mine.merge(theirs)
    assert mine.counts == {
        "supported": {"supported": 3, "not-stated": 4},
        "not-stated": {"supported": 1},
        "contradicted": {"x": 1},
    }
    assert theirs.counts == {
        "supported": {"supported": 1, "not-stated": 4},
        "contradicted": {"x": 1},
    }


def test_accuracy_per_verdict() -> None:
    confusion = table(
        {
            "supported": {"supported": 3, "contradicted": 1},
            "contradicted": {"supported": 2},
        }
    )
    assert confusion.accuracy("supported") == pytest.approx(0.75)
    assert confusion.accuracy("contradicted") == 0.0
    assert confusion.accuracy("not-stated") is None


def test_a_player_who_always_says_contradicted_gets_a_third() -> None:
    confusion = Confusion()
    for truth, times in zip(VERDICTS, (7, 3, 5), strict=True):
        confusion.add(truth, "contradicted", times)
    # Plain accuracy would be 3/15; balanced accuracy does not reward the habit.
    assert confusion.balanced_accuracy() == pytest.approx(1 / 3)
    assert confusion.accuracy("contradicted") == 1.0


def test_balanced_accuracy_averages_only_verdicts_with_answers() -> None:
    assert Confusion().balanced_accuracy() is None
    confusion = table(
        {"supported": {"supported": 1, "not-stated": 1}, "not-stated": {"not-stated": 4}}
    )
    assert confusion.balanced_accuracy() == pytest.approx((0.5 + 1.0) / 2)


def test_rows_give_label_count_and_share_for_every_verdict() -> None:
    confusion = table({"contradicted": {"contradicted": 1, "supported": 3}})
    assert confusion.rows() == [
        ("Supported", 0, None),
        ("Contradicted", 4, 0.25),
        ("Not stated", 0, None),
    ]


@pytest.mark.parametrize(("truth", "answered"), list(NOTES))
def test_the_dominant_confusion_is_named(truth: str, answered: str) -> None:
    [other] = [verdict for verdict in VERDICTS if verdict not in (truth, answered)]
    # Six answers: three right, two confused one way, one the other way.
    confusion = table({truth: {truth: 3, answered: 2, other: 1}})
    [note] = confusion.readings()
    assert NOTES[(truth, answered)] in note
    assert NOTES[(truth, other)] not in note


@pytest.mark.parametrize(("truth", "answered"), list(NOTES))
def test_a_quarter_is_enough_to_stand_out(truth: str, answered: str) -> None:
    confusion = table({truth: {truth: 6, answered: 2}})
    [note] = confusion.readings()
    assert NOTES[(truth, answered)] in note


def test_each_verdict_gets_its_own_note() -> None:
    confusion = table(
        {
            "supported": {"supported": 2, "contradicted": 3},
            "contradicted": {"contradicted": 5},
            "not-stated": {"not-stated": 1, "supported": 4},
        }
    )
    notes = confusion.readings()
    assert len(notes) == 2
    assert NOTES[("supported", "contradicted")] in notes[0]
    assert NOTES[("not-stated", "supported")] in notes[1]


def test_a_confusion_under_a_quarter_does_not_stand_out() -> None:
    # One wrong in five is 20 %.
    confusion = table(
        {
            "supported": {"supported": 4, "not-stated": 1},
            "contradicted": {"contradicted": 5},
            "not-stated": {"not-stated": 5},
        }
    )
    assert confusion.readings() == [NOTHING_STANDS_OUT]


def test_nothing_stands_out_only_once_every_kind_was_answered_enough() -> None:
    # Five supported claims all right say nothing of the other two kinds.
    confusion = table({"supported": {"supported": 5}, "contradicted": {"contradicted": 4}})
    assert confusion.readings() == [TOO_FEW]


@pytest.mark.parametrize(("truth", "answered"), list(NOTES))
def test_a_confusion_both_ways_makes_one_note_not_two_that_contradict(
    truth: str, answered: str
) -> None:
    confusion = table({truth: {truth: 3, answered: 3}, answered: {answered: 3, truth: 3}})
    [note] = confusion.readings()
    assert "both ways" in note
    assert NOTES[(truth, answered)] not in note and NOTES[(answered, truth)] not in note


def test_an_accurate_player_gets_no_confusion() -> None:
    confusion = table({verdict: {verdict: 5} for verdict in VERDICTS})
    assert confusion.readings() == [NOTHING_STANDS_OUT]


def test_too_few_answers_of_a_verdict_say_nothing_about_it() -> None:
    # Four supported claims all called contradicted: striking, but too few to judge.
    confusion = table(
        {
            "supported": {"contradicted": 4},
            "contradicted": {"contradicted": 5},
            "not-stated": {"not-stated": 5},
        }
    )
    assert confusion.readings() == [TOO_FEW]


@pytest.mark.parametrize(
    "rows",
    [{}, {"supported": {"contradicted": 4}}, {v: {v: 4} for v in VERDICTS}],
)
def test_not_enough_data(rows: dict[str, dict[str, int]]) -> None:
    assert table(rows).readings() == [TOO_FEW]
