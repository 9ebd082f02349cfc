"""Validating a pack file: from untrusted bytes to a :class:`~quiz.model.pack.Pack`.

:func:`parse_pack` either returns a fully validated pack whose every string is
safe to show, or raises :class:`~quiz.model.pack.PackError` listing *every*
problem, each located by file, line, question and field. Nothing else escapes
it, whatever bytes it is given. :func:`validate` does the checking, of a
document :func:`~quiz.model.document.read_document` parsed.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from itertools import repeat
from pathlib import Path
from typing import Any

from quiz.model.document import Document, WrittenFloat, read_document
from quiz.model.hints import as_list, did_you_mean, nearest_choice
from quiz.model.locate import LineIndex
from quiz.model.pack import (
    FORMAT,
    KINDS,
    LIMITS,
    MAX_CHOICES,
    MAX_EVIDENCE,
    MAX_PROBLEMS,
    MAX_QUESTIONS,
    MAX_TAGS,
    ORDERS,
    SHUFFLED,
    SLUG,
    Pack,
    PackError,
    Problem,
    Question,
    Source,
    file_name_problem,
    parse_number,
)
from quiz.model.text import clean_line, clean_text
from quiz.model.verdicts import VERDICTS

_TOP_KEYS = {"format", "pack", "questions"}
_PACK_KEYS = {"id", "title", "description", "order", "source"}
_SOURCE_KEYS = {"title", "publisher", "url", "text", "date"}
QUESTION_FIELDS = (
    "id",
    "kind",
    "prompt",
    "answer",
    "choices",
    "tolerance",
    "unit",
    "evidence",
    "explanation",
    "difficulty",
    "tags",
)
"""A question's fields, in the order the authors' guide lists them."""
_QUESTION_KEYS = set(QUESTION_FIELDS)
_EVIDENCE_LENGTH = LIMITS["evidence"]
_CHOICE_LENGTH = LIMITS["choice"]
_TAG_LENGTH = LIMITS["tag"]
_KIND_ONLY = {"choices": "choice", "tolerance": "number", "unit": "number"}
_FOREIGN = {
    kind: tuple(key for key, owner in _KIND_ONLY.items() if owner != kind) for kind in KINDS
}
"""For each kind, the fields only other kinds have, in the order of ``_KIND_ONLY``."""
_FIELDS_OF = {kind: frozenset(_QUESTION_KEYS.difference(_FOREIGN[kind])) for kind in KINDS}
"""For each kind, the fields its questions may have: one set test finds both kinds of stray."""
_MULTILINE = {"prompt", "explanation", "description"}
_DIFFICULTIES = (1, 2, 3)


def parse_pack(data: bytes, name: str = "<pack>", path: Path | None = None) -> Pack:
    """Validate the bytes of a pack file.

    Args:
        data: The whole file.
        name: The file name to put in messages.
        path: Where the bytes were read from, kept as the pack's path.

    Returns:
        The validated pack.

    Raises:
        PackError: With every problem found, each located as well as it can be.
    """
    # No one else sees this document, so its questions can go as they are checked.
    return validate(read_document(data, name), path, consume=True)


def validate(document: Document, path: Path | None = None, *, consume: bool = False) -> Pack:
    """Check a parsed pack file against pack format 1.

    Args:
        document: The parsed file.
        path: Where it was read from, kept as the pack's path.
        consume: Let each question's table go from the document once it is
            checked (its place in the list becomes None), for a caller that has
            no further use for the document. A question is then freed while it
            is still in the processor's cache, rather than in a second pass over
            the whole table, and the table and the pack are never held at once
            (the 10,000-question load + validate row of docs/performance.md).

    Returns:
        The validated pack.

    Raises:
        PackError: With every problem found, in file order; past
            :data:`~quiz.model.pack.MAX_PROBLEMS`, a count of the rest.
    """
    checker = _Checker(document.name, document.text)
    fields = checker.pack(document.table, consume)
    if checker.found or fields is None:
        # In file order, as a compiler reports them; problems with no line come last.
        problems = sorted(checker.problems, key=lambda p: (p.line is None, p.line or 0))
        if checker.found > len(problems):
            more = checker.found - len(problems)
            problems.append(Problem(document.name, f"and {more:,} more problems not shown"))
        raise PackError(problems)
    return Pack(path=path, **fields)


_NUMBER_TYPES = (int, float)
"""What TOML numbers are; a tuple, since ``int | float`` builds a new union at every call."""


def _quoted_number(key: str, value: object, valid: Callable[[float], bool] | None = None) -> str:
    """Say that a field wants a number, not a string, and how to write the one it holds.

    ``"1600"`` and ``"6,500"`` (as a player may type it) are read as a number
    answer is: the hint shows them as TOML numbers, ``1600`` and ``6500``.

    Args:
        key: The field.
        value: What the author wrote.
        valid: Whether the number the string holds would do, when not every one would.

    Returns:
        ``", not a string; write it without quotes: difficulty = 3"``, or
        ``", not a string"`` when the string holds no number that would do, or
        "" when the value is not a string.
    """
    if not isinstance(value, str):
        return ""
    number = parse_number(value)
    if number is None or (valid is not None and not valid(number)):
        return ", not a string"
    # Every digit, never an exponent that would round what the author wrote.
    written = str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
    return f", not a string; write it without quotes: {key} = {written}"


def _not_negative(number: float) -> bool:
    return number >= 0


def _finite_number(value: object) -> float | None:
    """Return a TOML integer or float as a finite float, or None (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _written(value: object) -> str:
    """A number as the author wrote it, without TOML's digit separators."""
    if isinstance(value, WrittenFloat):
        return value.written.replace("_", "")
    return str(value)


_TYPE_NAMES: tuple[tuple[type, str], ...] = (
    # Subclasses before their bases: a boolean is an int, a date and time a date.
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a number"),
    (str, "a string"),
    (list, "an array"),
    (dict, "a table"),
    (datetime.datetime, "a date and time"),
    (datetime.date, "a date"),
    (datetime.time, "a time"),
)


def _is_slug(value: object, most: int = LIMITS["id"]) -> bool:
    """Whether a value is a slug of at most ``most`` characters, as ids and tags must be."""
    return isinstance(value, str) and len(value) <= most and SLUG.match(value) is not None


def _shown(text: str) -> str:
    """Quote an author's rejected value as Python would, escaping what cannot be seen.

    A tab, a trailing space or a zero-width character is what makes
    ``'closure-length\\t'`` no slug; cleaned for display, the value would look
    valid. The escapes are printable, so no control character reaches the terminal.
    """
    return repr(text[:40])


def _type_name(value: object) -> str:
    for kind, name in _TYPE_NAMES:
        if isinstance(value, kind):
            return name
    return type(value).__name__


_NOWHERE: dict[str, Any] = {}
_IN_PACK: dict[str, Any] = {"section": "pack"}
_IN_SOURCE: dict[str, Any] = {"section": "pack.source"}


class _Checker:
    """Collects problems while turning a TOML document into the parts of a Pack."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self._lines: LineIndex | None = None
        self.problems: list[Problem] = []
        self.found = 0

    @property
    def lines(self) -> LineIndex:
        # Built on the first problem: a valid pack needs no line numbers.
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    def problem(
        self,
        message: str,
        *,
        section: str = "",
        key: str | None = None,
        question: str | None = None,
        index: int | None = None,
        field_name: str | None = None,
    ) -> None:
        self.found += 1
        if self.found > MAX_PROBLEMS:
            return
        line = self.lines.find(section, key, index)
        shown = field_name or key
        if shown is not None:
            # An unknown key is the author's text: it may hold escape sequences.
            shown = clean_line(shown)[: LIMITS["id"]]
        self.problems.append(Problem(self.name, message, line=line, question=question, field=shown))

    def pack(self, document: dict[str, Any], consume: bool) -> dict[str, Any] | None:
        """The keyword arguments of the Pack, or None when anything is wrong."""
        for key in sorted(set(document) - _TOP_KEYS):
            known = _TOP_KEYS - set(document)
            if isinstance(document[key], list):
                # [[questions]] is written once per question, so a misspelt header
                # usually sits among correct ones.
                known.add("questions")
            hint = did_you_mean(key, known, document[key])
            self.problem(f"unknown field{hint}", key=key)
        fmt = document.get("format")
        if fmt is None:
            self.problem(f"missing; add 'format = {FORMAT}' at the top", field_name="format")
        elif type(fmt) is not int or fmt != FORMAT:
            message = f"must be {FORMAT}, not {fmt!r}"
            if isinstance(fmt, str):
                message = (
                    f"must be {FORMAT}, not {_shown(fmt)}; "
                    f"write it as a number, without quotes: format = {FORMAT}"
                )
            self.problem(message, key="format")
        header = document.get("pack")
        fields: dict[str, Any] = {}
        if not isinstance(header, dict):
            message = "missing [pack] table" if header is None else "must be a table"
            self.problem(message, key="pack" if header is not None else None, field_name="pack")
        else:
            fields = self._pack_header(header)
        fields["questions"] = self._questions(document.get("questions"), consume)
        return None if self.found else fields

    def _pack_header(self, header: dict[str, Any]) -> dict[str, Any]:
        for key in sorted(set(header) - _PACK_KEYS):
            hint = did_you_mean(key, _PACK_KEYS - set(header), header[key])
            self.problem(f"unknown field{hint}", section="pack", key=key, field_name=f"pack.{key}")
        fields: dict[str, Any] = {}
        fields["id"] = self._slug(header, "id", _IN_PACK, label="pack.id")
        fields["title"] = self._text(header, "title", _IN_PACK, label="pack.title")
        fields["description"] = self._text(
            header, "description", _IN_PACK, label="pack.description", required=False
        )
        fields["order"] = self._order(header)
        source = header.get("source")
        if source is None:
            fields["source"] = None
        elif not isinstance(source, dict):
            self.problem("must be a table", section="pack", key="source", field_name="pack.source")
        else:
            fields["source"] = self._source(source)
        return fields

    def _order(self, header: dict[str, Any]) -> str:
        value = header.get("order", SHUFFLED)
        if isinstance(value, str) and value in ORDERS:
            return str(value)
        if isinstance(value, str):
            shown = f"{clean_line(value)[:40]!r} is not an order"
        else:
            shown = f"must be a string, not {_type_name(value)}"
        self.problem(
            f"{shown}; use one of: {', '.join(ORDERS)}",
            section="pack",
            key="order",
            field_name="pack.order",
        )
        return SHUFFLED

    def _source(self, source: dict[str, Any]) -> Source:
        section = "pack.source"
        for key in sorted(set(source) - _SOURCE_KEYS):
            hint = did_you_mean(key, _SOURCE_KEYS - set(source))
            self.problem(
                f"unknown field{hint}", section=section, key=key, field_name=f"{section}.{key}"
            )
        title = self._text(source, "title", _IN_SOURCE, label="pack.source.title")
        publisher = self._text(
            source, "publisher", _IN_SOURCE, label="pack.source.publisher", required=False
        )
        url = self._text(source, "url", _IN_SOURCE, label="pack.source.url", required=False)
        text = self._file_name(source, "text")
        date = self._date(source, "date")
        return Source(title, publisher, url or None, text, date)

    def _file_name(self, source: dict[str, Any], key: str) -> str | None:
        value = source.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            message = file_name_problem(value)
            if message is None:
                return value
        else:
            message = f"must be a string, not {_type_name(value)}"
        self.problem(message, section="pack.source", key=key, field_name=f"pack.source.{key}")
        return None

    def _date(self, source: dict[str, Any], key: str) -> datetime.date | None:
        value = source.get(key)
        # A datetime is a date too, so the type is compared exactly.
        if value is None or type(value) is datetime.date:
            return value
        if isinstance(value, str):
            message = "must be a TOML date, written without quotes: date = 2014-09-25"
        elif isinstance(value, datetime.datetime):
            message = "must be a day such as 2014-09-25, without a time"
        else:
            message = f"must be a TOML date such as 2014-09-25, not {_type_name(value)}"
        self.problem(message, section="pack.source", key=key, field_name=f"pack.source.{key}")
        return None

    def _questions(self, raw: object, consume: bool) -> tuple[Question, ...]:
        if raw is None:
            self.problem(
                "the pack has no questions; add a [[questions]] table", field_name="questions"
            )
            return ()
        if not isinstance(raw, list) or not all(map(isinstance, raw, repeat(dict))):
            self.problem("must be an array of [[questions]] tables", key="questions")
            return ()
        if not raw:
            self.problem("the pack has no questions", key="questions")
            return ()
        if len(raw) > MAX_QUESTIONS:
            self.problem(f"a pack holds at most {MAX_QUESTIONS} questions", key="questions")
            return ()
        seen: dict[str, int] = {}
        questions: list[Question] = []
        for index, item in enumerate(raw):
            if consume:
                raw[index] = None  # freed when the next question takes the name
            question = self._question(index, item)
            # Duplicates are found among every well-formed id, valid question or not,
            # so fixing one problem never reveals another that was there all along.
            qid = item.get("id")
            if question is not None or (isinstance(qid, str) and SLUG.match(qid)):
                first = seen.setdefault(qid, index)
                if first != index:
                    self.problem(
                        f"duplicate id; question #{first + 1} has it too",
                        section="questions",
                        index=index,
                        key="id",
                        question=qid,
                    )
                    continue
            if question is not None:
                questions.append(question)
        return tuple(questions)

    def _question(self, index: int, raw: dict[str, Any]) -> Question | None:
        before = self.found
        qid = raw.get("id")
        good_id = _is_slug(qid)
        label = qid if good_id else f"#{index + 1}"
        where: dict[str, Any] = {"section": "questions", "index": index, "question": label}
        kind = raw.get("kind")
        stray = not (_FIELDS_OF[kind] if kind in KINDS else _QUESTION_KEYS).issuperset(raw)
        if stray and not _QUESTION_KEYS.issuperset(raw):
            for key in sorted(set(raw) - _QUESTION_KEYS):
                hint = did_you_mean(key, _QUESTION_KEYS - set(raw))
                self.problem(f"unknown field{hint}", key=key, **where)
        question_id = str(qid) if good_id else self._slug(raw, "id", where)
        if kind not in KINDS:
            shown = "missing" if kind is None else f"unknown kind {_shown(str(kind))}"
            self.problem(f"{shown}; use one of: {', '.join(KINDS)}", key="kind", **where)
            kind = None
        elif stray:
            for key in _FOREIGN[kind]:
                if key in raw:
                    owner = _KIND_ONLY[key]
                    self.problem(f"only {owner} questions have this field", key=key, **where)
        prompt = self._text(raw, "prompt", where)
        explanation = self._text(raw, "explanation", where)
        evidence = self._text_list(raw, "evidence", MAX_EVIDENCE, _EVIDENCE_LENGTH, where)
        tags = self._tags(raw, where)
        difficulty = raw.get("difficulty", 1)
        if type(difficulty) is not int or difficulty not in _DIFFICULTIES:
            hint = _quoted_number("difficulty", difficulty, _DIFFICULTIES.__contains__)
            self.problem(f"must be 1, 2 or 3{hint}", key="difficulty", **where)
        answer = ""
        choices: tuple[str, ...] = ()
        number: float | None = None
        tolerance = 0.0
        unit = ""
        if kind == "verdict":
            answer = self._verdict(raw, where)
        elif kind == "choice":
            answer, choices = self._choice(raw, where)
        elif kind == "number":
            answer, number, tolerance, unit = self._number(raw, where)
        if self.found > before or kind is None:
            return None
        return Question(
            question_id,
            kind,
            prompt,
            answer,
            explanation,
            tuple(evidence or ()),
            difficulty,
            choices,
            number,
            tolerance,
            unit,
            tags,
        )

    def _verdict(self, raw: dict[str, Any], where: dict[str, Any]) -> str:
        answer = raw.get("answer")
        if answer not in VERDICTS:
            shown = "missing" if answer is None else f"{_shown(str(answer))} is not a verdict"
            self.problem(f"{shown}; use one of: {', '.join(VERDICTS)}", key="answer", **where)
            return ""
        return str(answer)

    def _choice(self, raw: dict[str, Any], where: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
        choices = self._text_list(raw, "choices", MAX_CHOICES, _CHOICE_LENGTH, where, one_line=True)
        if choices is not None:
            if len(choices) < 2:
                self.problem("needs at least 2 choices", key="choices", **where)
            if len(set(choices)) != len(choices):
                self.problem("choices must be distinct", key="choices", **where)
        answer = raw.get("answer")
        if not isinstance(answer, str):
            shown = "missing" if answer is None else f"must be a string, not {_type_name(answer)}"
            self.problem(f"{shown}; give the text of the right choice", key="answer", **where)
            return "", ()
        answer = clean_line(answer)
        if choices and answer not in choices:
            hint = nearest_choice(answer, choices)
            self.problem(f"{answer[:60]!r} is not one of the choices{hint}", key="answer", **where)
        return answer, tuple(choices or ())

    def _number(self, raw: dict[str, Any], where: dict[str, Any]) -> tuple[str, float, float, str]:
        given = raw.get("answer")
        number = _finite_number(given)
        shown = ""
        if number is not None:
            shown = _written(given)
        elif given is None:
            self.problem("missing", key="answer", **where)
        elif isinstance(given, int | float) and not isinstance(given, bool):
            self.problem("must be a finite number of sensible size", key="answer", **where)
        elif isinstance(given, str):
            hint = _quoted_number("answer", given)
            self.problem(f"must be a number{hint}", key="answer", **where)
        else:
            self.problem(f"must be a number, not {_type_name(given)}", key="answer", **where)
        given_tolerance = raw.get("tolerance", 0)
        tolerance = _finite_number(given_tolerance)
        if tolerance is None or tolerance < 0:
            hint = _quoted_number("tolerance", given_tolerance, _not_negative)
            self.problem(f"must be a number of 0 or more{hint}", key="tolerance", **where)
            tolerance = 0.0
        unit = self._text(raw, "unit", where, required=False)
        return shown, number or 0.0, tolerance, unit

    def _slug(
        self,
        table: dict[str, Any],
        key: str,
        where: dict[str, Any] = _NOWHERE,
        *,
        label: str | None = None,
    ) -> str:
        value = table.get(key)
        if _is_slug(value):
            return str(value)
        if not isinstance(value, str):
            shown = "missing" if value is None else f"must be a string, not {_type_name(value)}"
            self.problem(shown, key=key, field_name=label, **where)
        else:
            self.problem(
                f"{_shown(value)} is not a slug: use lowercase letters, digits and "
                f"single hyphens, at most {LIMITS['id']} characters",
                key=key,
                field_name=label,
                **where,
            )
        return ""

    def _text(
        self,
        table: dict[str, Any],
        key: str,
        where: dict[str, Any] = _NOWHERE,
        *,
        label: str | None = None,
        required: bool = True,
    ) -> str:
        value = table.get(key)
        if isinstance(value, str):
            cleaned = clean_text(value).strip() if key in _MULTILINE else clean_line(value)
            limit = LIMITS.get(key, 500)
            if len(cleaned) <= limit and (cleaned or not required):
                return cleaned
            if not cleaned:
                self.problem("is empty", key=key, field_name=label, **where)
            else:
                message = f"is longer than {limit} characters"
                self.problem(message, key=key, field_name=label, **where)
            return cleaned
        if value is None:
            if required:
                self.problem("missing", key=key, field_name=label, **where)
        else:
            message = f"must be a string, not {_type_name(value)}"
            self.problem(message, key=key, field_name=label, **where)
        return ""

    def _text_list(
        self,
        table: dict[str, Any],
        key: str,
        most: int,
        limit: int,
        where: dict[str, Any],
        *,
        one_line: bool = False,
    ) -> list[str] | None:
        value = table.get(key)
        if not isinstance(value, list):
            if value is None:
                self.problem("missing", key=key, **where)
                return None
            hint = as_list(key, value)
            self.problem(
                f"must be an array of strings, not {_type_name(value)}{hint}", key=key, **where
            )
            return None
        if not value:
            self.problem("must not be empty", key=key, **where)
        if len(value) > most:
            self.problem(f"holds at most {most} items", key=key, **where)
        items: list[str] = []
        for position, item in enumerate(value, start=1):
            if not isinstance(item, str):
                self.problem(
                    f"must be a string, not {_type_name(item)}",
                    key=key,
                    field_name=f"{key}[{position}]",
                    **where,
                )
                continue
            cleaned = clean_line(item) if one_line else clean_text(item).strip()
            if not cleaned:
                self.problem("is empty", key=key, field_name=f"{key}[{position}]", **where)
            elif len(cleaned) > limit:
                self.problem(
                    f"is longer than {limit} characters",
                    key=key,
                    field_name=f"{key}[{position}]",
                    **where,
                )
            items.append(cleaned)
        return items

    def _tags(self, raw: dict[str, Any], where: dict[str, Any]) -> tuple[str, ...]:
        value = raw.get("tags")
        if value is None:
            return ()
        if not isinstance(value, list):
            hint = as_list("tags", value)
            self.problem(
                f"must be an array of strings, not {_type_name(value)}{hint}", key="tags", **where
            )
            return ()
        if len(value) > MAX_TAGS:
            self.problem(f"holds at most {MAX_TAGS} tags", key="tags", **where)
        tags: list[str] = []
        for position, tag in enumerate(value, start=1):
            if not _is_slug(tag, _TAG_LENGTH):
                self.problem(
                    "must be a slug: lowercase letters, digits and hyphens",
                    key="tags",
                    field_name=f"tags[{position}]",
                    **where,
                )
            elif tag not in tags:  # a repeated tag is kept once
                tags.append(tag)
        return tuple(tags)
