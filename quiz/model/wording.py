"""How figures and quotes read in sentences: units that agree with their number, quotes
marked once.

Pack authors write a number question's unit once, in the plural (``countries``),
and the answer as a bare number; the player may type ``1``. These rules make
``1 country``, ``2007`` (a year names itself), and ``1,600`` when the source
writes it that way. Plain text, no Textual, no Rich.
"""

from __future__ import annotations

import re

_MULTIPLIERS = frozenset(("dozen", "hundred", "thousand", "million", "billion", "trillion"))
_WHOLE = re.compile(r"-?\d+")
_SIBILANT_PLURAL = re.compile(r"(?:ch|sh|ss|x|z)es$")
_DOUBLE_QUOTES = '"\u201c\u201d'


def singular(unit: str) -> str:
    """The singular of a unit written in the plural: ``countries`` -> ``country``.

    Only the last word changes (``U.S. forces`` -> ``U.S. force``). A unit with a
    multiplier (``million dollars``) stays as it is: ``1 million dollars``.
    """
    head, _, last = unit.rpartition(" ")
    if not last or any(word.lower() in _MULTIPLIERS for word in unit.split()):
        return unit
    lower = last.lower()
    if lower.endswith("ies") and len(last) > 3:
        last = last[:-3] + ("Y" if last.isupper() else "y")
    elif _SIBILANT_PLURAL.search(lower):
        last = last[:-2]
    elif lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        last = last[:-1]
    return f"{head} {last}" if head else last


def quantity(number: str, unit: str) -> str:
    """A number with its unit, as a sentence would say it.

    ``1`` takes the singular (``1 country``); a unit of ``year`` after any other
    number is a calendar year, which needs no unit (``2007``, not ``2007 year``).

    Args:
        number: The number as written or typed (``1,600``, ``7``, ``2.5``).
        unit: The unit from the pack, possibly empty.
    """
    unit = unit.strip()
    number = number.strip()
    one = number.lstrip("+-") == "1"
    if not unit or (unit.lower() == "year" and not one):
        return number
    return f"{number} {singular(unit) if one else unit}"


def as_in_source(number: str, quotes: tuple[str, ...]) -> str:
    """A whole number written with thousands separators when the quotes write it so.

    ``1600`` becomes ``1,600`` when the evidence says ``1,600``; a year (``2007``)
    never appears as ``2,007`` and so stays as it is.
    """
    if not _WHOLE.fullmatch(number) or abs(int(number)) < 1000:
        return number
    grouped = f"{int(number):,}"
    return grouped if any(grouped in quote for quote in quotes) else number


def quoted(quote: str) -> str:
    """A quote inside curly double quotation marks, its own double quotes made single.

    A quote that begins with a quotation (``"They are not going after Americans,"
    one official said``) would otherwise open with two marks.
    """
    opening = True
    chars = []
    for char in quote.strip():
        if char in _DOUBLE_QUOTES:
            if char != '"':
                opening = char == "\u201c"
            chars.append("\u2018" if opening else "\u2019")
            opening = not opening
        else:
            chars.append(char)
    return "\u201c" + "".join(chars) + "\u201d"
