"""Reading pack files and source texts, and installing and removing the player's packs.

Pack files and source texts come from anyone, so reading them never follows a
symbolic link or blocks on a named pipe, and never reads more than the size
limit: :func:`quiz.store.files.open_regular` is the one reader of them all. An installed
pack's file name is its id, which must be a plain slug, and the final path is
checked to be inside the user pack folder before a byte is written; writing
and removal go through :mod:`quiz.store.files`.

A pack may name its article's plain text (``[pack.source] text``): a file
beside the pack, installed beside it under the same name, so the pack's
relative name still finds it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.model.document import declared_text, read_document
from quiz.model.pack import (
    LIMITS,
    MAX_PACK_BYTES,
    SLUG,
    Pack,
    PackError,
    Problem,
    file_name_problem,
)
from quiz.model.validate import parse_pack
from quiz.store import paths
from quiz.store.files import Refused, read_whole, refusal, remove_file, write_atomic

if TYPE_CHECKING:
    # Only named in a signature: the catalog itself loads packs with this module.
    from quiz.store.catalog import PackEntry

MAX_SOURCE_BYTES = 16 * 1024 * 1024
"""The largest article ``quiz check --source`` reads."""
MAX_TEXT_BYTES = 1024 * 1024
"""The largest source text a pack may carry beside it."""


class StoreError(Exception):
    """A file the command refuses to touch, with a message for the player."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """Read a regular file that is no symbolic link, up to a size limit.

    :func:`quiz.store.files.read_whole` reads it; this says why it did not in a
    :class:`StoreError`, for the command or screen to put after the file's name.

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
        return read_whole(path, limit)
    except FileNotFoundError:
        raise StoreError("does not exist") from None
    except Refused as refused:
        raise StoreError(refused.strerror) from None
    except OSError as error:
        raise StoreError(f"cannot be read: {reason(error)}") from None


def read_pack_file(path: Path) -> bytes:
    """Read a pack file's bytes for :func:`~quiz.model.validate.parse_pack`.

    Raises:
        PackError: The file cannot be read safely, located by its name.
    """
    try:
        return read_regular_file(path, MAX_PACK_BYTES)
    except StoreError as error:
        raise PackError([Problem(paths.printable(str(path)), str(error))]) from None


def load_pack(path: Path) -> Pack:
    """Read and validate a pack file.

    Args:
        path: The file to read. Symbolic links and special files are refused.

    Returns:
        The validated pack, which keeps the path.

    Raises:
        PackError: The file cannot be read or is not a valid pack.
    """
    return parse_pack(read_pack_file(path), paths.printable(str(path)), path)


def text_beside(pack_file: Path, name: str) -> Path:
    """Where a pack file's source text is: the file of that name in the pack's own folder.

    Args:
        pack_file: The pack file.
        name: The ``[pack.source] text`` it names, already checked to be a plain name.
    """
    return pack_file.parent / name


def source_text_path(pack: Pack) -> Path | None:
    """The source text file beside a loaded pack.

    Returns:
        The path, or None when the pack names no text or was not loaded from a file.
    """
    if pack.path is None or pack.source is None or pack.source.text is None:
        return None
    return text_beside(pack.path, pack.source.text)


def read_source_text(path: Path) -> str:
    """Read a pack's source text: UTF-8, without its byte order mark.

    Control characters are kept; the model removes them when it reads the text.

    Args:
        path: The text file. Symbolic links and special files are refused.

    Returns:
        The text.

    Raises:
        StoreError: It is missing, a link, a folder or special file, larger
            than :data:`MAX_TEXT_BYTES`, empty, not UTF-8 or holds a NUL
            byte; the message starts with the path.
    """
    return _source_text(path)[1]


def read_source_bytes(path: Path) -> bytes:
    """Read a pack's source text as :func:`read_source_text` does, and return its bytes.

    ``quiz add`` installs exactly the bytes that were checked.

    Raises:
        StoreError: The file is not usable text, as for :func:`read_source_text`.
    """
    return _source_text(path)[0]


