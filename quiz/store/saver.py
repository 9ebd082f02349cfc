"""Saving progress without making the player wait on disk.

The UI thread hands a snapshot of the progress to a :class:`BackgroundSaver`
and goes on at once. A single writer thread renders it to bytes and writes it
atomically; snapshots that arrive while it is busy are merged (or, for plain
documents, replace each other), so the disk sees the latest state and never a
queue of stale ones.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quiz.store.files import file_stamp, write_atomic
from quiz.store.progress import dumps

ErrorHandler = Callable[[Exception], None]
Render = Callable[[Any], bytes]


class BackgroundSaver:
    """Writes the latest progress snapshot on a thread of its own."""

    def __init__(
        self, path: Path, on_error: ErrorHandler | None = None, render: Render = dumps
    ) -> None:
        """Create the saver; its thread starts with the first snapshot.

        Args:
            path: The progress file.
            on_error: Called on the writer thread when a save fails.
            render: Turns a snapshot into the file's bytes, on the writer thread.
                A snapshot with a ``merge`` method is merged into an unwritten one.
        """
        self.path = path
        self.on_error = on_error
        self.render = render
        self.saves = 0
        self.last_error: Exception | None = None
        self.written: list[int] | None = None
        """The stamp of the file after the last save (:func:`quiz.store.files.file_stamp`)."""
        self._pending: Any = None
        self._busy = False
        self._closed = False
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None

    def submit(self, snapshot: Any) -> None:
        """Queue a snapshot to be written; returns at once.

        Args:
            snapshot: Data no one will change afterwards: a progress document, or a
                :class:`~quiz.store.snapshot.Snapshot`.
        """
        with self._condition:
            if self._closed:
                return
            pending = self._pending
            merge = getattr(pending, "merge", None)
            self._pending = snapshot if merge is None else merge(snapshot)
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
                if self._pending is None:
                    return
                document, self._pending = self._pending, None
                self._busy = True
            try:
                write_atomic(self.path, self.render(document))
            except Exception as error:  # noqa: BLE001 - the writer must outlive any one save
                self.last_error = error
                if self.on_error is not None:
                    with contextlib.suppress(Exception):
                        self.on_error(error)
            else:
                self.last_error = None
                self.written = file_stamp(self.path)
                self.saves += 1
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()
