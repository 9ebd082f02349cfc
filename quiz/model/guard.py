"""Cheap checks that run before ``tomllib`` sees an untrusted file.

``tomllib`` takes seconds on a small file holding one key of thousands of
dotted parts, and recurses once per nesting level. These two patterns refuse
such files in linear time, with the line where the trouble starts; deeper
nesting that slips past them still ends as a located error, because the
loader also catches ``RecursionError``.
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

# A part starts only where no bare-key character precedes it, and the
# quantifiers are possessive: without both, a long run of letters costs time
# quadratic in its length, which is the slowness this module exists to stop.
_DOTTED = re.compile(
    r"""(?<![A-Za-z0-9_-])"""
    r"""(?:(?:[A-Za-z0-9_-]++|"[^"\n]{0,200}"|'[^'\n]{0,200}')[ \t]*+\.[ \t]*+)"""
    rf"""{{{MAX_DOTTED_PARTS},}}"""
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


def check_shape(text: str) -> None:
    """Refuse pathological TOML before parsing it.

    Args:
        text: The decoded file.

    Raises:
        GuardError: Too much structure to parse quickly, a dotted key with too many
            parts, or nesting too deep.
    """
    cost = sum(text.count(character) * weight for character, weight in COST_WEIGHTS.items())
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
    match = _NESTED.search(text)
    if match is not None:
        raise GuardError(
            f"arrays or tables are nested more than {MAX_NESTING} deep",
            text.count("\n", 0, match.start()) + 1,
        )