def _source_text(path: Path) -> tuple[bytes, str]:
    try:
        data = read_regular_file(path, MAX_TEXT_BYTES)
    except StoreError as error:
        raise StoreError(f"{path}: {error}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise StoreError(f"{path}: holds a NUL byte (line {line}), so it is not plain text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise StoreError(f"{path}: is not UTF-8 text (line {line}); save it as UTF-8") from None
    text = text.removeprefix("\ufeff")
    if not text or text.isspace():  # as strip() would say, without copying the text
        raise StoreError(f"{path}: is empty")
    return data, text


def pack_file_text(path: Path) -> str | None:
    """The source text a pack file names, whether or not the pack is valid.

    Returns:
        The file name, or None when the file names none, cannot be read or
        names one that is not a plain file name.
    """
    try:
        return declared_text(read_document(read_pack_file(path), str(path)))
    except PackError:
        return None


def named_text(entry: PackEntry) -> str | None:
    """The source text an installed pack names; a broken pack's is read from its file."""
    if entry.error is None:
        return entry.summary.source_text
    return pack_file_text(entry.path)


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


def installed_text_path(folder: Path, name: str) -> Path:
    """Where a user pack's source text lives.

    Args:
        folder: The data folder.
        name: The ``[pack.source] text`` the pack names.

    Returns:
        ``<folder>/packs/<name>``.

    Raises:
        StoreError: The name is not a plain file name, or ends in ``.toml``
            (in the pack folder, the game would take it for a pack).
    """
    problem = file_name_problem(name)
    if problem is not None:
        raise StoreError(f"the source text name {name[:80]!r} {problem}")
    if name.casefold().endswith(".toml"):
        raise StoreError(
            f"the source text {name!r} ends in .toml, and in the pack folder it would be "
            "taken for a pack; rename it"
        )
    return paths.user_packs_dir(folder) / name


def install(folder: Path, pack_id: str, data: bytes, text: tuple[str, bytes] | None = None) -> Path:
    """Write a validated pack's bytes as the user pack with this id, atomically.

    With a source text, both files are installed or neither is: the text is
    written first, and put back as it was if the pack cannot be written.

    Args:
        folder: The data folder.
        pack_id: The id the bytes were validated to carry.
        data: The pack file, exactly as validated.
        text: The source text's file name and bytes, as checked by
            :func:`read_source_bytes`, when the pack names one.

    Returns:
        The installed pack file.

    Raises:
        StoreError: A target is a link, folder or special file, or the text's
            name cannot be installed.
        OSError: A file could not be written; any previous files are intact.
    """
    target = installed_path(folder, pack_id)
    _require_writable(target, folder)
    if text is None:
        write_atomic(target, data)
        return target
    name, text_data = text
    text_target = installed_text_path(folder, name)
    _require_writable(text_target, folder)
    existed = text_target.exists()
    previous: bytes | None = None
    if existed:
        with contextlib.suppress(StoreError):
            previous = read_regular_file(text_target, MAX_TEXT_BYTES)
    if previous != text_data:
        write_atomic(text_target, text_data)
    try:
        write_atomic(target, data)
    except BaseException:
        with contextlib.suppress(OSError):
            if not existed:
                remove_file(text_target)
            elif previous is not None and previous != text_data:
                write_atomic(text_target, previous)
        raise
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


def uninstall_text(folder: Path, name: str) -> Path:
    """Remove a user pack's source text.

    Returns:
        The removed file.

    Raises:
        FileNotFoundError: There is no such file.
        StoreError: The name is not one a pack may give, or the file is a
            link or not a regular file.
        OSError: It could not be removed.
    """
    target = installed_text_path(folder, name)
    _require_regular(target.lstat().st_mode, f"{target} ")
    _require_inside(target, folder)
    remove_file(target)
    return target


def reason(error: OSError) -> str:
    """The human part of an OSError, such as ``Permission denied``."""
    return error.strerror or str(error)


def _require_regular(mode: int, prefix: str = "") -> None:
    why = refusal(mode)
    if why is not None:
        raise StoreError(f"{prefix}{why}")


def _require_writable(target: Path, folder: Path) -> None:
    """Refuse to write over anything but a regular file, or outside the user pack folder."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None:
        _require_regular(mode, f"{target} ")
    _require_inside(target, folder)


def _require_inside(target: Path, folder: Path) -> None:
    """Refuse a path that resolves outside the user pack folder.

    A slug cannot name another folder and links are refused before this;
    the check stays so that no later change can make either untrue unseen.
    """
    packs = paths.user_packs_dir(folder).resolve()
    if target.resolve().parent != packs:
        raise StoreError(f"{target} is not inside the user pack folder {packs}")
