"""A player's file, and the single progress file of format 1, read from their bytes.

Nothing here opens a file or writes one: the game's player file
(:mod:`quiz.store.player_file`), the listings (:mod:`quiz.store.progress`) and the
migration (:mod:`quiz.store.migrate`) read the bytes and hand them over, so a listing
loads neither the game's locking and saving nor the migration's writing.
"""

from __future__ import annotations

import tomllib

import rtoml

from quiz.model.history import Progress
from quiz.model.text import clean_line
from quiz.store.schema import (
    FORMAT,
    LEGACY_FORMAT,
    ProgressError,
    from_document,
    from_legacy_document,
)

MAX_PLAYER_BYTES = 64 * 1024 * 1024


class NewerFormat(Exception):
    """A file written by a newer version of the game."""


def parse(data: bytes, *, rounds: bool = True, questions: bool = True) -> tuple[str, Progress]:
    """Read a player's file from its bytes.

    Args:
        data: The whole file.
        rounds: Read the finished rounds too (see :func:`quiz.store.schema.from_document`).
        questions: Read each question's figures too (see the same).

    Returns:
        The player's name and progress.

    Raises:
        ProgressError: The file is damaged; the message says how.
        NewerFormat: A newer version of the game wrote it.
    """
    text = _text(data)
    try:
        document = rtoml.loads(text)
    except ValueError as error:  # rtoml's parse errors, huge numbers and deep nesting included
        raise ProgressError(clean_line(str(error))[:200]) from None
    version = document.get("format")
    if type(version) is int and version > FORMAT:
        raise NewerFormat(f"format {version}")
    return from_document(document, rounds=rounds, questions=questions)


class NewerLegacy(Exception):
    """A ``progress.toml`` of a format this version does not know."""


def parse_legacy(
    data: bytes, *, rounds: bool = True, questions: bool = True
) -> tuple[Progress, str, bool]:
    """Read a format-1 progress file from its bytes.

    Args:
        data: The whole file.
        rounds: Read the finished rounds too (see
            :func:`quiz.store.schema.from_legacy_document`).
        questions: Read each question's figures too (see the same).

    Returns:
        Every player's progress together, the player chosen last ("" for none) and
        whether confidence mode was on.

    Raises:
        ProgressError: It is damaged; the message says how.
        NewerLegacy: Its format is newer than format 1.
    """
    text = _text(data)
    try:
        document = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError) as error:  # ValueError: a huge integer
        raise ProgressError(clean_line(str(error))[:200]) from None
    except RecursionError:
        raise ProgressError("nested too deeply") from None
    version = document.get("format")
    if type(version) is int and version > LEGACY_FORMAT:
        raise NewerLegacy(f"format {version}")
    return from_legacy_document(document, rounds=rounds, questions=questions)


def _text(data: bytes) -> str:
    """A progress file's bytes as text, refused when too large or not UTF-8."""
    if len(data) > MAX_PLAYER_BYTES:
        raise ProgressError(f"larger than {MAX_PLAYER_BYTES // (1024 * 1024)} MiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ProgressError("not UTF-8 text") from None
