"""Question packs: the records a validated pack is made of, and the limits it keeps to.

A :class:`Pack` only ever comes from :func:`quiz.model.validate.parse_pack`,
which either returns one whose every string is safe to show or raises
:class:`PackError` listing every problem, each located by file, line,
question and field. This module reads no file: :mod:`quiz.store.packs` does.

The records are named tuples and one slotted class rather than dataclasses:
``quiz check`` imports this module, and ``dataclasses`` (with ``inspect``
behind it) would add a fifth to that command's start.
"""

from __future__ import annotations

import datetime
import math
import re
from pathlib import Path
from typing import NamedTuple

from quiz.model.text import clean_line
from quiz.model.verdicts import VERDICT_LABELS
from quiz.model.wording import as_in_source, quantity

FORMAT = 1
KINDS = ("verdict", "choice", "number")
SHUFFLED, WRITTEN = "shuffled", "written"
ORDERS = (SHUFFLED, WRITTEN)
"""A pack's ``order``: each round draws its own order (the default), or asks in file order."""

MAX_PACK_BYTES = 4 * 1024 * 1024
MAX_QUESTIONS = 10_000
MAX_CHOICES = 6
MAX_EVIDENCE = 10
MAX_TAGS = 10
MAX_PROBLEMS = 100
LIMITS = {
    "id": 64,
    "title": 200,
    "description": 1_000,
    "publisher": 200,
    "url": 500,
    "prompt": 500,
    "choice": 200,
    "unit": 30,
    "evidence": 1_000,
    "explanation": 2_000,
    "tag": 32,
    "text": 200,
}

SLUG = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z: "$" would allow a final newline

_WHOLE_DIGITS_UP_TO = 1e15
"""Whole numbers below this are shown digit by digit; a float holds them exactly."""
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


class Problem(NamedTuple):
    """One thing wrong with a pack file.

    Attributes:
        file: The file name as the author gave it.
        message: What is wrong, in words.
        line: The 1-based line it was found on, when known.
        question: The question's id, or ``#N`` for the N-th question without one.
        field: The field, such as ``answer`` or ``evidence[2]``.
    """

    file: str
    message: str
    line: int | None = None
    question: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.question is not None:
            label = self.question if self.question.startswith("#") else f"'{self.question}'"
            parts.append(f"question {label}")
        if self.field is not None:
            parts.append(self.field)
        parts.append(self.message)
        # The file name comes from the file system, which allows control characters.
        return clean_line(": ".join(parts))


