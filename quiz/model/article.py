"""A pack's source text as the player reads it: paragraphs, headings, and where quotes are.

The text comes from the pack's author, so it is cleaned as pack text is.
Paragraphs are separated by blank lines; a paragraph that starts with ``# `` is
a heading. Quotes are located with the matching ``quiz check`` uses
(:func:`~quiz.model.evidence.find_part` on text folded by
:func:`~quiz.model.text.normalise_quote`), so a quote the check finds is a
quote the reader can highlight.

This module is pure: no files, no terminal, no Textual or Rich.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from quiz.model.evidence import find_part, quote_parts
from quiz.model.text import clean_line, clean_text, normalise_with_offsets

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_HEADING = "# "
MAX_PARAGRAPHS = 1_000
"""More paragraphs than any article has: the reader draws each one, and a text is untrusted."""


class ArticleError(ValueError):
    """A source text the reader cannot show, with the reason in words."""


_JOIN = " "
"""What stands between two paragraphs when quotes are matched: a quote may run over a break."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the source.

    Attributes:
        text: The paragraph on one line, cleaned, without the ``# `` of a heading.
        heading: Whether it is a heading.
        number: Its number among the body paragraphs (1 for the first), or 0 for a heading.
    """

    text: str
    heading: bool = False
    number: int = 0


@dataclass(frozen=True)
class Span:
    """A stretch of one paragraph's text.

    Attributes:
        paragraph: The paragraph's index in :attr:`Article.paragraphs`.
        start: Where the stretch begins in the paragraph's text.
        end: Where it ends (exclusive).
    """

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """Where one quote is in the source.

    Attributes:
        quote: The quote as the pack gives it.
        spans: The stretches it covers, in order: one for a plain quote, one
            per part of a quote that elides with ``...``, and more where a
            part runs over a paragraph break.
    """

    quote: str
    spans: tuple[Span, ...]

    @property
    def paragraph(self) -> int:
        """The index of the paragraph the quote starts in."""
        return self.spans[0].paragraph

    @property
    def paragraphs(self) -> tuple[int, ...]:
        """The indexes of every paragraph the quote touches, in order."""
        return tuple(dict.fromkeys(span.paragraph for span in self.spans))


class Article:
    """A source text split into paragraphs, ready to locate quotes in."""

    def __init__(self, paragraphs: tuple[Paragraph, ...]) -> None:
        """Create an article from its paragraphs (:meth:`parse` splits a text)."""
        self.paragraphs = paragraphs
        joined = _JOIN.join(paragraph.text for paragraph in paragraphs)
        self._starts: list[int] = []
        position = 0
        for paragraph in paragraphs:
            self._starts.append(position)
            position += len(paragraph.text) + len(_JOIN)
        self._folded, self._origin = normalise_with_offsets(joined)

    @classmethod
    def parse(cls, text: str) -> Article:
        """Split a source text into paragraphs.

        Args:
            text: The whole text, untrusted: control characters are removed.

        Returns:
            The article; empty paragraphs are dropped. A heading is one line:
            the lines after it, in the same block, are a paragraph of their own.

        Raises:
            ArticleError: The text has more than :data:`MAX_PARAGRAPHS` paragraphs.
        """
        cleaned = clean_text(text).replace("\t", " ")
        paragraphs: list[Paragraph] = []
        number = 0
        for block in _BLANK_LINE.split(cleaned.strip("\n")):
            first, _, rest = block.strip("\n").partition("\n")
            if first.startswith(_HEADING) or first.strip() == _HEADING.strip():
                heading = clean_line(first.strip().removeprefix(_HEADING.strip()))
                if heading:
                    paragraphs.append(Paragraph(heading, heading=True))
                block = rest
            line = clean_line(block)
            if line:
                number += 1
                paragraphs.append(Paragraph(line, number=number))
            if len(paragraphs) > MAX_PARAGRAPHS:
                raise ArticleError(f"has more than {MAX_PARAGRAPHS:,} paragraphs")
        return cls(tuple(paragraphs))

    @property
    def title(self) -> str:
        """The first heading, or "" when the text has none before its first paragraph."""
        if self.paragraphs and self.paragraphs[0].heading:
            return self.paragraphs[0].text
        return ""

    def label(self, index: int) -> str:
        """Where a paragraph is, in words: ``paragraph 4``, or ``the headline``."""
        paragraph = self.paragraphs[index]
        if not paragraph.heading:
            return f"paragraph {paragraph.number}"
        return "the headline" if index == 0 else "a heading"

    def locate(self, quote: str) -> Passage | None:
        """Find where a quote is.

        Args:
            quote: An evidence quote, possibly eliding with ``...`` or ``…``.

        Returns:
            Its passage, or None when some part of it is not in the text (in
            order), which ``quiz check`` reports to the author.
        """
        parts = quote_parts(quote)
        if not parts:
            return None
        spans: list[Span] = []
        position = 0
        for part in parts:
            found = find_part(self._folded, part, position)
            if found is None:
                return None
            begin, end = found
            spans.extend(self._spans(self._origin[begin], self._origin[end - 1] + 1))
            position = end
        return Passage(quote, tuple(spans))

    def locate_all(self, quotes: tuple[str, ...]) -> list[Passage]:
        """The passages of the quotes that are found, in the quotes' order."""
        return [passage for quote in quotes if (passage := self.locate(quote)) is not None]

    def _spans(self, start: int, end: int) -> list[Span]:
        """Cut a stretch of the joined text at paragraph breaks."""
        spans = []
        index = bisect.bisect_right(self._starts, start) - 1
        while start < end and index < len(self.paragraphs):
            first = self._starts[index]
            last = first + len(self.paragraphs[index].text)
            if start < last:
                spans.append(Span(index, start - first, min(end, last) - first))
            index += 1
            if index < len(self._starts):
                start = max(start, self._starts[index])
        return spans
