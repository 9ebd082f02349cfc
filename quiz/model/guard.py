"""Cheap checks that run before ``tomllib`` sees an untrusted file.

``tomllib`` takes seconds on a small file holding one key of thousands of
dotted parts, and its time grows with the amount of structure in a file. A
cost count and one pattern refuse such files in linear time, with the line
where the trouble starts. ``tomllib`` also recurses once per nesting level:
the loader catches ``RecursionError`` and :func:`nesting_line` says where.
"""

from __future__ import annotations

import re

MAX_DOTTED_PARTS = 8
MAX_NESTING = 32

# What each character that starts a piece of TOML structure costs ``tomllib``,
# relative to the others. The sum bounds the parse time of any file, however it
# is shaped: a realistic pack of MAX_QUESTIONS questions stays under MAX_COST,
# while a file of the same size made of one-line keys, tiny array items or
# dotted keys costs several times as much.
COST_WEIGHTS = {"\n": 2, "=": 8, ",": 4, ".": 8, "[": 5, "{": 3}
MAX_COST = 2_000_000
# Every byte but those of the characters that cost. They are ASCII, and in UTF-8
# no other character's bytes include an ASCII byte, so the file's bytes hold
# them exactly as often as its text does.
_FREE_BYTES = bytes(set(range(256)) - {ord(character) for character in COST_WEIGHTS})

# A key of more than MAX_DOTTED_PARTS parts has at least that many dots in a row.
# The quantifiers are possessive, so a long run of letters or dots stays linear.
# A part can be matched in only one way (its first character says which), so
# nothing is lost by never backtracking into a part or into the run of parts,
# and the many dots that end sentences in a pack's texts are passed over sooner.
_DOTTED = re.compile(
    r"""\.(?:[ \t]*+(?:[A-Za-z0-9_-]++|"[^"\n]{0,200}+"|'[^'\n]{0,200}+')[ \t]*+\.)"""
    rf"""{{{MAX_DOTTED_PARTS - 1},}}+"""
)
_NESTED = re.compile(rf"[\[{{](?:\s*+[\[{{]){{{MAX_NESTING},}}")


class GuardError(Exception):
    """A file shaped to make the TOML parser slow or crash."""

    def __init__(self, message: str, line: int) -> None:
        """Create the error.

        Args:
            message: What is wrong.
            line: The 1-based line where it starts.
        """
        super().__init__(message)
        self.message = message
        self.line = line


def nesting_line(text: str) -> int | None:
    """The line where arrays or tables start nesting more than MAX_NESTING deep, if any.

    Deep nesting only costs ``tomllib`` recursion, which the loader catches, so
    this runs after a ``RecursionError`` to say where, not on every file.
    """
    match = _NESTED.search(text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def parse_cost(data: bytes) -> int:
    """What a file costs ``tomllib`` to parse, in the units of :data:`MAX_COST`.

    Args:
        data: The file in UTF-8.
    """
    # One pass keeps the characters that cost, a tenth of a pack or less; counting
    # each kind in those is quicker than counting each kind in the whole file.
    structure = data.translate(None, _FREE_BYTES)
    return sum(structure.count(ord(char)) * weight for char, weight in COST_WEIGHTS.items())


def check_shape(text: str, data: bytes | None = None) -> None:
    """Refuse pathological TOML before parsing it.

    Args:
        text: The decoded file.
        data: The file's bytes, of which ``text`` is the decoding, when at hand;
            without them the text is encoded to count its structure.

    Raises:
        GuardError: Too much structure to parse quickly, or a dotted key with too
            many parts.
    """
    cost = parse_cost(text.encode("utf-8", "surrogatepass") if data is None else data)
    if cost > MAX_COST:
        raise GuardError(
            f"is too complex to load safely ({cost:,} parse units, at most {MAX_COST:,}): "
            "split it into smaller packs",
            1,
        )
    match = _DOTTED.search(text)
    if match is not None:
        raise GuardError(
            f"a dotted key has more than {MAX_DOTTED_PARTS} parts",
            text.count("\n", 0, match.start()) + 1,
        )
