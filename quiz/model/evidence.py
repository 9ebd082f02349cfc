"""Finding a pack's evidence quotes in the source text they cite.

A quote counts as found when, after :func:`~quiz.model.text.normalise_quote`
has folded typographic quotes, dashes, whitespace and case on both sides, it
appears in the source on word boundaries. An ellipsis (``...`` or ``…``)
elides text: each part must then appear, in order. A quote that is not found
comes with the closest passage of the source, so the author sees at once
whether it is a typo, a paraphrase or a quote from somewhere else.

This module is pure: no files, no terminal, no Textual or Rich.
"""

from __future__ import annotations

import heapq
import re
from difflib import SequenceMatcher
from typing import NamedTuple

from quiz.model.text import clean_line, clean_text, normalise_quote

_ELLIPSIS = re.compile(r"\s*(?:\.{3,}|\u2026)\s*")
_NOT_WORD = re.compile(r"\W+")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_ABBREVIATION = re.compile(
    r"^(?:[A-Za-z]\.){2,}$|^(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|St|Jr|Sr|"
    r"No|vs|etc|Inc|Ltd|Co)\.$"
)
# How many of the sentences sharing most words with a quote are aligned with
# it word by word; each is widened by one sentence either side, so a quote
# that straddles a sentence boundary is still matched as a whole.
_CANDIDATES = 3
# A "sentence" is cut after this many words, so a source without punctuation
# cannot turn the word-by-word alignment into one enormous table.
_LONGEST = 60
# The longest closest passage shown; a report line should stay readable.
_SHOWN = 300
# How many unchanged words are kept on each side of a change when it is marked.
_CONTEXT = 3


class Lookup(NamedTuple):
    """The result of looking one quote up.

    Attributes:
        found: Whether every part of the quote is in the source, in order.
        missing: The part that was not found, as written ("" when found).
        elided: The quote has parts, left apart by an ellipsis.
        out_of_order: The missing part is in the source, but only before
            the part that precedes it in the quote.
        closest: The source passage most like the missing part, or "" when
            nothing in the source comes close.
        changes: The missing part with the words the source changes marked
            as a word diff (``We lost {+about+} 4,000``), or "".
    """

    found: bool
    missing: str = ""
    elided: bool = False
    out_of_order: bool = False
    closest: str = ""
    changes: str = ""


