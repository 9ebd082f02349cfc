"""Question packs: their records and the strict loader for pack format 1.

A pack file is untrusted input. :func:`parse_pack` either returns a fully
validated :class:`Pack` whose every string is safe to show, or raises
:class:`PackError` listing *every* problem, each located by file, line,
question and field. Nothing else escapes it, whatever bytes it is given.

The records are named tuples and one slotted class rather than dataclasses:
``quiz check`` imports this module, and ``dataclasses`` (with ``inspect``
behind it) would add a fifth to that command's start.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import math
import os
import re
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from quiz.model.guard import MAX_NESTING, GuardError, check_shape, nesting_line
from quiz.model.locate import LineIndex
from quiz.model.text import clean_line, clean_text

FORMAT = 1
KINDS = ("verdict", "choice", "number")
VERDICTS = ("supported", "contradicted", "not-stated")
VERDICT_LABELS = {
    "supported": "Supported",
    "contradicted": "Contradicted",
    "not-stated": "Not stated",
}

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

_TOP_KEYS = {"format", "pack", "questions"}
_PACK_KEYS = {"id", "title", "description", "source"}
_SOURCE_KEYS = {"title", "publisher", "url", "text", "date"}
_QUESTION_KEYS = {
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
}
_KIND_ONLY = {"choices": "choice", "tolerance": "number", "unit": "number"}
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_TOML_ERROR_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


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
        answer: A verdict, the right choice, or the number as text.
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
            shown = self.answer
            if self.tolerance:
                shown = f"{shown} (± {format_number(self.tolerance)})"
            return f"{shown} {self.unit}".strip()
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
    """A validated pack of questions; two packs are equal when all but their paths are."""

    __slots__ = ("id", "title", "questions", "description", "source", "path")

    def __init__(
        self,
        id: str,  # noqa: A002 - the pack file's own name for it
        title: str,
        questions: tuple[Question, ...],
        description: str = "",
        source: Source | None = None,
        path: Path | None = None,
    ) -> None:
        """Create a pack from validated parts (:func:`parse_pack` does the validating)."""
        self.id = id
        self.title = title
        self.questions = questions
        self.description = description
        self.source = source
        self.path = path

    def _key(self) -> tuple[object, ...]:
        return (self.id, self.title, self.questions, self.description, self.source)

    def __eq__(self, other: object) -> bool:
        return type(other) is Pack and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Pack(id={self.id!r}, title={self.title!r}, questions={len(self.questions)})"

    def question(self, question_id: str) -> Question | None:
        """Return the question with this id, or None."""
        for question in self.questions:
            if question.id == question_id:
                return question
        return None


def format_number(value: float) -> str:
    """Show a number without a needless ``.0``."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


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


def declared_text(text: str) -> str | None:
    """The source text a pack file names, read even when the pack has other problems.

    Args:
        text: The pack file's text.

    Returns:
        The ``[pack.source] text`` file name when it is a valid one, else
        None; the loader reports what is wrong with it.
    """
    try:
        check_shape(text)
        document = tomllib.loads(text)
    except (GuardError, tomllib.TOMLDecodeError, RecursionError):
        return None
    header = document.get("pack")
    source = header.get("source") if isinstance(header, dict) else None
    name = source.get("text") if isinstance(source, dict) else None
    if not isinstance(name, str) or file_name_problem(name) is not None:
        return None
    return name


def load_pack(path: Path) -> Pack:
    """Read and validate a pack file.

    Args:
        path: The file to read. Symbolic links and special files are refused.

    Returns:
        The validated pack.

    Raises:
        PackError: The file cannot be read or is not a valid pack.
    """
    name = str(path)
    if path.is_symlink():
        raise PackError([Problem(name, "is a symbolic link; give the real file")])
    # O_NOFOLLOW closes the gap between the check above and the open; O_NONBLOCK keeps
    # a FIFO from hanging the open, and fstat then refuses it as not a regular file.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise PackError([Problem(name, "does not exist")]) from None
    except OSError as error:
        raise PackError([Problem(name, f"cannot be read: {error.strerror or error}")]) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise PackError([Problem(name, "is not a regular file")])
        if info.st_size > MAX_PACK_BYTES:
            raise PackError([Problem(name, f"is larger than {MAX_PACK_BYTES // 1024} KiB")])
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(MAX_PACK_BYTES + 1)
    except OSError as error:
        raise PackError([Problem(name, f"cannot be read: {error.strerror or error}")]) from None
    finally:
        os.close(descriptor)
    pack = parse_pack(data, name)
    return Pack(
        id=pack.id,
        title=pack.title,
        questions=pack.questions,
        description=pack.description,
        source=pack.source,
        path=path,
    )


