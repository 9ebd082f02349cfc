"""Cleaning untrusted text before it can reach a terminal.

Pack files come from anyone. A string holding ESC, OSC, C1 controls, NUL or a
bidi override could retitle the window, clear the screen or reorder what the
player reads, so every string taken from a pack passes through
:func:`clean_text` (or :func:`clean_line`) once, when the pack is loaded.
"""

from __future__ import annotations

import re
from datetime import date

# C0 controls except tab (\x09) and newline (\x0a), DEL, the C1 block, the
# Unicode bidi controls (embeddings, overrides, isolates, and the marks LRM, RLM
# and ALM, which reorder text as surely), and the line/paragraph separators
# (terminals treat them inconsistently).
_UNSAFE = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"\s+")


_UNSAFE_PATTERN = re.compile(_UNSAFE)


def clean_text(text: str) -> str:
    """Remove every control character except newline and tab.

    Args:
        text: Untrusted text, possibly spanning several lines.

    Returns:
        The text with unsafe characters removed and ``\\r\\n`` folded to ``\\n``.
    """
    if text.isprintable():
        # No control, format or separator character at all: the common case, in C.
        return text
    text = _UNSAFE_PATTERN.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    # Lone surrogates (a name decoded from bytes that were not UTF-8) cannot even be
    # written to a UTF-8 file. They are the only code points UTF-8 cannot encode, so
    # the encoder drops exactly them: in the character class above, their 2,048 code
    # points would make Python's regex compiler build a large table at every start.
    return text.encode("utf-8", "ignore").decode("utf-8")


def clean_line(text: str) -> str:
    """Clean text meant for one line: controls removed, whitespace folded.

    Args:
        text: Untrusted text such as a title, a choice or an id.

    Returns:
        The cleaned text on one line, without leading or trailing spaces.
    """
    if text.isprintable() and "  " not in text and text.strip() == text:
        return text
    return _SPACES.sub(" ", clean_text(text)).strip()


MAX_PLAYER_NAME = 32


def clean_player(name: str) -> str:
    """A player's name as kept and shown: one clean line of at most 32 characters.

    Names come from the command line, the name dialog and files on disk; all
    go through here.
    """
    return clean_line(name)[:MAX_PLAYER_NAME].strip()


_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2026": "...",
        # Lower-casing a whole word turns a final capital sigma into the final form
        # and a lone letter does not; folding both to one form keeps the two equal.
        "\u03c2": "\u03c3",
    }
)
"""Typographic quotes, dashes, the no-break space and the ellipsis as typed on a keyboard."""


def normalise_quote(text: str) -> str:
    """Fold typographic quotes, dashes, whitespace and case for comparing quotes.

    Args:
        text: A quote or a source text.

    Returns:
        Lower-cased text with straight quotes, hyphens and single spaces.
    """
    return _SPACES.sub(" ", text.lower().translate(_FOLD)).strip()


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold text as :func:`normalise_quote` does, keeping where each character came from.

    Args:
        text: A source text.

    Returns:
        The folded text, equal to ``normalise_quote(text)``, and for each of
        its characters the index in ``text`` of the character it was folded from.
    """
    folded: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text):
        if character.isspace():
            if folded and folded[-1] != " ":
                folded.append(" ")
                origin.append(index)
            continue
        for piece in character.lower().translate(_FOLD):
            if piece.isspace():  # the no-break space
                if folded and folded[-1] != " ":
                    folded.append(" ")
                    origin.append(index)
                continue
            folded.append(piece)
            origin.append(index)
    if folded and folded[-1] == " ":
        folded.pop()
        origin.pop()
    return "".join(folded), origin


def long_date(day: date) -> str:
    """A day as people write it, ``25 September 2014``, the same in every locale."""
    months = (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )
    return f"{day.day} {months[day.month - 1]} {day.year}"


def duration(seconds: float) -> str:
    """A time taken, as every view words it: ``42 s``, ``3 min 05 s``, ``1 h 02 min``."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
