"""quiz.model.evidence: finding quotes in a source, and the closest passage when they are not."""

from __future__ import annotations

import time

import pytest

from quiz.model.evidence import SourceText
from quiz.store.packs import load_pack

TEXT = (
    "Iran Orders Elite Troops\n\n"
    "The last time Iranian and American forces were in Iraq, the two sides quietly fought "
    "each other. Now Iran\u2019s Quds Force officers in Iraq are purposely leaving the Americans "
    "alone.\n\n"
    "To date, the Pentagon acknowledges that there are more than 1,600 U.S. forces inside Iraq, "
    "but these forces do not engage in combat missions, according to the Defense Department.\n\n"
    "\u201cThey are not going after Americans,\u201d one senior U.S. intelligence official told "
    "The Daily Beast \u2014 familiar with the recent assessments.\n"
)


@pytest.fixture(scope="module")
def source() -> SourceText:
    return SourceText(TEXT)


@pytest.mark.parametrize(
    "quote",
    [
        "the two sides quietly fought each other.",
        "Now Iran's Quds Force officers",
        '"They are not going after Americans," one senior',
        "THE PENTAGON   acknowledges\nthat",
        "told The Daily Beast - familiar",
        "told The Daily Beast -- familiar".replace("--", "\u2013"),
        "The last time ... quietly fought ... leaving the Americans alone.",
        "The last time \u2026 leaving the Americans alone.",
        "Iran Orders Elite Troops",
    ],
)
def test_found(source, quote):
    assert source.contains(quote)
    assert source.lookup(quote).found


@pytest.mark.parametrize(
    "quote",
    [
        "ran Orders",  # inside a word: found only on word boundaries
        "the two sides openly fought each other",
        "leaving the Americans alone ... The last time",  # parts out of order
        "...",
        "",
    ],
)
def test_not_found(source, quote):
    assert not source.contains(quote)


def test_closest_passage_of_a_paraphrase_is_its_whole_sentence(source):
    result = source.lookup("the Pentagon says there are more than 1,600 U.S. troops in Iraq")

    assert not result.found
    assert result.closest.startswith("To date, the Pentagon acknowledges")
    assert result.closest.endswith("according to the Defense Department.")


def test_missing_elided_part_is_reported_as_written(source):
    result = source.lookup("The last time ... the two sides Openly fought")

    assert (result.found, result.elided, result.out_of_order) == (False, True, False)
    assert result.missing == "the two sides Openly fought"
    assert "quietly fought each other" in result.closest


def test_out_of_order_part_is_flagged_without_a_passage(source):
    result = source.lookup("leaving the Americans alone ... The last time")

    assert result.out_of_order and result.missing == "The last time" and result.closest == ""


def test_unrelated_quote_has_no_closest_passage(source):
    assert source.lookup("Penguins migrate across Antarctica in winter").closest == ""
    assert source.lookup("the sky is blue").closest == ""


def test_long_sentences_are_shortened_around_the_match():
    sentence = " ".join(f"word{n}" for n in range(200)) + "."
    result = SourceText(sentence).lookup("word100 word101 wordX word103 word104")

    assert result.closest == "word100 word101 word102 word103 word104"


def test_forty_missing_quotes_in_a_large_source_stay_fast():
    text = TEXT * 100  # about 60 KB, ten times the article
    started = time.perf_counter()
    source = SourceText(text)
    for number in range(40):
        source.lookup(f"the Pentagon says there are {number} U.S. troops in Iraq")
    assert time.perf_counter() - started < 1.0


def test_text_without_punctuation_stays_fast():
    source = SourceText("word " * 100_000)
    started = time.perf_counter()
    result = source.lookup(" ".join(["word"] * 100 + ["other"]))
    assert time.perf_counter() - started < 1.0
    assert not result.found


def test_every_builtin_quote_is_in_the_article(builtin_pack, article):
    source = SourceText(article.read_text(encoding="utf-8"))
    pack = load_pack(builtin_pack)

    missing = [
        (question.id, quote)
        for question in pack.questions
        for quote in question.evidence
        if not source.contains(quote)
    ]

    assert missing == []


@pytest.mark.parametrize(
    ("quote", "changes"),
    [
        # A word changed, one left out, one added: each marked, as git diff --word-diff does.
        (
            "the two sides openly fought each other",
            "the two sides [-openly-]{+quietly+} fought each other.",
        ),
        ("the Pentagon acknowledges there are", "the Pentagon acknowledges {+that+} there are"),
        ("these forces do not ever engage", "these forces do not [-ever-] engage"),
        # A changed first or last word is set against the source's word in its place.
        (
            "these forces do not engage in ground",
            "these forces do not engage in [-ground-]{+combat+}",
        ),
        (
            "Army acknowledges that there are",
            "[-Army-]{+Pentagon+} acknowledges that there are",
        ),
        # Long unchanged runs keep three words either side of a change, and no more.
        (
            "To date, the Pentagon acknowledges that there are more than 1,700 U.S. forces "
            "inside Iraq, but these forces do not engage in combat missions",
            "are more than [-1,700-]{+1,600+} U.S. forces inside",
        ),
        (
            "To date, the Army acknowledges that there are more than 1,600 U.S. forces inside "
            "Iraq, but these forces do not engage in ground missions",
            "To date, the [-Army-]{+Pentagon+} acknowledges that there \u2026 not engage in "
            "[-ground-]{+combat+} missions,",
        ),
    ],
)
def test_a_close_quote_has_its_changed_words_marked(source, quote, changes):
    result = source.lookup(quote)

    assert not result.found and result.closest
    assert result.changes == changes


def test_a_quote_with_nothing_close_has_no_changes(source):
    assert source.lookup("Penguins migrate across Antarctica").changes == ""
