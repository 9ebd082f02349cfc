"""One game at a time per data folder.

Two games saving into one progress file would each overwrite the other's
rounds. The first game holds an exclusive ``flock`` on ``quiz.lock`` in the data
folder for as long as it runs; a second one is refused with a clear message
instead of silently losing rounds. The operating system drops the lock when
the process ends, however it ends, so a crash never leaves a stale lock.
"""

from __future__ import annotations

import os
from pathlib import Path

LOCK_FILE = "quiz.lock"

try:
    import fcntl
except ImportError:  # Windows: no flock; one game at a time is up to the player there.
    fcntl = None  # type: ignore[assignment]


class AlreadyRunning(Exception):
    """Another game holds the data folder."""


class FolderLock:
    """An exclusive lock on a data folder, held until :meth:`release`."""

    def __init__(self, folder: Path) -> None:
        """Take the lock.

        Args:
            folder: The data folder; created if missing.

        Raises:
            AlreadyRunning: Another process holds it; the message says which.
            OSError: The folder or the lock file cannot be created.
        """
        self.path = folder / LOCK_FILE
        self._descriptor: int | None = None
        if fcntl is None:
            return
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip()
            os.close(descriptor)
            who = f" (process {owner})" if owner.isdigit() else ""
            raise AlreadyRunning(
                f"quiz is already running with the data folder {folder}{who}. "
                "Finish that game first, or use another folder with --data-dir."
            ) from None
        # The pid is only a hint for the message above; the lock is the flock itself.
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        self._descriptor = descriptor

    def release(self) -> None:
        """Let another game use the folder."""
        if self._descriptor is not None and fcntl is not None:
            fcntl.flock(self._descriptor, fcntl.LOCK_UN)
            os.close(self._descriptor)
            self._descriptor = None
