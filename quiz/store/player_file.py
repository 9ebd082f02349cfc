"""One player's file, ``players/<slug>.toml``: held by one game, read whole, written whole.

The game opens its player's file when it starts and keeps it locked until it
closes (:mod:`quiz.store.lock`), so the same player cannot play twice at once
while different players never wait for each other. The file is parsed
(:mod:`quiz.store.decoding`) and written with rtoml, whole each time: a compiled
reader and writer are fast enough for years of rounds, so the file needs no copy,
cache or partial write.
Writes happen on a background thread (:mod:`quiz.store.saver`); a save that
arrives while another runs replaces it. A held file deleted during the game is
created afresh, but a file that took its name is never written over.

Loading never loses data. A file that cannot be understood is copied byte for
byte to a private backup beside it before the player starts afresh; a file
written by a newer version of the game, a file of another player, or one that
cannot be read at all is left alone and nothing is saved. Only regular files
are opened: a link, a folder or a named pipe in the file's place is refused
with a message, never followed and never waited on.
"""

from __future__ import annotations

import contextlib
import errno
import os
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import rtoml

from quiz.model.history import Progress, RoundRecord
from quiz.model.text import clean_line
from quiz.store import lock
from quiz.store.decoding import MAX_PLAYER_BYTES, NewerFormat, parse
from quiz.store.files import (
    read_descriptor,
    read_whole,
    remove_stale_temporaries,
    write_atomic,
    write_new,
)
from quiz.store.saver import BackgroundSaver, ErrorHandler
from quiz.store.schema import ProgressError, rounds_to_list, to_document


def render(player: str, progress: Progress) -> bytes:
    """The whole file for a player's progress."""
    return rtoml.dumps(to_document(player, progress)).encode("utf-8")


# The records here are named tuples: a dataclass compiles its generated methods at
# import, and the game imports this module as it starts.
class Snapshot(NamedTuple):
    """What a save writes, copied on the game's thread: the document without the
    rounds, and the rounds themselves, which are immutable and turned into text
    on the saver's thread."""

    document: dict[str, Any]
    rounds: tuple[RoundRecord, ...]

    def to_bytes(self) -> bytes:
        """The whole file."""
        document = dict(self.document)
        document["rounds"] = rounds_to_list(document["player"], list(self.rounds))
        return rtoml.dumps(document).encode("utf-8")


class Loaded(NamedTuple):
    """The result of reading a player's file.

    Attributes:
        progress: What was read, or a fresh start.
        notice: Something the player should be told, or None.
        writable: False when saving would destroy data the game could not read.
        reason: Why nothing is saved, in a few words naming the file, when not writable.
    """

    progress: Progress
    notice: str | None = None
    writable: bool = True
    reason: str | None = None