class SourceText:
    """A source text, prepared for looking up many quotes quickly."""

    def __init__(self, text: str) -> None:
        """Normalise the text once and index its words and sentences.

        Args:
            text: The whole source, as the author saved it.
        """
        self.normalised = normalise_quote(clean_text(text))
        self._words: list[str] = []
        self._keys: list[str] = []
        self._sentences: list[tuple[int, int]] = []
        for line in text.splitlines():
            start = len(self._words)
            cleaned = clean_line(line)
            # clean_line leaves single spaces only and normalise_quote adds
            # none, so the two splits pair each word with its folded form.
            tokens = cleaned.split()
            for position, folded in enumerate(normalise_quote(cleaned).split()):
                key = _NOT_WORD.sub("", folded)
                if key:
                    self._words.append(tokens[position])
                    self._keys.append(key)
                following = tokens[position + 1] if position + 1 < len(tokens) else ""
                length = len(self._words) - start
                if length >= _LONGEST or (length and _ends_sentence(tokens[position], following)):
                    self._sentences.append((start, len(self._words)))
                    start = len(self._words)
            if len(self._words) > start:
                self._sentences.append((start, len(self._words)))
        self._sentence_keys = [set(self._keys[a:b]) for a, b in self._sentences]

    def lookup(self, quote: str, *, closest: bool = True) -> Lookup:
        """Look a quote up.

        Args:
            quote: The evidence text, possibly eliding with ``...`` or ``…``.
            closest: Whether to search for the closest passage when not found.

        Returns:
            Whether it was found and, if not, which part is missing and the
            passage of the source that comes closest to it.
        """
        parts = _parts(quote)
        if not parts:
            return Lookup(found=False)
        position = 0
        for written, part in parts:
            end = self._find(part, position)
            if end < 0:
                elsewhere = position > 0 and self._find(part, 0) >= 0
                stretch = self._stretch(written) if closest and not elsewhere else None
                return Lookup(
                    False,
                    missing=written,
                    elided=len(parts) > 1,
                    out_of_order=elsewhere,
                    closest=self._passage(*stretch) if stretch else "",
                    changes=self._changes(written, *stretch) if stretch else "",
                )
            position = end
        return Lookup(found=True)

    def _find(self, part: str, start: int) -> int:
        """Where the first occurrence of a normalised part at or after ``start`` ends, or -1."""
        found = find_part(self.normalised, part, start)
        return -1 if found is None else found[1]

    def contains(self, quote: str) -> bool:
        """Whether a quote is in the source (see :meth:`lookup`)."""
        return self.lookup(quote, closest=False).found

    def closest(self, quote: str) -> str:
        """Return the passage of the source most like a quote.

        The sentences sharing the most distinct words with the quote are
        candidates; within each (and its neighbours) the quote is aligned word
        by word, allowing words to be changed, added or left out, and the
        stretch of source with the fewest edits wins. Comparing words rather
        than characters finds a paraphrase's sentence, not a random short one.

        Args:
            quote: The text to compare, normalised or not.

        Returns:
            The passage as the source words it, on one line and at most a few
            hundred characters, or "" when it shares less than half the
            quote's letters (counted by whole words, so "the" and "is" alone
            do not make a passage close).
        """
        stretch = self._stretch(quote)
        return "" if stretch is None else self._passage(*stretch)

    def _stretch(self, quote: str) -> tuple[int, int] | None:
        """Where in the source's words the stretch most like a quote is, if one comes close."""
        wanted = [key for key in map(_key, quote.split()) if key]
        if not wanted or not self._sentences:
            return None
        words = set(wanted)
        ranked = heapq.nsmallest(
            _CANDIDATES,
            range(len(self._sentences)),
            key=lambda index: (-len(words & self._sentence_keys[index]), index),
        )
        best: tuple[int, int, int, int] | None = None
        for index in ranked:
            low = self._sentences[max(index - 1, 0)][0]
            high = self._sentences[min(index + 1, len(self._sentences) - 1)][1]
            cost, start, end = _align(wanted, self._keys, low, high)
            candidate = (cost, end - start, start, end)
            if best is None or candidate < best:
                best = candidate
        if best is None or not _close_enough(wanted, self._keys[best[2] : best[3]]):
            return None
        return best[2], best[3]

    def _changes(self, quote: str, start: int, end: int) -> str:
        """A quote's words against the source's, changes marked as ``[-quote-]{+source+}``.

        Runs of more than a few unchanged words are elided, so the marks stand out.
        """
        pairs = [(word, key) for word in quote.split() if (key := _key(word))]
        wanted = [key for _, key in pairs]
        matcher = SequenceMatcher(None, wanted, self._keys[start:end], autojunk=False)
        # The stretch found ends at the last word that matched: a quote whose first or
        # last words were changed ("on Sunday" for "on Saturday") is set against as
        # many of the source's words beyond it, so the marks show both sides.
        codes = matcher.get_opcodes()
        if codes and codes[0][0] == "delete" and start > 0:
            start = max(0, start - (codes[0][2] - codes[0][1]))
        if codes and codes[-1][0] == "delete" and end < len(self._keys):
            end = min(len(self._keys), end + (codes[-1][2] - codes[-1][1]))
        matcher = SequenceMatcher(None, wanted, self._keys[start:end], autojunk=False)
        pieces: list[str] = []
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag == "equal":
                same = self._words[start + b1 : start + b2]
                if len(same) > 2 * _CONTEXT + 1:
                    head = same[:_CONTEXT] if pieces else []
                    tail = same[-_CONTEXT:] if b2 < end - start else []
                    same = [*head, "\u2026", *tail] if head or tail else ["\u2026"]
                pieces.extend(same)
                continue
            removed = " ".join(word for word, _ in pairs[a1:a2])
            added = " ".join(self._words[start + b1 : start + b2])
            pieces.append(
                (f"[-{removed}-]" if removed else "") + (f"{{+{added}+}}" if added else "")
            )
        return _shorten(" ".join(pieces).strip(" \u2026"))

    def _passage(self, start: int, end: int) -> str:
        """The sentences around a matched stretch, or the stretch alone if they are too long.

        Whole sentences are what an author copies a quote from, so they are
        shown when they fit in a few hundred characters.
        """
        first = max(a for a, _ in self._sentences if a <= start)
        last = min(b for _, b in self._sentences if b >= end)
        whole = " ".join(self._words[first:last])
        if len(whole) <= _SHOWN:
            return whole
        return _shorten(" ".join(self._words[start:end]))


