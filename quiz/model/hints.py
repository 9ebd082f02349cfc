"""Hints for pack authors: what they probably meant when a field or a string is wrong.

The validator and the TOML reader say *what* is wrong; these functions add
the likely fix, so that ``explaination`` points at ``explanation``, an
answer that is not one of the choices names the nearest one, a string cut
short by a ``"`` says how to write one, and one between curly quotes says to
use straight ones. Each returns text to append to a message, or "" when there
is nothing useful to add.
"""

from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher, get_close_matches

from quiz.model.text import clean_line

_SHOWN = 40
"""How much of the author's text a hint repeats."""


def did_you_mean(key: str, known: Iterable[str], value: object = None) -> str:
    """Suggest the known field name closest to a misspelt one.

    Args:
        key: The unknown field name.
        known: The names allowed where it is.
        value: Its value: an array of tables or a table is suggested as the
            header an author writes (``[[questions]]``, ``[pack]``).

    Returns:
        ``"; did you mean 'explanation'?"``, or "" when no name is close.
    """
    match = get_close_matches(key.lower(), sorted(known), n=1, cutoff=0.7)
    if not match:
        return ""
    name = match[0]
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return f"; did you mean [[{name}]]?"
    if isinstance(value, dict):
        return f"; did you mean [{name}]?"
    return f"; did you mean '{name}'?"


def nearest_choice(answer: str, choices: Iterable[str]) -> str:
    """Name the choice most like an answer that is not one of them.

    Returns:
        ``"; the nearest choice is 'Wired'"``, or "" when there are no choices.
    """
    options = list(choices)
    if not options:
        return ""

    def likeness(choice: str) -> float:
        return SequenceMatcher(None, answer.lower(), choice.lower()).ratio()

    best = max(options, key=likeness)
    return f"; the nearest choice is {_short(best)!r} (answer must be its text exactly)"


def as_list(key: str, value: object) -> str:
    """Show how to write a single string as the list a field needs.

    Returns:
        ``'; write it as a list: evidence = ["The library …"]'`` for a string, else "".
    """
    if not isinstance(value, str):
        return ""
    return f'; write it as a list: {key} = ["{_short(value)}"]'


def broken_string(line: str, column: int) -> str:
    """Explain a TOML syntax error caused by a ``"`` that ends a string too early.

    ``tomllib`` reports such an error just after the stray quote, where it
    expected the line (or the array item) to end.

    Args:
        line: The line the error is on.
        column: The 1-based column ``tomllib`` gives.

    Returns:
        A hint to escape the quote or use single quotes, or "" when the error
        is not after a ``"`` closing a basic string.
    """
    index = column - 1
    if not 2 <= index <= len(line) or line[index : index + 1] in ("", ",", "]", " ", "#"):
        return ""
    # In an array, tomllib skips the spaces after the string before it complains.
    end = len(line[:index].rstrip(" \t"))
    if line[end - 1 : end] != '"' or line.count('"', 0, end) < 2:
        return ""
    if end < index and line[index] in "\"'":
        return ""  # two strings apart, as a comma left out of an array leaves them
    return (
        '; a " inside a string ends it: write it as \\" or put the whole string in '
        "single quotes ('She said \"no\".')"
    )


_TYPOGRAPHIC_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u201a"
"""The quotes a word processor types: “ ” ‘ ’ „ ‚."""


def typographic_quote(line: str, column: int) -> str:
    """Explain a TOML syntax error at a typographic quote, as pasted from a word processor.

    ``tomllib`` reports ``prompt = “Who said …”`` as an invalid value at
    the opening quote.

    Args:
        line: The line the error is on.
        column: The 1-based column ``tomllib`` gives.

    Returns:
        A hint to use straight quotes, or "" when the error is not at a
        typographic quote.
    """
    quote = line[column - 1 : column] if column >= 1 else ""
    if not quote or quote not in _TYPOGRAPHIC_QUOTES:
        return ""
    return (
        f'; {quote} is a typographic quote: a string starts and ends with a straight " '
        '("like this"); curly quotes are fine inside it'
    )


def typographic_end(line: str) -> str:
    """Explain a TOML syntax error on a line that holds a typographic quote, where a
    string opened with a straight ``"`` was closed with a curly one.

    ``tomllib`` reports ``prompt = "Who said it”`` at the end of the line (the
    string never ends) and ``evidence = ["a”, "b"]`` as an array left open: not
    at the quote, which :func:`typographic_quote` looks at.

    Args:
        line: The line the error is on.

    Returns:
        A hint naming the last typographic quote on the line, or "" when it has none.
    """
    quotes = [character for character in line if character in _TYPOGRAPHIC_QUOTES]
    if not quotes:
        return ""
    return (
        f'; if {quotes[-1]} was meant to end a string, type a straight " instead: '
        "curly quotes are fine only inside one"
    )


def _short(text: str) -> str:
    cleaned = clean_line(text)
    return cleaned if len(cleaned) <= _SHOWN else cleaned[: _SHOWN - 1].rstrip() + "\u2026"
