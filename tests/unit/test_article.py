"""The source text as the reader shows it: paragraphs, headings, and where quotes are."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.model.article import MAX_PARAGRAPHS, Article, ArticleError, Paragraph, Span
from quiz.model.text import normalise_quote, normalise_with_offsets
from quiz.store.packs import load_pack

PACK = Path(__file__).parents[2] / "questions" / "iran-quds-force-iraq.toml"

TEXT = """# The Headline

First paragraph, with “curly quotes” and a dash — here.
It goes on over a line break.

# A heading

Second paragraph.   Spaces\tand tabs.


Third paragraph ends here.
"""


def test_paragraphs_and_headings() -> None:
    article = Article.parse(TEXT)
    assert article.paragraphs == (
        Paragraph("The Headline", heading=True),
        Paragraph(
            "First paragraph, with “curly quotes” and a dash — here. It goes on over a line break.",
            number=1,
        ),
        Paragraph("A heading", heading=True),
        Paragraph("Second paragraph. Spaces and tabs.", number=2),
        Paragraph("Third paragraph ends here.", number=3),
    )
    assert article.title == "The Headline"
    assert [article.label(i) for i in range(5)] == [
        "the headline",
        "paragraph 1",
        "a heading",
        "paragraph 2",
        "paragraph 3",
    ]


def test_windows_line_ends_and_controls_are_cleaned() -> None:
    article = Article.parse("One\x1b[31m red\r\n\r\nTwo\u202e\r\n")
    assert [p.text for p in article.paragraphs] == ["One[31m red", "Two"]


@pytest.mark.parametrize("text", ["", "\n\n\n", "#", "# \n\n   \n"])
def test_empty_texts_have_no_paragraphs(text: str) -> None:
    assert Article.parse(text).paragraphs == ()
    assert Article.parse(text).title == ""


def test_a_quote_is_located_with_offsets() -> None:
    article = Article.parse(TEXT)
    passage = article.locate('with "curly quotes" and a dash - here')
    assert passage is not None
    (span,) = passage.spans
    text = article.paragraphs[span.paragraph].text
    assert text[span.start : span.end] == "with “curly quotes” and a dash — here"
    assert article.label(passage.paragraph) == "paragraph 1"


def test_whitespace_and_case_are_folded() -> None:
    article = Article.parse(TEXT)
    passage = article.locate("SECOND  paragraph.\nspaces")
    assert passage is not None
    assert passage.spans == (Span(3, 0, len("Second paragraph. Spaces")),)


def test_an_elided_quote_has_a_span_per_part() -> None:
    article = Article.parse(TEXT)
    passage = article.locate("First paragraph ... a line break")
    assert passage is not None
    first, second = passage.spans
    text = article.paragraphs[1].text
    assert text[first.start : first.end] == "First paragraph"
    assert text[second.start : second.end] == "a line break"
    assert passage.paragraphs == (1,)


def test_elided_parts_must_be_in_order() -> None:
    assert Article.parse(TEXT).locate("a line break ... First paragraph") is None


def test_a_quote_over_a_paragraph_break_is_cut_at_the_break() -> None:
    article = Article.parse(TEXT)
    passage = article.locate("spaces and tabs. Third paragraph")
    assert passage is not None
    assert passage.paragraphs == (3, 4)
    assert passage.spans == (
        Span(3, len("Second paragraph. "), len("Second paragraph. Spaces and tabs.")),
        Span(4, 0, len("Third paragraph")),
    )


@pytest.mark.parametrize("quote", ["not in the text", "aph", "...", "", "Headline First extra"])
def test_quotes_not_found(quote: str) -> None:
    assert Article.parse(TEXT).locate(quote) is None


def test_words_are_matched_whole() -> None:
    article = Article.parse("Iran and Iraq.")
    assert article.locate("ran") is None
    assert article.locate("Iran") is not None


def test_every_quote_of_the_built_in_pack_is_located() -> None:
    pack = load_pack(PACK)
    assert pack.source is not None
    text = (PACK.parent / "iran-quds-force-iraq.txt").read_text(encoding="utf-8")
    article = Article.parse(text)
    assert article.title == "Iran Orders Elite Troops: Lay Off U.S. Forces in Iraq"
    for question in pack.questions:
        assert len(article.locate_all(question.evidence)) == len(question.evidence), question.id


def test_the_article_text_has_no_newsletter_or_photo_credit() -> None:
    text = (PACK.parent / "iran-quds-force-iraq.txt").read_text(encoding="utf-8")
    for unwanted in ("Subscribe", "Daily Digest", "Cheat Sheet", "Vahid Salemi", "Forward March"):
        assert unwanted not in text


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_folding_with_offsets_equals_normalising(text: str) -> None:
    folded, origin = normalise_with_offsets(text)
    assert folded == normalise_quote(text)
    assert len(origin) == len(folded)
    assert origin == sorted(origin)
    assert all(0 <= index < len(text) for index in origin)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_parses_and_every_word_of_it_is_found(text: str) -> None:
    article = Article.parse(text)
    for paragraph in article.paragraphs:
        assert paragraph.text and paragraph.text == paragraph.text.strip()
        passage = article.locate(paragraph.text)
        if passage is not None:
            assert all(
                0 <= s.start <= s.end <= len(article.paragraphs[s.paragraph].text)
                for s in passage.spans
            )


def test_a_heading_is_one_line_and_what_follows_it_is_a_paragraph() -> None:
    article = Article.parse("# Title\nBody line one\nline two\n\n# Only a heading\n")
    assert article.paragraphs == (
        Paragraph("Title", heading=True),
        Paragraph("Body line one line two", number=1),
        Paragraph("Only a heading", heading=True),
    )


def test_too_many_paragraphs_are_refused() -> None:
    Article.parse("x\n\n" * MAX_PARAGRAPHS)
    with pytest.raises(ArticleError, match="more than 1,000 paragraphs"):
        Article.parse("x\n\n" * (MAX_PARAGRAPHS + 1))
