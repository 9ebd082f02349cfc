"""Units agree with their numbers, numbers read as the source writes them, quotes marked once."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.model.round import Outcome
from quiz.model.wording import as_in_source, quantity, quoted, singular
from quiz.store.packs import load_pack


@pytest.mark.parametrize(
    ("number", "unit", "shown"),
    [
        ("1", "countries", "1 country"),
        ("7", "countries", "7 countries"),
        ("1", "militias", "1 militia"),
        ("1", "U.S. forces", "1 U.S. force"),
        ("1,600", "U.S. forces", "1,600 U.S. forces"),
        ("2007", "year", "2007"),
        ("1", "year", "1 year"),
        ("3", "years", "3 years"),
        ("1", "million dollars", "1 million dollars"),
        ("1", "boxes", "1 box"),
        ("-1", "degrees", "-1 degree"),
        ("12", "", "12"),
    ],
)
def test_a_unit_agrees_with_its_number(number: str, unit: str, shown: str) -> None:
    assert quantity(number, unit) == shown


@pytest.mark.parametrize(
    ("plural", "one"), [("glasses", "glass"), ("status", "status"), ("people", "people")]
)
def test_singular_leaves_words_that_are_not_simple_plurals(plural: str, one: str) -> None:
    assert singular(plural) == one


def test_a_number_is_grouped_only_when_the_source_groups_it() -> None:
    assert as_in_source("1600", ("more than 1,600 U.S. forces",)) == "1,600"
    assert as_in_source("1600", ("more than 1600 U.S. forces",)) == "1600"
    assert as_in_source("2007", ("in 2007",)) == "2007"
    assert as_in_source("2.5", ("2.5 million",)) == "2.5"


def test_a_quote_opening_with_a_quotation_is_marked_once() -> None:
    shown = quoted('"They are not going after Americans," one official said')
    assert shown == "\u201c\u2018They are not going after Americans,\u2019 one official said\u201d"
    assert shown.count("\u201c") == 1 and '"' not in shown
    assert quoted("plain words") == "\u201cplain words\u201d"


def test_the_built_in_packs_numbers_read_as_the_article_writes_them() -> None:
    root = Path(__file__).resolve().parents[2]
    pack = load_pack(root / "questions" / "iran-quds-force-iraq.toml")
    assert pack.question("us-forces-count").answer_label == "1,600 U.S. forces"
    assert pack.question("treasury-sanctions-year").answer_label == "2007"
    parties = pack.question("negotiation-parties")
    assert parties.answer_label == "7 countries"
    said = Outcome(parties, "1", correct=False, points=0, checked=False, streak=0)
    assert said.response_label == "1 country"
