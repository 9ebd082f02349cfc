"""Where a crash report goes, so the player sees one line instead of a traceback."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from quiz.store.files import write_atomic

CRASH_LOG = "crash.log"


def write_crash_log(folder: Path, report: str) -> Path | None:
    """Save a crash report, replacing the previous one.

    Args:
        folder: The data folder.
        report: The traceback and anything else worth keeping.

    Returns:
        The log's path, or None when it could not be written either.
    """
    path = folder / CRASH_LOG
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    try:
        write_atomic(path, f"quiz crashed at {stamp}\n\n{report}".encode())
    except OSError:
        return None
    return path