class PackError(Exception):
    """A pack file that cannot be used, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        """Create the error.

        Args:
            problems: At least one problem, in file order.
        """
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class Source(NamedTuple):
    """What a pack's questions are checked against.

    Attributes:
        title: The article's headline.
        publisher: Who published it, possibly empty.
        url: Where to read it, shown as text only.
        text: The file name of the article's plain text, beside the pack file.
        date: The day it was published.
    """

    title: str
    publisher: str
    url: str | None = None
    text: str | None = None
    date: datetime.date | None = None

    def describe(self) -> str:
        """Return a one-line citation such as ``Title (Publisher)``."""
        return f"{self.title} ({self.publisher})" if self.publisher else self.title


class Question(NamedTuple):
    """One validated question.

    Attributes:
        id: Unique within the pack; progress is keyed by it.
        kind: ``verdict``, ``choice`` or ``number``.
        prompt: The claim (verdict) or the question.
        answer: A verdict, the right choice, or the number as the author wrote it.
        choices: The options of a choice question, in file order.
        number: The right number of a number question.
        tolerance: How far a number answer may be off and still count.
        unit: The unit of a number question, possibly empty.
        evidence: Quotes from the source that settle the answer.
        explanation: Why the answer is right.
        difficulty: 1 to 3.
        tags: Lower-case labels such as ``sourcing``.
    """

    id: str
    kind: str
    prompt: str
    answer: str
    explanation: str
    evidence: tuple[str, ...]
    difficulty: int = 1
    choices: tuple[str, ...] = ()
    number: float | None = None
    tolerance: float = 0.0
    unit: str = ""
    tags: tuple[str, ...] = ()

    @property
    def answer_label(self) -> str:
        """The right answer as the player would see it."""
        if self.kind == "verdict":
            return VERDICT_LABELS[self.answer]
        if self.kind == "number":
            shown = as_in_source(self.answer, self.evidence)
            if self.tolerance:
                shown = f"{shown} (± {format_number(self.tolerance)})"
            return quantity(shown, self.unit)
        return self.answer

    def is_correct(self, response: str) -> bool:
        """Judge a response: a verdict key, a choice's text, or a number as text.

        Args:
            response: What the player gave.

        Returns:
            Whether it is right. A number that cannot be read is wrong.
        """
        if self.kind == "number":
            value = parse_number(response)
            return (
                value is not None
                and self.number is not None
                and abs(value - self.number) <= self.tolerance + 1e-9
            )
        return response == self.answer


class Pack:
    """A validated pack of questions; two packs are equal when all but their paths are.

    ``order`` is one of :data:`ORDERS`: ``"written"`` for a pack whose questions
    build on each other, such as the tutorial, so every round asks them in the
    order the author wrote them.
    """

    __slots__ = ("id", "title", "questions", "description", "source", "order", "path", "_by_id")

    def __init__(
        self,
        id: str,  # noqa: A002 - the pack file's own name for it
        title: str,
        questions: tuple[Question, ...],
        description: str = "",
        source: Source | None = None,
        path: Path | None = None,
        order: str = SHUFFLED,
    ) -> None:
        """Create a pack from validated parts (:func:`parse_pack` does the validating)."""
        self.id = id
        self.title = title
        self.questions = questions
        self.description = description
        self.source = source
        self.order = order
        self.path = path
        # Ids are unique, and a resumed round looks up every question it holds by id.
        self._by_id = {question.id: question for question in questions}

    def _key(self) -> tuple[object, ...]:
        return (self.id, self.title, self.questions, self.description, self.source, self.order)

    def __eq__(self, other: object) -> bool:
        return type(other) is Pack and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Pack(id={self.id!r}, title={self.title!r}, questions={len(self.questions)})"

    def question(self, question_id: str) -> Question | None:
        """Return the question with this id, or None."""
        return self._by_id.get(question_id)


def format_number(value: float) -> str:
    """Show a number without a needless ``.0``, and a huge one with an exponent.

    ``1e308`` is a whole number too, but written out it has 309 digits.
    """
    if float(value).is_integer() and abs(value) < _WHOLE_DIGITS_UP_TO:
        return str(int(value))
    return f"{value:g}"


def parse_number(text: str) -> float | None:
    """Read a number the way a player types it: ``1,600``, `` 2007 ``, ``-3.5``.

    Args:
        text: What was typed.

    Returns:
        The number, or None when the text is not a finite number.
    """
    cleaned = text.strip().replace(" ", "")
    if not cleaned or len(cleaned) > 40:
        return None
    if "," in cleaned:
        # Commas only between groups of three digits: "1,2" is not 12 (nor 1.2).
        if not _THOUSANDS.fullmatch(cleaned):
            return None
        cleaned = cleaned.replace(",", "")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def file_name_problem(name: str) -> str | None:
    """Say what keeps a name from naming a file beside the pack, if anything does.

    A pack names its source text by a plain file name in its own folder, so
    that the name stays right when the pack is installed elsewhere, and so
    that it can never reach another folder.

    Args:
        name: The name as written in the pack.

    Returns:
        The problem in words, or None when the name is a plain file name.
    """
    limit = LIMITS["text"]
    if not name.strip():
        return "is empty"
    if len(name) > limit:
        return f"is longer than {limit} characters"
    if clean_line(name) != name:
        # Cleaning would silently name another file; the author must see it.
        return "holds control characters or extra spaces; give the file's name as it is"
    if any(char in name for char in "/\\:"):
        return "must be the name of a file in the pack's folder, not a path"
    if name.startswith("."):
        return "must not start with a dot"
    return None
