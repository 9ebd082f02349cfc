"""A JSON copy of the progress file, for reading years of history quickly.

``tomllib`` is pure Python: ten years of history (a megabyte of TOML) take a
quarter of a second to parse, before the scores or even the best scores can
be shown. When a game ends it leaves ``progress.cache.json`` beside the
progress file: the same document as JSON, which Python parses in C, stamped
with the size and modification time of the progress file it mirrors. A reader
uses the copy only while that stamp still matches; any other time, or if the
copy is damaged, it reads the TOML file, which stays the one source of truth.

The copy is two lines. The first holds the stamp and a small index that the
game computed from the same progress (the best scores and the report that
``quiz packs`` and ``quiz scores`` print), so a listing reads that line alone;
the second holds the whole document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from quiz.store.files import file_stamp, open_cache, write_atomic

MIRROR_SUFFIX = ".cache.json"
MAX_MIRROR_BYTES = 256 * 1024 * 1024
"""Far more than the JSON of the largest progress file the game reads (64 MiB of TOML)."""
MAX_HEAD_BYTES = 16 * 1024 * 1024


def mirror_path(progress_path: Path) -> Path:
    """Where the copy of a progress file lives."""
    return progress_path.with_name(progress_path.stem + MIRROR_SUFFIX)


def write_mirror(
    progress_path: Path,
    document: dict[str, Any],
    index: dict[str, Any] | None = None,
    *,
    expected: list[int] | None = None,
) -> bool:
    """Write the copy of a progress file just written; failures only cost speed.

    Args:
        progress_path: The progress file, as it is on disk now.
        document: The same progress as plain data (``to_document``).
        index: What the listings read from the first line (see
            :mod:`quiz.cli.summary`), computed from the same progress.
        expected: The stamp of the file when ``document`` was read from it or
            last written to it (:func:`quiz.store.files.file_stamp`); if another
            program has replaced the file since, no copy is written.

    Returns:
        Whether the copy was written.
    """
    current = file_stamp(progress_path)
    if current is None or (expected is not None and current != expected):
        return False
    # json.dumps escapes line breaks inside strings, so each part is one line.
    head = json.dumps({"mirrors": current, "index": index or {}}, separators=(",", ":"))
    body = json.dumps(document, separators=(",", ":"))
    try:
        write_atomic(mirror_path(progress_path), f"{head}\n{body}\n".encode())
    except OSError:
        return False
    return True


def _head(progress_path: Path, *, whole: bool) -> tuple[dict[str, Any], bytes] | None:
    """The first line of the copy, parsed, and the rest unparsed (only when ``whole``)."""
    current = file_stamp(progress_path)
    if current is None:
        return None
    try:
        with open_cache(mirror_path(progress_path), MAX_MIRROR_BYTES) as file:
            head = json.loads(file.readline(MAX_HEAD_BYTES))
            rest = file.read() if whole else b""
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(head, dict) or head.get("mirrors") != current:
        return None
    return head, rest


def read_mirror(progress_path: Path) -> dict[str, Any] | None:
    """The progress document from the copy, if the copy is of the file as it is now."""
    found = _head(progress_path, whole=True)
    if found is None:
        return None
    try:
        document = json.loads(found[1])
    except (ValueError, RecursionError):
        return None
    return document if isinstance(document, dict) else None


def read_index(progress_path: Path) -> dict[str, Any] | None:
    """The index on the copy's first line, if the copy is of the file as it is now.

    Only that line is read: a listing of ten years of play does not parse them.
    """
    found = _head(progress_path, whole=False)
    if found is None:
        return None
    index = found[0].get("index")
    return index if isinstance(index, dict) else None
