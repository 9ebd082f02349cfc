"""Saving without making the player wait on disk.

The UI thread hands a snapshot to a :class:`BackgroundSaver` and goes on at
once. A single writer thread writes it; a snapshot is the whole file's
contents to be, so snapshots that arrive while a write runs replace each
other, and the disk sees the latest state and never a queue of stale ones.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

ErrorHandler = Callable[[Exception], None]
Snapshot = TypeVar("Snapshot")


class BackgroundSaver(Generic[Snapshot]):
    """Writes the latest snapshot on a thread of its own."""

    def __init__(
        self, write: Callable[[Snapshot], None], on_error: ErrorHandler | None = None
    ) -> None:
        """Create the saver; its thread starts with the first snapshot.

        Args:
            write: Writes one snapshot whole, on the writer thread; raises when it fails.
            on_error: Called on the writer thread when a save fails.
        """
        self.write = write
        self.on_error = on_error
        self.saves = 0
        self.last_error: Exception | None = None
        self._pending: Snapshot | None = None
        self._busy = False
        self._closed = False
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, snapshot: Snapshot) -> None:
        """Queue a snapshot to be written; returns at once.

        Args:
            snapshot: Data no one will change afterwards; it replaces an unwritten one.
        """
        with self._condition:
            if self._closed:
                return
            self._pending = snapshot
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="quiz-saver", daemon=True)
                self._thread.start()
            self._condition.notify_all()

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every submitted snapshot is on disk.

        Args:
            timeout: Seconds to wait at most, None for no limit.

        Returns:
            True when nothing is left to write.
        """
        with self._condition:
            return self._condition.wait_for(
                lambda: self._pending is None and not self._busy, timeout=timeout
            )

    def close(self, timeout: float | None = 10.0) -> bool:
        """Write what is pending, then stop the thread.

        Returns:
            True when everything was written in time.
        """
        done = self.flush(timeout)
        with self._condition:
            self._closed = True
            self._condition.notify_all()
        return done

    def _run(self) -> None:
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending is not None or self._closed)
                snapshot, self._pending = self._pending, None
                if snapshot is None:
                    return
                self._busy = True
            try:
                self.write(snapshot)
            except Exception as error:  # noqa: BLE001 - the writer must outlive any one save
                self.last_error = error
                if self.on_error is not None:
                    with contextlib.suppress(Exception):
                        self.on_error(error)
            else:
                self.last_error = None
                self.saves += 1
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()
