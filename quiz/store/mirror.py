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

from quiz.store.files import write_atomic

MIRROR_SUFFIX = ".cache.json"


def mirror_path(progress_path: Path) -> Path:
    """Where the copy of a progress file lives."""
    return progress_path.with_name(progress_path.stem + MIRROR_SUFFIX)


def _stamp(progress_path: Path) -> list[int] | None:
    try:
        info = progress_path.stat()
    except OSError:
        return None
    # ctime and the inode change with every atomic replace and cannot be set back.
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def write_mirror(
    progress_path: Path, document: dict[str, Any], index: dict[str, Any] | None = None
) -> bool:
    """Write the copy of a progress file just written; failures only cost speed.

    Args:
        progress_path: The progress file, as it is on disk now.
        document: The same progress as plain data (``to_document``).
        index: What the listings read from the first line (see
            :mod:`quiz.cli.summary`), computed from the same progress.

    Returns:
        Whether the copy was written.
    """
    stamp = _stamp(progress_path)
    if stamp is None:
        return False
    # json.dumps escapes line breaks inside strings, so each part is one line.
    head = json.dumps({"mirrors": stamp, "index": index or {}}, separators=(",", ":"))
    body = json.dumps(document, separators=(",", ":"))
    try:
        write_atomic(mirror_path(progress_path), f"{head}\n{body}\n".encode())
    except OSError:
        return False
    return True


def _head(progress_path: Path, *, whole: bool) -> tuple[dict[str, Any], bytes] | None:
    """The first line of the copy, parsed, and the rest unparsed (only when ``whole``)."""
    stamp = _stamp(progress_path)
    if stamp is None:
        return None
    try:
        with mirror_path(progress_path).open("rb") as file:
            head = json.loads(file.readline())
            rest = file.read() if whole else b""
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(head, dict) or head.get("mirrors") != stamp:
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
