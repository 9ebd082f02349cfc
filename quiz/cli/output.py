"""Printing for the commands: plain lines for messages (tables are :mod:`quiz.report_tables`).

Every line passes through :func:`~quiz.model.text.clean_text`, so a file name
or pack text holding terminal escapes cannot reach the terminal, after
:func:`~quiz.store.paths.printable`, so a file name that is not UTF-8 is shown
with U+FFFD for its bad bytes rather than with them left out. Messages
are plain ``print`` calls, never Rich markup, so brackets in pack text are
shown as written.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from quiz.model.text import clean_text
from quiz.store.paths import printable

if TYPE_CHECKING:
    from quiz.model.pack import Pack, Problem


def say(text: str) -> None:
    """Print a result line on standard output."""
    print(clean_text(printable(text)), file=sys.stdout)


def warn(text: str) -> None:
    """Print a refusal, failure or notice on standard error."""
    print(clean_text(printable(text)), file=sys.stderr)


def problems(found: Iterable[Problem], *, error: bool = False) -> int:
    """Print problems one per line, compiler style (``FILE:LINE: ...``).

    Args:
        found: The problems.
        error: Print to standard error instead of standard output.

    Returns:
        How many were printed.
    """
    count = 0
    for problem in found:
        (warn if error else say)(str(problem))
        count += 1
    return count


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 question``, ``2 questions``."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def describe(pack: Pack) -> str:
    """A pack as a report names it: ``'id' (N questions)``."""
    return f"'{pack.id}' ({plural(len(pack.questions), 'question')})"
