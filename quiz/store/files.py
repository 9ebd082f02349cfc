"""The one place that writes files, and it writes them atomically; and how the caches are read.

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
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = _create_temporary(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(path.parent)


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new empty file ``.NAME.RANDOM.tmp`` beside ``path``, open for writing.

    What ``tempfile.mkstemp`` does, without importing tempfile (and shutil,
    random, bz2 and lzma behind it) at the start of every command.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
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
    """Write a file that must not exist yet, durably (used for backups).

    Raises:
        FileExistsError: The file exists; nothing was changed.
        OSError: The file could not be written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
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


def open_cache(path: Path, limit: int) -> BinaryIO:
    """Open one of the game's own cache files to read it, refusing anything else.

    A cache is only ever a regular file the game wrote. A link, a named pipe
    (which would block the reader), a device, or a file over ``limit`` bytes is
    refused, so a reader treats it as no cache at all.

    Raises:
        OSError: It is missing, refused, or cannot be opened.
    """
    descriptor = os.open(path, READ_FLAGS)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            raise OSError(errno.EINVAL, "not a cache file", str(path))
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def file_stamp(path: Path) -> list[int] | None:
    """What tells one version of a file from another: size, times and inode, or None.

    ctime and the inode change with every atomic replace and cannot be set back.
    """
    try:
        info = path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