class PlayerFile:
    """One player's file, for the life of a game."""

    def __init__(
        self,
        path: Path,
        player: str,
        *,
        held: int | None = None,
        on_error: ErrorHandler | None = None,
    ) -> None:
        """Take charge of the file; nothing is read until :meth:`load`.

        Args:
            path: The file (:func:`quiz.store.paths.player_path`).
            player: The player's name, as kept (see :func:`quiz.model.text.clean_player`).
            held: The file's descriptor, locked by :func:`quiz.store.lock.hold`, as
                the game holds it; this object closes it. None when nothing is locked.
            on_error: Called on the saver's thread when a save fails.
        """
        self.player = player
        self.path = path
        self.writable = True
        self._descriptor = held
        self._displaced: lock.Displaced | None = None
        self._saver = BackgroundSaver(self._write, on_error)
        if held is not None:
            remove_stale_temporaries(path)  # left by a game killed mid-save

    def load(self) -> Loaded:
        """Read the file, protecting whatever is there.

        Returns:
            The progress, plus a notice when the file was damaged, unreadable,
            of another player or from a newer version.
        """
        try:
            data = self._read()
        except FileNotFoundError:
            return Loaded(Progress())
        except OSError as error:
            return self._refuse(f"could not be read ({reason(error)})")
        if not data:
            return Loaded(Progress())  # a new player's file, created to be locked
        try:
            player, progress = parse(data)
        except NewerFormat as newer:
            self.writable = False
            why = f"{self.path} was written by a newer version of quiz ({newer})"
            return Loaded(
                Progress(),
                f"{why}. Upgrade quiz to keep playing with your history; it was left "
                "untouched and progress will not be saved this session.",
                writable=False,
                reason=why,
            )
        except (ProgressError, RecursionError) as error:
            return self._keep_corrupt(data, error)
        if player != self.player:
            return self._refuse(f"belongs to {player}, not {self.player}; it was left untouched")
        return Loaded(progress)

    def _refuse(self, why: str) -> Loaded:
        self.writable = False
        return Loaded(
            Progress(),
            f"{self.path} {why}; progress will not be saved this session.",
            writable=False,
            reason=f"{self.path} {why}",
        )

    def _read(self) -> bytes:
        if self._descriptor is not None:
            return read_descriptor(self._descriptor, MAX_PLAYER_BYTES)
        return read_whole(self.path, MAX_PLAYER_BYTES)

    def _keep_corrupt(self, data: bytes, error: Exception) -> Loaded:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        why = clean_line(str(error))[:200] if isinstance(error, ProgressError) else "too deep"
        for attempt in range(100):
            suffix = f"-{attempt}" if attempt else ""
            backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}{suffix}")
            try:
                write_new(backup, data)
            except FileExistsError:
                continue
            except OSError as failure:
                self.writable = False
                refused = (
                    f"{self.path} could not be read ({why}) and could not be backed up "
                    f"({reason(failure)})"
                )
                return Loaded(
                    Progress(),
                    f"{refused}; it was left untouched and progress will not be saved "
                    "this session.",
                    writable=False,
                    reason=refused,
                )
            # With the bytes safe in the backup, start the new history on disk at once, so
            # the next start does not back the same damaged file up again.
            with contextlib.suppress(OSError):
                self._write(self.snapshot(Progress()))
            return Loaded(
                Progress(),
                f"{self.path} could not be read ({why}). Its contents were kept in "
                f"{backup}; a new history starts now.",
            )
        self.writable = False
        refused = f"{self.path} could not be read or backed up"
        return Loaded(Progress(), f"{refused}.", writable=False, reason=refused)

    def snapshot(self, progress: Progress) -> Snapshot:
        """Copy what a save of ``progress`` writes (see :class:`Snapshot`)."""
        rest = Progress(packs=progress.packs, current=progress.current, players=progress.players)
        document = to_document(self.player, rest)
        return Snapshot(document, tuple(progress.rounds))

    def save(self, progress: Progress) -> None:
        """Hand the whole progress to the background saver; returns at once."""
        if self.writable:
            self._saver.submit(self.snapshot(progress))

    def _write(self, snapshot: Snapshot) -> None:
        data = snapshot.to_bytes()
        if self._descriptor is None:
            write_atomic(self.path, data)
            return
        if self._displaced is not None:
            raise self._displaced  # the name is another game's for good
        try:
            replacement = lock.rewrite(self._descriptor, self.path, data)
        except lock.Displaced as displaced:
            self._displaced = displaced
            raise
        held, self._descriptor = self._descriptor, replacement
        os.close(held)

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every save handed over is on disk.

        Returns:
            True when nothing is left to write.
        """
        return self._saver.flush(timeout)

    @property
    def save_error(self) -> Exception | None:
        """Why the last save failed, or None when it succeeded (or none was needed)."""
        return self._saver.last_error

    @property
    def saves(self) -> int:
        """How many saves reached the disk."""
        return self._saver.saves

    def close(self, timeout: float | None = 10.0) -> bool:
        """Finish writing, stop the saver and let another game have the file.

        Returns:
            True when everything reached the disk.
        """
        try:
            return self._saver.close(timeout)
        finally:
            if self._descriptor is not None:
                os.close(self._descriptor)
                self._descriptor = None


def reason(error: OSError) -> str:
    """Why a file could not be opened or read, in words."""
    if error.errno == errno.ELOOP:
        return "it is a symbolic link"
    return error.strerror or str(error)
