"""The progress file: a versioned TOML document, read strictly, written atomically.

Loading never loses data. A file that cannot be understood is copied byte for
byte to a backup beside it before the game starts afresh; a file written by a
newer version of the game, or one that cannot be read at all, is left alone
and the session does not save.
"""

from __future__ import annotations

import contextlib
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from quiz.model.history import Progress
from quiz.model.text import clean_line
from quiz.store import paths
from quiz.store.files import write_atomic, write_new
from quiz.store.mirror import read_mirror
from quiz.store.schema import FORMAT, ProgressError, from_document, to_document
from quiz.store.snapshot import render_full

__all__ = ["FORMAT", "Loaded", "ProgressError", "dumps", "from_document", "load", "save",
           "to_document"]

MAX_PROGRESS_BYTES = 64 * 1024 * 1024


@dataclass
class Loaded:
    """The result of reading the progress file.

    Attributes:
        progress: What was read, or a fresh start.
        notice: Something the player should be told, or None.
        writable: False when saving would destroy data the game could not read.
    """

    progress: Progress
    notice: str | None = None
    writable: bool = True


def load(path: Path) -> Loaded:
    """Read the progress file, protecting whatever is there.

    Args:
        path: The progress file.

    Returns:
        The progress, plus a notice when the file was missing parts, corrupt,
        unreadable or from a newer version.
    """
    document = read_mirror(path)
    if document is not None:
        try:
            return Loaded(from_document(document))
        except (ProgressError, RecursionError):
            pass  # A damaged copy: the TOML file decides.
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Loaded(Progress())
    except OSError as error:
        reason = error.strerror or str(error)
        return Loaded(
            Progress(),
            f"Could not read {path}: {reason}. Progress will not be saved this session.",
            writable=False,
        )
    try:
        if len(data) > MAX_PROGRESS_BYTES:
            raise ProgressError(f"larger than {MAX_PROGRESS_BYTES // (1024 * 1024)} MiB")
        document = tomllib.loads(data.decode("utf-8"))
        version = document.get("format")
        if type(version) is int and version > FORMAT:
            return Loaded(
                Progress(),
                f"{path} was written by a newer version of quiz (format {version}). "
                "Upgrade quiz to keep playing with your history; it was left untouched "
                "and progress will not be saved this session.",
                writable=False,
            )
        return Loaded(from_document(document))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ProgressError, RecursionError) as error:
        return _keep_corrupt(path, data, error)


def _keep_corrupt(path: Path, data: bytes, error: Exception) -> Loaded:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for attempt in range(100):
        suffix = f"-{attempt}" if attempt else ""
        backup = path.with_name(f"{path.name}.corrupt-{stamp}{suffix}")
        try:
            write_new(backup, data)
        except FileExistsError:
            continue
        except OSError as failure:
            return Loaded(
                Progress(),
                f"{path} could not be read ({_reason(error)}) and could not be backed up "
                f"({failure.strerror or failure}); it was left untouched and progress will not "
                "be saved this session.",
                writable=False,
            )
        # With the bytes safe in the backup, start the new history on disk at once, so
        # the next start does not back the same damaged file up again.
        with contextlib.suppress(OSError):
            write_atomic(path, render_full(Progress()))
        return Loaded(
            Progress(),
            f"{path} could not be read ({_reason(error)}). Its contents were kept in "
            f"{backup}; a new history starts now.",
        )
    return Loaded(Progress(), f"{path} could not be read or backed up.", writable=False)


def _reason(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(error, RecursionError):
        return "nested too deeply"
    # Field names in the message come from the file, which may hold control characters.
    return clean_line(str(error))[:200]


def save(path: Path, progress: Progress) -> None:
    """Write the progress file atomically (see :mod:`quiz.store.files`).

    Raises:
        OSError: It could not be written; the previous file is intact.
    """
    write_atomic(path, render_full(progress))


def dumps(document: dict[str, Any]) -> bytes:
    """Serialise a progress document to TOML bytes."""
    return tomli_w.dumps(document).encode("utf-8")


def read_progress(folder: Path, *, rounds: bool = True) -> tuple[Progress | None, str | None]:
    """Read the progress file without changing anything on disk.

    :func:`quiz.store.progress.load` backs a corrupt file up before the game
    starts afresh; a listing must not leave a new backup on every run.

    Args:
        folder: The data folder.
        rounds: Read the records of finished rounds too; ``quiz packs`` needs
            only the totals (of 3,650 rounds, the records are most of the work).

    Returns:
        The progress (empty when there is no file yet) and None, or None and
        a sentence saying why it could not be read.
    """
    path = paths.progress_path(folder)
    mirrored = read_mirror(path)
    if mirrored is not None:
        with contextlib.suppress(ProgressError, RecursionError):
            return from_document(mirrored, rounds=rounds), None
    try:
        if path.stat().st_size > MAX_PROGRESS_BYTES:
            return None, f"{path} is too large to read"
        data = path.read_bytes()
    except FileNotFoundError:
        return Progress(), None
    except OSError as error:
        return None, f"{path} could not be read: {error.strerror or str(error)}"
    try:
        document = tomllib.loads(data.decode("utf-8"))
        version = document.get("format")
        if type(version) is int and version > FORMAT:
            return None, f"{path} was written by a newer version of quiz"
        return from_document(document, rounds=rounds), None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ProgressError, RecursionError):
        return None, f"{path} could not be understood; the game will keep a backup of it"
