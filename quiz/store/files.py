"""The one place that writes files, atomically; and the one reader of files, trusted or not.

A reader (or the next start after a crash or power cut) sees either the old
file or the new one, never a mix: the bytes go to a temporary file in the
same folder, are flushed and fsynced, and replace the target with
``os.replace``; then the folder itself is fsynced so the rename is durable.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

# For reading untrusted paths: a named pipe opens at once with O_NONBLOCK, to be
# refused instead of blocking; O_NOFOLLOW refuses a link. Either may be missing
# off POSIX.
READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace a file's contents atomically and durably.

    Args:
        path: The file to write; its folder is created if missing.
        data: The complete new contents.

    Raises:
        OSError: The file could not be written; the old file is untouched.
    """
    os.close(_replace(path, data, lock=None))


def replace_locked(path: Path, data: bytes, lock: Callable[[int], None]) -> int:
    """Replace a file as :func:`write_atomic` does, the new file locked before it takes the name.

    A lock held on a file that ``os.replace`` swaps out guards a name no one
    opens any more; locking the new file first leaves no moment at which the
    name is unguarded.

    Args:
        path: The file to write.
        data: The complete new contents.
        lock: Locks a descriptor (of the new, still nameless file).

    Returns:
        The new file's descriptor, open and locked; the caller closes it.

    Raises:
        OSError: The file could not be written or locked; the old file is untouched.
    """
    return _replace(path, data, lock=lock)


def create_locked(path: Path, data: bytes, lock: Callable[[int], None]) -> int:
    """Create a file that must not exist yet, complete and locked from its first moment.

    The bytes go to a temporary file, which is locked and then linked under the
    name; a link, unlike a rename, fails when the name is taken, so of two
    programs creating the same file at once exactly one succeeds.

    Returns:
        The new file's descriptor, open and locked; the caller closes it.

    Raises:
        FileExistsError: The file exists; nothing was changed.
        OSError: It could not be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = _create_temporary(path)
    try:
        _write_all(handle, data)
        lock(handle)
        os.link(temporary, path)
    except BaseException:
        os.close(handle)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):
        os.unlink(temporary)
    fsync_folder(path.parent)
    return handle


def _replace(path: Path, data: bytes, lock: Callable[[int], None] | None) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = _create_temporary(path)
    try:
        _write_all(handle, data)
        if lock is not None:
            lock(handle)
        os.replace(temporary, path)
    except BaseException:
        os.close(handle)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    try:
        fsync_folder(path.parent)
    except BaseException:
        os.close(handle)
        raise
    return handle


def _write_all(handle: int, data: bytes) -> None:
    """Write every byte and make them durable."""
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]
    os.fsync(handle)


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new empty file ``.NAME.RANDOM.tmp`` beside ``path``, open for writing.

    What ``tempfile.mkstemp`` does, without importing tempfile (and shutil,
    random, bz2 and lzma behind it) at the start of every command. It is open
    for reading too: a locked file is read back through its descriptor.
    """
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temporary = os.path.join(path.parent, f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(temporary, flags, 0o600), temporary
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(path.parent))


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in this folder durable (where the OS allows)."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def write_new(path: Path, data: bytes) -> None:
    """Write a private file that must not exist yet, durably (used for backups).

    The file is readable by its owner alone, as the game's own files are, and a
    write that fails part-way leaves nothing behind.

    Raises:
        FileExistsError: The file exists; nothing was changed.
        OSError: The file could not be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags | getattr(os, "O_BINARY", 0), 0o600)
    try:
        _write_all(handle, data)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    finally:
        os.close(handle)
    fsync_folder(path.parent)


def remove_file(path: Path) -> None:
    """Delete one file durably: a symbolic link itself, never its target or a folder.

    Raises:
        OSError: It could not be removed (missing, a folder, no permission).
    """
    os.unlink(path)
    fsync_folder(path.parent)


def remove_stale_temporaries(path: Path) -> int:
    """Delete temporary files that an interrupted :func:`write_atomic` of ``path`` left.

    Only safe while nothing else can be writing ``path``: the game calls it while it
    holds the data folder's lock.

    Returns:
        How many were removed.
    """
    removed = 0
    for temporary in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            temporary.unlink()
            removed += 1
    return removed


class Refused(OSError):
    """A file that is not read: a link, a folder, a named pipe or device, or too large.

    ``strerror`` says why in the player's words (``is a folder, not a file``),
    to follow the file's name.
    """

    def __init__(self, path: Path | None, why: str) -> None:
        """Refuse a file.

        Args:
            path: The file, when known.
            why: Why, in the player's words.
        """
        super().__init__(errno.EINVAL, why, None if path is None else str(path))


def refusal(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is not read or written as a file, or None if it is.

    Args:
        mode: From ``lstat`` (a link is refused) or ``fstat``.
    """
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "is a symbolic link, not a regular file"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe, not a regular file"
    return "is not a regular file"


def too_large(limit: int) -> str:
    """Why a file over ``limit`` bytes is not read, in the player's words."""
    if limit >= 1024 * 1024 and limit % (1024 * 1024) == 0:
        return f"is larger than {limit // (1024 * 1024)} MiB"
    if limit >= 1024 and limit % 1024 == 0:
        return f"is larger than {limit // 1024} KiB"
    return f"is larger than {limit:,} bytes"


def open_regular(path: Path, limit: int) -> int:
    """Open a file to read it, refusing what is not a regular file: the one opener of them all.

    Packs, source texts and the game's own files all come here. A symbolic link
    (which could lead anywhere), a named pipe (which would block the reader), a
    device, a folder, or a file over ``limit`` bytes is refused. The file is
    judged before it is opened and again once open, in case the name was
    swapped between the two.

    Returns:
        A descriptor open for reading; the caller closes it.

    Raises:
        FileNotFoundError: It is missing.
        Refused: It is not read, and ``strerror`` says why.
        OSError: It cannot be opened.
    """
    _judge(path, path.lstat())
    try:
        descriptor = os.open(path, READ_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:  # O_NOFOLLOW: a link took the name after lstat
            raise Refused(path, refusal(stat.S_IFLNK) or "") from None
        raise
    try:
        info = os.fstat(descriptor)
        _judge(path, info)
        if info.st_size > limit:
            raise Refused(path, too_large(limit))
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _judge(path: Path, info: os.stat_result) -> None:
    why = refusal(info.st_mode)
    if why is not None:
        raise Refused(path, why)


def read_descriptor(descriptor: int, limit: int) -> bytes:
    """Every byte of an open file from its start, refusing more than ``limit``.

    Raises:
        Refused: It grew past the limit.
        OSError: It cannot be read.
    """
    os.lseek(descriptor, 0, os.SEEK_SET)
    chunks = []
    size = 0
    while chunk := os.read(descriptor, 1 << 20):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise Refused(None, too_large(limit))
    return b"".join(chunks)


def read_whole(path: Path, limit: int) -> bytes:
    """Read a file whole (see :func:`open_regular`).

    Raises:
        FileNotFoundError: It is missing.
        Refused: It is not read, and ``strerror`` says why.
        OSError: It cannot be read.
    """
    descriptor = open_regular(path, limit)
    try:
        return read_descriptor(descriptor, limit)
    finally:
        os.close(descriptor)


def open_cache(path: Path, limit: int) -> BinaryIO:
    """Open one of the game's own cache files to read it (see :func:`open_regular`).

    Raises:
        OSError: It is missing, refused, or cannot be opened.
    """
    return os.fdopen(open_regular(path, limit), "rb")
