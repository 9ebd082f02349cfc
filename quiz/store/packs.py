"""Installing and removing the player's packs, and reading the files the CLI is given.

Pack files and source texts come from anyone, so reading them never follows a
symbolic link or blocks on a named pipe, and never reads more than the size
limit. An installed pack's file name is its id, which must be a plain slug,
and the final path is checked to be inside the user pack folder before a
byte is written; writing and removal go through :mod:`quiz.store.files`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from quiz.model.pack import LIMITS, MAX_PACK_BYTES, SLUG, PackError, Problem
from quiz.store import paths
from quiz.store.files import READ_FLAGS, remove_file, write_atomic

MAX_SOURCE_BYTES = 16 * 1024 * 1024


class StoreError(Exception):
    """A file the command refuses to touch, with a message for the player."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """Read a regular file that is no symbolic link, up to a size limit.

    Args:
        path: The file.
        limit: The largest size accepted, in bytes.

    Returns:
        The whole file.

    Raises:
        StoreError: It is missing, a link, a folder or special file, too
            large, or cannot be read; the message says which.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise StoreError("does not exist") from None
    except OSError as error:
        raise StoreError(f"cannot be read: {reason(error)}") from None
    _require_regular(info.st_mode)
    if info.st_size > limit:
        raise StoreError(f"is larger than {limit // 1024} KiB")
    try:
        # O_NOFOLLOW closes the gap between the lstat above and this open.
        descriptor = os.open(path, READ_FLAGS)
    except OSError as error:
        raise StoreError(f"cannot be read: {reason(error)}") from None
    try:
        with os.fdopen(descriptor, "rb") as stream:
            # The path may have been swapped after lstat; judge what was opened.
            _require_regular(os.fstat(stream.fileno()).st_mode)
            data = stream.read(limit + 1)
    except OSError as error:
        raise StoreError(f"cannot be read: {reason(error)}") from None
    if len(data) > limit:
        raise StoreError(f"is larger than {limit // 1024} KiB")
    return data


def read_pack_file(path: Path) -> bytes:
    """Read a pack file's bytes for :func:`~quiz.model.pack.parse_pack`.

    Raises:
        PackError: The file cannot be read safely, located by its name.
    """
    try:
        return read_regular_file(path, MAX_PACK_BYTES)
    except StoreError as error:
        raise PackError([Problem(str(path), str(error))]) from None


def installed_path(folder: Path, pack_id: str) -> Path:
    """Where a user pack with this id lives.

    Args:
        folder: The data folder.
        pack_id: The pack's id.

    Returns:
        ``<folder>/packs/<id>.toml``.

    Raises:
        StoreError: The id is not a slug.
    """
    if len(pack_id) > LIMITS["id"] or not SLUG.match(pack_id):
        raise StoreError(f"{pack_id[:80]!r} is not a pack id")
    return paths.user_packs_dir(folder) / f"{pack_id}.toml"


def install(folder: Path, pack_id: str, data: bytes) -> Path:
    """Write a validated pack's bytes as the user pack with this id, atomically.

    Args:
        folder: The data folder.
        pack_id: The id the bytes were validated to carry.
        data: The pack file, exactly as validated.

    Returns:
        The installed file.

    Raises:
        StoreError: The target is a link, folder or special file.
        OSError: It could not be written; any previous file is intact.
    """
    target = installed_path(folder, pack_id)
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None:
        _require_regular(mode, f"{target} ")
    _require_inside(target, folder)
    write_atomic(target, data)
    return target


def uninstall(folder: Path, pack_id: str) -> Path:
    """Remove the user pack with this id.

    Returns:
        The removed file.

    Raises:
        FileNotFoundError: No user pack file has this id.
        StoreError: The id is not a slug, or the file is a link or not a regular file.
        OSError: It could not be removed.
    """
    target = installed_path(folder, pack_id)
    _require_regular(target.lstat().st_mode, f"{target} ")
    _require_inside(target, folder)
    remove_file(target)
    return target


def reason(error: OSError) -> str:
    """The human part of an OSError, such as ``Permission denied``."""
    return error.strerror or str(error)


def _require_regular(mode: int, prefix: str = "") -> None:
    if stat.S_ISLNK(mode):
        raise StoreError(f"{prefix}is a symbolic link, not a regular file")
    if stat.S_ISDIR(mode):
        raise StoreError(f"{prefix}is a folder, not a file")
    if stat.S_ISFIFO(mode):
        raise StoreError(f"{prefix}is a named pipe, not a regular file")
    if not stat.S_ISREG(mode):
        raise StoreError(f"{prefix}is not a regular file")


def _require_inside(target: Path, folder: Path) -> None:
    """Refuse a path that resolves outside the user pack folder.

    A slug cannot name another folder and links are refused before this;
    the check stays so that no later change can make either untrue unseen.
    """
    packs = paths.user_packs_dir(folder).resolve()
    if target.resolve().parent != packs:
        raise StoreError(f"{target} is not inside the user pack folder {packs}")
