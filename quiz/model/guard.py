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

# What parsing costs, in units of about half a microsecond of ``tomllib`` time on
# a 2-core machine, per character that starts a piece of TOML structure. Counted
# with ``str.count`` (milliseconds for megabytes), the sum bounds the parse time
# of any file, however it is shaped: a realistic 10,000-question pack costs about
# 1.6 million units, while 4 MiB of one-line keys, of tiny array items or of
# dotted keys would cost 4 to 9 million and take 2 to 5 seconds to parse.
COST_WEIGHTS = {"\n": 2, "=": 8, ",": 4, ".": 8, "[": 5, "{": 3}
MAX_COST = 2_000_000
_BYTE_WEIGHTS = [(ord(character), weight) for character, weight in COST_WEIGHTS.items()]
_NOT_STRUCTURE = bytes(sorted(set(range(256)) - {ord(character) for character in COST_WEIGHTS}))

# The pattern starts at a literal dot, so the regex engine jumps from dot to dot
# instead of trying every position (30 times faster on a 1 MB pack), and its
# quantifiers are possessive, so a long run of letters or dots stays linear.
# A key of more than MAX_DOTTED_PARTS parts has at least that many dots in a row.
_DOTTED = re.compile(
    r"""\.(?:[ \t]*+(?:[A-Za-z0-9_-]++|"[^"\n]{0,200}"|'[^'\n]{0,200}')[ \t]*+\.)"""
    rf"""{{{MAX_DOTTED_PARTS - 1},}}"""
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


def check_shape(text: str, encoded: bytes | None = None) -> None:
    """Refuse pathological TOML before parsing it.

    Args:
        text: The decoded file.
        encoded: The same text as UTF-8 bytes, when the caller has them: the
            structure is counted on the bytes, where it is quicker (no byte of a
            multi-byte UTF-8 character is ASCII, so the counts are the same).

    Raises:
        GuardError: Too much structure to parse quickly, or a dotted key with too
            many parts.
    """
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    # Deleting every other byte first (one pass in C) leaves a short string to count in.
    skeleton = encoded.translate(None, _NOT_STRUCTURE)
    cost = sum(skeleton.count(character) * weight for character, weight in _BYTE_WEIGHTS)
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