def parse_pack(data: bytes, name: str = "<pack>") -> Pack:
    """Validate the bytes of a pack file.

    Args:
        data: The whole file.
        name: The file name to put in messages.

    Returns:
        The validated pack.

    Raises:
        PackError: With every problem found, each located as well as it can be.
    """
    text = _decode(data, name)
    try:
        check_shape(text, data)
    except GuardError as error:
        raise PackError([Problem(name, error.message, line=error.line)]) from None
    checker = _Checker(name, text)
    with _without_cycle_collection():
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise PackError([_syntax_problem(name, str(error))]) from None
        except RecursionError:
            message = f"arrays or tables are nested more than {MAX_NESTING} deep"
            raise PackError([Problem(name, message, line=nesting_line(text))]) from None
        pack = checker.pack(document)
        # Freed while the collector is paused: once it runs again, its first pass
        # walks what was made meanwhile, and the parsed document is most of it.
        del document
    if checker.found or pack is None:
        # In file order, as a compiler reports them; problems with no line come last.
        problems = sorted(checker.problems, key=lambda p: (p.line is None, p.line or 0))
        if checker.found > len(problems):
            more = checker.found - len(problems)
            problems.append(Problem(name, f"and {more:,} more problems not shown"))
        raise PackError(problems)
    return pack


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a pack is parsed and checked.

    ``tomllib`` and the checks make many small objects and no reference
    cycles, so each collection they trigger finds nothing, yet walks every
    object made so far (and now and then every object of the game): on a
    10,000-question pack, a third of the checking time, and 46 collections
    taking 18 ms of the parse. The collector is restarted afterwards (unless
    it was off already), also when the file is refused.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_PACK_BYTES:
        raise PackError([Problem(name, f"is larger than {MAX_PACK_BYTES // 1024} KiB")])
    if not data.strip():
        raise PackError([Problem(name, "is empty")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PackError(
            [Problem(name, f"is not UTF-8 text (byte 0x{data[error.start]:02x})", line=line)]
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise PackError([Problem(name, "is empty")])
    return text


def _syntax_problem(name: str, message: str) -> Problem:
    match = _TOML_ERROR_AT.search(message)
    detail = _TOML_ERROR_AT.sub("", message).strip()
    if match is None:
        return Problem(name, f"TOML syntax error: {clean_line(detail)}")
    line, column = int(match.group(1)), int(match.group(2))
    return Problem(name, f"column {column}: TOML syntax error: {clean_line(detail)}", line=line)


def _finite_number(value: object) -> float | None:
    """Return a TOML integer or float as a finite float, or None (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _type_name(value: object) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string"}
    names.update({list: "an array", dict: "a table"})
    names.update({datetime.date: "a date", datetime.datetime: "a date and time"})
    names.update({datetime.time: "a time"})
    return names.get(type(value), type(value).__name__)


_NOWHERE: dict[str, Any] = {}
_IN_PACK: dict[str, Any] = {"section": "pack"}
_IN_SOURCE: dict[str, Any] = {"section": "pack.source"}
"""Where a field is, for messages; passed as one mapping (cheaper than ``**where``)."""


_ID, _TAG = LIMITS["id"], LIMITS["tag"]
_PROMPT, _EXPLANATION, _EVIDENCE = LIMITS["prompt"], LIMITS["explanation"], LIMITS["evidence"]
_CHOICE, _UNIT = LIMITS["choice"], LIMITS["unit"]


def _quick_question(raw: dict[str, Any]) -> Question | None:
    """The question when every field of it is valid, or None to find out what is not.

    A pack of 10,000 questions is 10,000 of these: the common case, a question
    right in every field, is checked here in one pass with no messages to
    prepare; anything else returns None, and :meth:`_Checker._question`, which
    names each problem, decides. It never accepts what that method refuses,
    and builds the same question (a property test holds the two together).
    """
    get = raw.get
    qid, kind, answer = get("id"), get("kind"), get("answer")
    prompt, explanation, evidence = get("prompt"), get("explanation"), get("evidence")
    tags, difficulty = get("tags", []), get("difficulty", 1)
    if (
        not _QUESTION_KEYS.issuperset(raw)
        or type(qid) is not str
        or len(qid) > _ID
        or SLUG.match(qid) is None
        or type(prompt) is not str
        or type(explanation) is not str
        or type(evidence) is not list
        or not 0 < len(evidence) <= MAX_EVIDENCE
        or type(tags) is not list
        or len(tags) > MAX_TAGS
        or type(difficulty) is not int
        or not 1 <= difficulty <= 3
    ):
        return None
    prompt = clean_text(prompt).strip()
    explanation = clean_text(explanation).strip()
    if not (0 < len(prompt) <= _PROMPT and 0 < len(explanation) <= _EXPLANATION):
        return None
    quotes = []
    for item in evidence:
        if type(item) is not str:
            return None
        quote = clean_text(item).strip()
        if not 0 < len(quote) <= _EVIDENCE:
            return None
        quotes.append(quote)
    for tag in tags:
        if type(tag) is not str or len(tag) > _TAG or SLUG.match(tag) is None:
            return None
    choices: tuple[str, ...] = ()
    number, tolerance, unit = None, 0.0, ""
    if kind == "verdict":
        if type(answer) is not str or answer not in VERDICTS:
            return None
        if not _KIND_ONLY.keys().isdisjoint(raw):
            return None
    elif kind == "choice":
        given = get("choices")
        if (
            type(given) is not list
            or not 2 <= len(given) <= MAX_CHOICES
            or type(answer) is not str
            or "tolerance" in raw
            or "unit" in raw
        ):
            return None
        choices = tuple(clean_line(item) if type(item) is str else "" for item in given)
        answer = clean_line(answer)
        if (
            not all(0 < len(choice) <= _CHOICE for choice in choices)
            or len(set(choices)) != len(choices)
            or answer not in choices
        ):
            return None
    elif kind == "number":
        number = _finite_number(answer)
        tolerance_given = _finite_number(get("tolerance", 0))
        given_unit = get("unit", "")
        if (
            number is None
            or tolerance_given is None
            or tolerance_given < 0
            or type(given_unit) is not str
            or "choices" in raw
        ):
            return None
        tolerance, unit = tolerance_given, clean_line(given_unit)
        if len(unit) > _UNIT:
            return None
        answer = format_number(number)
    else:
        return None
    return Question(
        qid,
        kind,
        prompt,
        answer,
        explanation,
        tuple(quotes),
        difficulty,
        choices,
        number,
        tolerance,
        unit,
        tuple(dict.fromkeys(tags)),
    )


class _Checker:
    """Collects problems while turning a TOML document into a Pack."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self._lines: LineIndex | None = None
        self.problems: list[Problem] = []
        self.found = 0

    @property
    def lines(self) -> LineIndex:
        # Built on the first problem only: a valid pack never pays for it.
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

    def pack(self, document: dict[str, Any]) -> Pack | None:
        for key in sorted(set(document) - _TOP_KEYS):
            self.problem("unknown field", key=key)
        fmt = document.get("format")
        if fmt is None:
            self.problem(f"missing; add 'format = {FORMAT}' at the top", field_name="format")
        elif type(fmt) is not int or fmt != FORMAT:
            self.problem(f"must be {FORMAT}, not {fmt!r}", key="format")
        header = document.get("pack")
        pack_fields: dict[str, Any] = {}
        if not isinstance(header, dict):
            message = "missing [pack] table" if header is None else "must be a table"
            self.problem(message, key="pack" if header is not None else None, field_name="pack")
        else:
            pack_fields = self._pack_header(header)
        questions = self._questions(document.get("questions"))
        if self.found:
            return None
        return Pack(questions=questions, **pack_fields)

    def _pack_header(self, header: dict[str, Any]) -> dict[str, Any]:
        for key in sorted(set(header) - _PACK_KEYS):
            self.problem("unknown field", section="pack", key=key, field_name=f"pack.{key}")
        fields: dict[str, Any] = {}
        fields["id"] = self._slug(header, "id", label="pack.id", where=_IN_PACK)
        fields["title"] = self._text(header, "title", label="pack.title", where=_IN_PACK)
        fields["description"] = self._text(
            header, "description", label="pack.description", required=False, where=_IN_PACK
        )
        source = header.get("source")
        if source is None:
            fields["source"] = None
        elif not isinstance(source, dict):
            self.problem("must be a table", section="pack", key="source", field_name="pack.source")
        else:
            section = "pack.source"
            for key in sorted(set(source) - _SOURCE_KEYS):
                self.problem(
                    "unknown field", section=section, key=key, field_name=f"{section}.{key}"
                )
            title = self._text(source, "title", label="pack.source.title", where=_IN_SOURCE)
            publisher = self._text(
                source, "publisher", label="pack.source.publisher", required=False, where=_IN_SOURCE
            )
            url = self._text(
                source, "url", label="pack.source.url", required=False, where=_IN_SOURCE
            )
            text = self._file_name(source, "text")
            date = self._date(source, "date")
            fields["source"] = Source(title or "", publisher or "", url or None, text, date)
        return fields

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

    def _questions(self, raw: object) -> tuple[Question, ...]:
        if raw is None:
            self.problem(
                "the pack has no questions; add a [[questions]] table", field_name="questions"
            )
            return ()
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
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
            question = _quick_question(item) or self._question(index, item)
            # Duplicates are found among every well-formed id, valid question or not,
            # so fixing one problem never reveals another that was there all along.
            qid = item.get("id")
            if question is not None or (isinstance(qid, str) and SLUG.match(qid)):
                if qid in seen:
                    self.problem(
                        f"duplicate id; question #{seen[qid] + 1} has it too",
                        section="questions",
                        index=index,
                        key="id",
                        question=qid,
                    )
                    continue
                seen[qid] = index
            if question is not None:
                questions.append(question)
        return tuple(questions)

    def _question(self, index: int, raw: dict[str, Any]) -> Question | None:
        before = self.found
        label = f"#{index + 1}"
        qid = raw.get("id")
        if isinstance(qid, str) and SLUG.match(qid) and len(qid) <= LIMITS["id"]:
            label = qid
        where: dict[str, Any] = {"section": "questions", "index": index, "question": label}
        if not _QUESTION_KEYS.issuperset(raw):
            for key in sorted(set(raw) - _QUESTION_KEYS):
                self.problem("unknown field", key=key, **where)
        question_id = self._slug(raw, "id", where=where)
        kind = raw.get("kind")
        if kind not in KINDS:
            shown = "missing" if kind is None else f"unknown kind {clean_line(str(kind))[:40]!r}"
            self.problem(f"{shown}; use one of: {', '.join(KINDS)}", key="kind", **where)
            kind = None
        for key, owner in _KIND_ONLY.items():
            if key in raw and kind is not None and kind != owner:
                self.problem(f"only {owner} questions have this field", key=key, **where)
        prompt = self._text(raw, "prompt", where=where)
        explanation = self._text(raw, "explanation", where=where)
        evidence = self._text_list(raw, "evidence", MAX_EVIDENCE, LIMITS["evidence"], where=where)
        tags = self._tags(raw, where)
        difficulty = raw.get("difficulty", 1)
        if type(difficulty) is not int or not 1 <= difficulty <= 3:
            self.problem("must be 1, 2 or 3", key="difficulty", **where)
        answer: str = ""
        extra: dict[str, Any] = {}
        if kind == "verdict":
            answer = self._verdict(raw, where)
        elif kind == "choice":
            answer, extra = self._choice(raw, where)
        elif kind == "number":
            answer, extra = self._number(raw, where)
        if self.found > before or kind is None:
            return None
        return Question(
            id=question_id,
            kind=kind,
            prompt=prompt,
            answer=answer,
            explanation=explanation,
            evidence=tuple(evidence or ()),
            difficulty=difficulty,
            tags=tuple(tags),
            **extra,
        )

    def _verdict(self, raw: dict[str, Any], where: dict[str, Any]) -> str:
        answer = raw.get("answer")
        if answer not in VERDICTS:
            shown = (
                "missing"
                if answer is None
                else f"{clean_line(str(answer))[:40]!r} is not a verdict"
            )
            self.problem(f"{shown}; use one of: {', '.join(VERDICTS)}", key="answer", **where)
            return ""
        return str(answer)

    def _choice(self, raw: dict[str, Any], where: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        choices = self._text_list(
            raw, "choices", MAX_CHOICES, LIMITS["choice"], one_line=True, where=where
        )
        if "choices" in raw and choices is not None:
            if len(choices) < 2:
                self.problem("needs at least 2 choices", key="choices", **where)
            if len(set(choices)) != len(choices):
                self.problem("choices must be distinct", key="choices", **where)
        answer = raw.get("answer")
        if not isinstance(answer, str):
            shown = "missing" if answer is None else f"must be a string, not {_type_name(answer)}"
            self.problem(f"{shown}; give the text of the right choice", key="answer", **where)
            return "", {}
        answer = clean_line(answer)
        if choices and answer not in choices:
            self.problem(f"{answer[:60]!r} is not one of the choices", key="answer", **where)
        return answer, {"choices": tuple(choices or ())}

    def _number(self, raw: dict[str, Any], where: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        raw_answer = raw.get("answer")
        extra: dict[str, Any] = {}
        answer = _finite_number(raw_answer)
        if answer is None:
            if raw_answer is None:
                shown = "missing"
            elif type(raw_answer) in (int, float):
                shown = "must be a finite number of sensible size"
            else:
                shown = f"must be a number, not {_type_name(raw_answer)}"
            self.problem(shown, key="answer", **where)
            answer = 0.0
        tolerance = _finite_number(raw.get("tolerance", 0))
        if tolerance is None or tolerance < 0:
            self.problem("must be a number of 0 or more", key="tolerance", **where)
            tolerance = 0.0
        unit = self._text(raw, "unit", required=False, where=where)
        extra.update(number=answer, tolerance=tolerance, unit=unit)
        return format_number(answer), extra

    def _slug(
        self,
        table: dict[str, Any],
        key: str,
        *,
        label: str | None = None,
        where: dict[str, Any] = _NOWHERE,
    ) -> str:
        value = table.get(key)
        if not isinstance(value, str):
            shown = "missing" if value is None else f"must be a string, not {_type_name(value)}"
            self.problem(shown, key=key, field_name=label, **where)
            return ""
        if len(value) > LIMITS["id"] or not SLUG.match(value):
            self.problem(
                f"{clean_line(value)[:40]!r} is not a slug: use lowercase letters, digits and "
                f"single hyphens, at most {LIMITS['id']} characters",
                key=key,
                field_name=label,
                **where,
            )
            return ""
        return value

    def _text(
        self,
        table: dict[str, Any],
        key: str,
        *,
        label: str | None = None,
        required: bool = True,
        where: dict[str, Any] = _NOWHERE,
    ) -> str:
        value = table.get(key)
        limit = LIMITS.get(label.rsplit(".", 1)[-1] if label else key, 500)
        if value is None:
            if required:
                self.problem("missing", key=key, field_name=label, **where)
            return ""
        if not isinstance(value, str):
            self.problem(
                f"must be a string, not {_type_name(value)}", key=key, field_name=label, **where
            )
            return ""
        multiline = key in ("prompt", "explanation", "description")
        cleaned = clean_text(value).strip() if multiline else clean_line(value)
        if required and not cleaned:
            self.problem("is empty", key=key, field_name=label, **where)
        if len(cleaned) > limit:
            self.problem(f"is longer than {limit} characters", key=key, field_name=label, **where)
        return cleaned

    def _text_list(
        self,
        table: dict[str, Any],
        key: str,
        most: int,
        limit: int,
        *,
        one_line: bool = False,
        where: dict[str, Any] = _NOWHERE,
    ) -> list[str] | None:
        value = table.get(key)
        if value is None:
            self.problem("missing", key=key, **where)
            return None
        if not isinstance(value, list):
            self.problem(f"must be an array of strings, not {_type_name(value)}", key=key, **where)
            return None
        if not value:
            self.problem("must not be empty", key=key, **where)
        if len(value) > most:
            self.problem(f"holds at most {most} items", key=key, **where)
        items: list[str] = []
        for position, item in enumerate(value):
            if isinstance(item, str):
                cleaned = clean_line(item) if one_line else clean_text(item).strip()
                if cleaned and len(cleaned) <= limit:
                    items.append(cleaned)
                    continue
            name = f"{key}[{position + 1}]"
            if not isinstance(item, str):
                self.problem(
                    f"must be a string, not {_type_name(item)}", key=key, field_name=name, **where
                )
                continue
            cleaned = clean_line(item) if one_line else clean_text(item).strip()
            if not cleaned:
                self.problem("is empty", key=key, field_name=name, **where)
            elif len(cleaned) > limit:
                self.problem(
                    f"is longer than {limit} characters", key=key, field_name=name, **where
                )
            items.append(cleaned)
        return items

    def _tags(self, raw: dict[str, Any], where: dict[str, Any]) -> list[str]:
        value = raw.get("tags", [])
        if not isinstance(value, list):
            self.problem(
                f"must be an array of strings, not {_type_name(value)}", key="tags", **where
            )
            return []
        if len(value) > MAX_TAGS:
            self.problem(f"holds at most {MAX_TAGS} tags", key="tags", **where)
        tags: list[str] = []
        for position, tag in enumerate(value):
            if not isinstance(tag, str) or not SLUG.match(tag) or len(tag) > LIMITS["tag"]:
                self.problem(
                    "must be a slug: lowercase letters, digits and hyphens",
                    key="tags",
                    field_name=f"tags[{position + 1}]",
                    **where,
                )
            elif tag not in tags:
                tags.append(tag)
        return tags
