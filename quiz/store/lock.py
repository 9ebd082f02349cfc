"""One game per player at a time: an exclusive ``flock`` on the player's own file.

Two games saving one player's file would each overwrite the other's rounds, so
the game holds an exclusive lock on that file for as long as it runs, and a
second game of the same player is refused with a clear message. Games of
different players lock different files and never wait for each other.

The lock is on the data itself, not on a lock file beside it: deleting a
file cannot let a second game in. Every save replaces the file with a new
one, which is locked before it takes the name (see
:func:`quiz.store.files.replace_locked`), and an opener checks, once it holds
a lock, that the name still leads to the file it locked. The operating system
drops the lock when the process ends, however it ends, so a crash never leaves
a stale lock.

Deleting the file itself while a game runs unlinks the file that game holds:
a second game then finds no file, creates one and plays. Neither can know of
the other, so the first game looks before each save (:func:`rewrite`). If the
name still leads to the file it holds, it replaces it as usual. If the name
leads nowhere, it creates the file afresh, locked before it takes the name,
and the history goes on. If another file has the name, it may hold another
game's rounds: the first game never writes over it; that save and every later
one fail with :class:`Displaced`, which the game shows as any failed save.
The look and the replace are two steps; only a file deleted and a second game
started in the moment between them gets past the look, and that game's first
save then finds itself displaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

from quiz.store.files import create_locked, open_regular, read_whole, replace_locked

# Windows has no flock: one game per player is up to the players there. The
# platform test, unlike a caught ImportError, is one that mypy follows.
if sys.platform != "win32":
    import fcntl

LOCKING = sys.platform != "win32"
ATTEMPTS = 20  # each one lost only to another game creating or saving the file meanwhile
UNLIMITED = 2**62


class AlreadyPlaying(Exception):
    """Another game holds the player's file."""

    def __init__(self, player: str, owner: int | None) -> None:
        """Say who plays and, when known, in which process.

        Args:
            player: The player's name.
            owner: The process id of the game that holds the file, if it said.
        """
        where = f" (process {owner})" if owner is not None else ""
        super().__init__(
            f"{player} is already playing in another quiz{where}. "
            "Finish that game first, or play as someone else with --player."
        )


class Displaced(OSError):
    """The player's file was deleted during the game and another file has its name."""

    def __init__(self, path: Path) -> None:
        """Name the file.

        Args:
            path: The player's file.
        """
        super().__init__(
            errno.EEXIST,
            "it was deleted during this game and another file took its place",
            str(path),
        )


def hold(path: Path, player: str) -> int:
    """Open and lock a player's file, creating it, empty, for a new player.

    Args:
        path: The player's file.
        player: Their name, for the refusal.

    Returns:
        The file's descriptor, open and locked until it is closed.

    Raises:
        AlreadyPlaying: Another game holds it.
        OSError: It is not a regular file (a link, a folder, a named pipe), it
            cannot be opened, or this file system does not lock.
    """
    for _ in range(ATTEMPTS):
        try:
            descriptor = open_regular(path, UNLIMITED)
        except FileNotFoundError:
            try:
                descriptor = create_locked(path, b"", lock)
            except FileExistsError:
                continue  # another game created it first
        else:
            try:
                lock(descriptor)
            except BlockingIOError:
                os.close(descriptor)
                raise AlreadyPlaying(player, owner(path)) from None
            except BaseException:
                os.close(descriptor)
                raise
            if not names_the_same_file(descriptor, path):
                os.close(descriptor)  # replaced between the open and the lock
                continue
        note_owner(path)
        return descriptor
    raise OSError(errno.EAGAIN, "it keeps being replaced", str(path))


def lock(descriptor: int) -> None:
    """Take the exclusive lock on an open file without waiting.

    Raises:
        BlockingIOError: Another open file description holds it.
        OSError: The file system does not lock.
    """
    if sys.platform != "win32":
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


def wait_for(descriptor: int) -> None:
    """Take the exclusive lock on an open file, waiting for whoever holds it.

    Raises:
        OSError: The file system does not lock.
    """
    if sys.platform != "win32":
        fcntl.flock(descriptor, fcntl.LOCK_EX)


def rewrite(descriptor: int, path: Path, data: bytes) -> int:
    """Save a held file whole, never over a file that took its name (see the module docstring).

    Args:
        descriptor: The held file, open and locked.
        path: Its name.
        data: The complete new contents.

    Returns:
        The new file's descriptor, open and locked; the caller closes the old one.

    Raises:
        Displaced: Another file has the name; nothing was written.
        OSError: The file could not be written; the old one is untouched.
    """
    try:
        named = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        try:
            return create_locked(path, data, lock)
        except FileExistsError:
            raise Displaced(path) from None
    held = os.fstat(descriptor)
    if (named.st_dev, named.st_ino) != (held.st_dev, held.st_ino):
        raise Displaced(path)
    return replace_locked(path, data, lock)


def names_the_same_file(descriptor: int, path: Path) -> bool:
    """Whether ``path`` still leads to the open file (not to one that replaced it)."""
    try:
        named = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    held = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def owner_path(path: Path) -> Path:
    """Where the game holding ``path`` notes its process id, for the refusal message."""
    return path.with_name(f".{path.name}.pid")


def note_owner(path: Path) -> None:
    """Note this process as the holder; only a hint, so failing to is no matter."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_NONBLOCK", 0)  # a named pipe put there must not block the start
    with contextlib.suppress(OSError):
        descriptor = os.open(owner_path(path), flags, 0o600)
        try:
            os.write(descriptor, f"{os.getpid()}\n".encode())
        finally:
            os.close(descriptor)


def owner(path: Path) -> int | None:
    """The process id the holder of ``path`` noted, if it can be read."""
    try:
        text = read_whole(owner_path(path), 32).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
