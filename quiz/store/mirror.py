"""A JSON copy of the progress file, for reading years of history quickly.

``tomllib`` is pure Python: ten years of history (a megabyte of TOML) take a
quarter of a second to parse, before the scores or even the best scores can
be shown. When a game ends it leaves ``progress.cache.json`` beside the
progress file: the same document as JSON, which Python parses in C, stamped
with the size and modification time of the progress file it mirrors. A reader
uses the copy only while that stamp still matches; any other time, or if the
copy is damaged, it reads the TOML file, which stays the one source of truth.
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


def write_mirror(progress_path: Path, document: dict[str, Any]) -> bool:
    """Write the copy of a progress file just written; failures only cost speed.

    Args:
        progress_path: The progress file, as it is on disk now.
        document: The same progress as plain data (``to_document``).

    Returns:
        Whether the copy was written.
    """
    stamp = _stamp(progress_path)
    if stamp is None:
        return False
    data = json.dumps({"mirrors": stamp, "document": document}, separators=(",", ":"))
    try:
        write_atomic(mirror_path(progress_path), data.encode("utf-8"))
    except OSError:
        return False
    return True


def read_mirror(progress_path: Path) -> dict[str, Any] | None:
    """The progress document from the copy, if the copy is of the file as it is now."""
    stamp = _stamp(progress_path)
    try:
        data = json.loads(mirror_path(progress_path).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("mirrors") != stamp or stamp is None:
        return None
    document = data.get("document")
    return document if isinstance(document, dict) else None
