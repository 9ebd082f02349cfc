"""Words as the gameability rules compare them: tokens, stems, and the words that never count.

A text is folded as quotes are (:func:`~quiz.model.text.normalise_quote`) and
cut into words and numbers. A word is compared by its stem, so "works" and
"working" are one word and "Iran's" is "iran"; a number by its value, so
"1,600" and "1600" are one number, and "three" is 3. Common English words,
the words that frame a claim ("according to the article") and the verdict
labels are never distinctive.

This module is pure: no files, no terminal, no Textual or Rich.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from quiz.model.pack import format_number
from quiz.model.text import normalise_quote

_TOKEN = re.compile(
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?P<word>[^\W\d_]+(?:[.'][^\W\d_]+)*)"
)


def word_set(text: str) -> frozenset[str]:
    """The words of a list written as one string, for lists too long to quote one by one."""
    return frozenset(text.split())


_STOP = word_set(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself
    according article articles report reports reported story text source says say said tell
    tells told states stated state describe describes described presents present claim claims
    claimed mention mentions mentioned name names named write writes wrote
    give first many much one
    supported contradicted stated true false
    """
)
"""Common words, the words that frame a claim, and the verdict labels: never distinctive."""
_NEGATIONS = word_set(
    "not no never none nobody nothing neither nor without cannot n't didn't doesn't don't "
    "isn't wasn't weren't aren't won't hasn't haven't hadn't"
)
_COUNTING = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
_NUMBER_WORDS = {word: value for value, word in enumerate(_COUNTING.split())}
_FIGURE_WORDS = (_NUMBER_WORDS.keys() - {"zero", "one"}) | word_set(
    "dozen dozens hundred hundreds thousand thousands million millions billion billions"
)
"""Words that state a figure ("one" is left out: it is a pronoun as often)."""


class Token(NamedTuple):
    """A word or number of a text.

    Attributes:
        key: The comparable form: a stem, or a number's value as
            :func:`~quiz.model.pack.format_number` writes it.
        start: Where it begins in the folded text.
        end: Where it ends in the folded text.
        number: Its value, for a number or a number word up to twenty.
    """

    key: str
    start: int
    end: int
    number: float | None = None


def tokenise(text: str) -> list[Token]:
    """The words and numbers of a text, each with its place and comparable key."""
    folded = normalise_quote(text)
    # Offsets are into the folded text; original_words maps them back to the author's words.
    tokens = []
    for match in _TOKEN.finditer(folded):
        if match.group("number") is not None:
            value = float(match.group("number").replace(",", ""))
            tokens.append(Token(format_number(value), match.start(), match.end(), value))
        else:
            word = match.group("word")
            value_word = _NUMBER_WORDS.get(word)
            key = stem(word)
            tokens.append(Token(key, match.start(), match.end(), value_word))
    return tokens


def stem(word: str) -> str:
    """A word without a possessive and common endings: "works" and "working" are one."""
    word = word.removesuffix("'s").replace("'", "")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for ending in ("ing", "ed", "ly"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            word = word[: -len(ending)]
            break
    return word.removesuffix("e") if len(word) > 4 else word


STOP_STEMS = frozenset(stem(word) for word in _STOP)
FIGURE_STEMS = frozenset(stem(word) for word in _FIGURE_WORDS)
NEGATION_STEMS = frozenset(stem(word.replace("n't", "nt")) for word in _NEGATIONS)


def stems(text: str) -> set[str]:
    """The keys of every token of a text."""
    return {token.key for token in tokenise(text)}


def is_content(token: Token) -> bool:
    """Whether a token can carry meaning: not a common word, a framing word or a label."""
    return token.key not in STOP_STEMS


def is_figure(token: Token) -> bool:
    """Whether a token states a figure: a number, or a word such as "three" or "hundreds"."""
    if token.number is not None and token.key.replace(".", "").isdigit():
        return True
    return token.key in FIGURE_STEMS


def find_run(keys: tuple[str, ...], tokens: list[Token]) -> int:
    """Where a run of keys starts in a list of tokens, or -1."""
    size = len(keys)
    for start in range(len(tokens) - size + 1):
        if all(tokens[start + i].key == keys[i] for i in range(size)):
            return start
    return -1


def original_words(text: str, folded: str, start: int, end: int) -> str:
    """The stretch of the author's text that a stretch of its folded form came from."""
    # Folding keeps every word and single spaces; count words to map back.
    words_before = len(folded[:start].split())
    if start > 0 and not folded[start - 1].isspace():
        words_before -= 1  # the token starts inside a word, after a bracket or quote
    words_in = len(folded[start:end].split())
    original = " ".join(text.split()).translate({0x2026: "..."})
    pieces = original.split(" ")
    shown = " ".join(pieces[words_before : words_before + words_in])
    return shown.strip(",.;:!?\"'()\u201c\u201d\u2018\u2019") or folded[start:end]


def content_keys(text: str) -> list[str]:
    """The keys of a text's tokens that can carry meaning, in order."""
    return [t.key for t in tokenise(text) if is_content(t)]