def find_part(text: str, part: str, start: int = 0) -> tuple[int, int] | None:
    """Find a normalised part in normalised text on word boundaries.

    So ``ran`` is not found in ``Iran``: where the part begins or ends with a
    letter or digit, the text must not go on with one there.

    Args:
        text: Text folded by :func:`~quiz.model.text.normalise_quote`.
        part: A piece of a quote, folded the same way.
        start: Where to start looking.

    Returns:
        Where the first occurrence at or after ``start`` begins and ends, or None.
    """
    check_before, check_after = part[0].isalnum(), part[-1].isalnum()
    index = text.find(part, start)
    while index >= 0:
        end = index + len(part)
        before_ok = not (check_before and index > 0 and _is_word(text[index - 1]))
        after_ok = not (check_after and end < len(text) and _is_word(text[end]))
        if before_ok and after_ok:
            return index, end
        index = text.find(part, index + 1)
    return None


def quote_parts(quote: str) -> list[str]:
    """The pieces of a quote between ellipses, normalised, without empty ones."""
    return [folded for _, folded in _parts(quote)]


def _parts(quote: str) -> list[tuple[str, str]]:
    """The pieces of a quote between ellipses, as written and normalised, without empty ones."""
    pieces = [(clean_line(piece), normalise_quote(piece)) for piece in _ELLIPSIS.split(quote)]
    return [(piece, folded) for piece, folded in pieces if _key(folded)]


def _key(token: str) -> str:
    """The comparable form of a word: normalised, without punctuation."""
    return _NOT_WORD.sub("", normalise_quote(token))


def _close_enough(wanted: list[str], passage: list[str]) -> bool:
    """Whether the words a passage shares with a quote, in order, hold half its letters."""
    blocks = SequenceMatcher(None, wanted, passage, autojunk=False).get_matching_blocks()
    shared = sum(len(word) for a, _, size in blocks for word in wanted[a : a + size])
    return shared * 2 >= sum(map(len, wanted))


def _ends_sentence(token: str, following: str) -> bool:
    if not _SENTENCE_END.search(token) or _ABBREVIATION.match(token):
        return False
    return not following or not following[0].islower()


def _align(wanted: list[str], keys: list[str], low: int, high: int) -> tuple[int, int, int]:
    """Align a quote with the best stretch of ``keys[low:high]``, word by word.

    This is the edit distance with a free start and end in the source
    (Sellers' algorithm): each cell keeps the cost and where its stretch began.

    Returns:
        The number of edits, and the stretch's start and end in ``keys``.
    """
    size = len(wanted)
    cost = list(range(size + 1))
    began = [low] * (size + 1)
    best = (cost[size], low, low)
    for column in range(low, high):
        word = keys[column]
        new_cost = [0] * (size + 1)
        new_began = [column + 1] * (size + 1)
        for row in range(1, size + 1):
            value = cost[row - 1] + (wanted[row - 1] != word)
            start = began[row - 1]
            if new_cost[row - 1] + 1 < value:
                value, start = new_cost[row - 1] + 1, new_began[row - 1]
            if cost[row] + 1 < value:
                value, start = cost[row] + 1, began[row]
            new_cost[row], new_began[row] = value, start
        if new_cost[size] < best[0]:
            best = (new_cost[size], new_began[size], column + 1)
        cost, began = new_cost, new_began
    return best


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


def _shorten(passage: str) -> str:
    if len(passage) <= _SHOWN:
        return passage
    cut = passage.rfind(" ", 0, _SHOWN - 1)
    return passage[: cut if cut > 0 else _SHOWN - 1].rstrip() + " \u2026"
