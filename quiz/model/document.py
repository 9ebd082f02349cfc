"""Reading a pack file as TOML: once, and only when it is safe to.

A pack file is untrusted input. :func:`read_document` decodes it, refuses
what would make ``tomllib`` slow or crash (see :mod:`quiz.model.guard`), and
parses it, or raises :class:`~quiz.model.pack.PackError` with one located
problem. The :class:`Document` it returns is what
:func:`quiz.model.validate.validate` checks, what ``quiz check`` looks the
evidence quotes up in, and where :func:`declared_text` finds the source text
a broken pack names: the file is parsed once for all three.
"""

from __future__ import annotations

import re
import sys
import tomllib
from typing import Any, NamedTuple

from quiz.model.guard import MAX_NESTING, GuardError, check_shape, nesting_line
from quiz.model.hints import broken_string, typographic_end, typographic_quote
from quiz.model.locate import LineIndex
from quiz.model.pack import MAX_PACK_BYTES, PackError, Problem, file_name_problem
from quiz.model.text import clean_line

_TOML_ERROR_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


class WrittenFloat(float):
    """A TOML float that keeps the text it was written as.

    ``tomllib`` hands every float's text to its ``parse_float`` hook, and a
    number answer is shown as its author wrote it: ``1e308``, not the 309
    digits of the float it stands for.
    """

    written: str

    def __new__(cls, text: str) -> WrittenFloat:
        """Read a float from its TOML text, keeping the text."""
        number = super().__new__(cls, text)
        number.written = text
        return number


class Document(NamedTuple):
    """A pack file parsed as TOML, not yet checked.

    Attributes:
        name: The file name to put in messages.
        text: The decoded file, for finding the line of a problem.
        table: What ``tomllib`` made of it.
    """

    name: str
    text: str
    table: dict[str, Any]


def read_document(data: bytes, name: str = "<pack>") -> Document:
    """Decode and parse a pack file, refusing what is too costly to parse first.

    Args:
        data: The whole file.
        name: The file name to put in messages.

    Returns:
        The parsed document.

    Raises:
        PackError: The file is too large, empty, not UTF-8, shaped to make the
            parser slow, or not TOML; one problem, located when it can be.
    """
    text = _decode(data, name)
    try:
        check_shape(text, data)
    except GuardError as error:
        raise PackError([Problem(name, error.message, line=error.line)]) from None
    try:
        table = tomllib.loads(text, parse_float=WrittenFloat)
    except tomllib.TOMLDecodeError as error:
        raise PackError([_syntax_problem(name, str(error), text)]) from None
    except ValueError:
        # The one ValueError that is not a syntax error: Python refuses to turn a
        # decimal integer of thousands of digits into an int.
        raise PackError([_long_integer_problem(name, text)]) from None
    except RecursionError:
        message = f"arrays or tables are nested more than {MAX_NESTING} deep"
        raise PackError([Problem(name, message, line=nesting_line(text))]) from None
    return Document(name, text, table)


def declared_text(document: Document) -> str | None:
    """The source text a pack file names, read even when the pack has other problems.

    Args:
        document: The parsed pack file.

    Returns:
        The ``[pack.source] text`` file name when it is a valid one, else
        None; :func:`~quiz.model.validate.validate` reports what is wrong with it.
    """
    header = document.table.get("pack")
    source = header.get("source") if isinstance(header, dict) else None
    name = source.get("text") if isinstance(source, dict) else None
    if not isinstance(name, str) or file_name_problem(name) is not None:
        return None
    return name


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_PACK_BYTES:
        raise PackError([Problem(name, f"is larger than {MAX_PACK_BYTES // 1024} KiB")])
    # isspace, unlike strip, looks no further than the first character that is
    # not white space, and makes no copy of the file.
    if not data or data.isspace():
        raise PackError([Problem(name, "is empty")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PackError(
            [Problem(name, f"is not UTF-8 text (byte 0x{data[error.start]:02x})", line=line)]
        ) from None
    text = text.removeprefix("\ufeff")
    if not text or text.isspace():
        raise PackError([Problem(name, "is empty")])
    return text


def _syntax_problem(name: str, message: str, text: str) -> Problem:
    match = _TOML_ERROR_AT.search(message)
    detail = _TOML_ERROR_AT.sub("", message).strip()
    if match is None:
        return Problem(name, f"TOML syntax error: {clean_line(detail)}")
    line, column = int(match.group(1)), int(match.group(2))
    lines = text.split("\n")
    hint = ""
    if line <= len(lines):
        here = lines[line - 1]
        hint = (
            typographic_quote(here, column) or broken_string(here, column) or typographic_end(here)
        )
    message = f"column {column}: TOML syntax error: {clean_line(detail)}{hint}"
    return Problem(name, message, line=line)


def _long_integer_problem(name: str, text: str) -> Problem:
    """Locate the integer with more digits than Python converts (``sys.int_info``)."""
    most = sys.get_int_max_str_digits()
    message = f"is an integer of more than {most:,} digits; no pack needs one"
    # The lookbehind starts each try at the beginning of a run of digits, so the
    # search stays linear in the length of the file.
    match = re.search(rf"(?<![0-9_])[0-9](?:_?[0-9]){{{most},}}", text)
    if match is None:
        return Problem(name, message)
    line = text.count("\n", 0, match.start()) + 1
    place = LineIndex(text).place(line)
    question = None if place.element is None else f"#{place.element + 1}"
    return Problem(name, message, line=line, question=question, field=place.key)
