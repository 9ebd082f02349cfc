"""``quiz add FILE... [--replace]``: validate packs and install them for the player.

Each file is read once; those bytes are validated and those same bytes are
installed, so what was checked is what gets played. A pack is installed as
``<data dir>/packs/<id>.toml``. An id that is already taken is refused
unless the pack is byte-identical (nothing to do) or ``--replace`` is given;
a built-in pack can never be replaced. Replacing reports how much of the
player's progress on the pack carries over, since progress is keyed by
question id.
"""

from __future__ import annotations

import stat
from pathlib import Path

from quiz.cli.output import describe, plural, problems, say, warn
from quiz.model.history import Progress
from quiz.model.pack import MAX_PACK_BYTES, Pack, PackError, parse_pack
from quiz.session import PackEntry, discover
from quiz.store import paths
from quiz.store.packs import (
    StoreError,
    install,
    installed_path,
    read_pack_file,
    read_regular_file,
    reason,
)
from quiz.store.progress import read_progress


class Refused(Exception):
    """A pack that will not be installed, with the reason for the player."""


def run(
    folder: Path, files: list[Path], *, replace: bool = False, builtin_dir: Path | None = None
) -> int:
    """Install pack files into the user pack folder.

    Args:
        folder: The data folder.
        files: The pack files, each handled on its own.
        replace: Replace a different user pack that has the same id.
        builtin_dir: The built-in packs; the game's own folder by default.

    Returns:
        0 when every file was installed or already was, 1 when any was refused.
    """
    builtin = discover(builtin_dir or paths.builtin_packs_dir(), builtin=True)
    failed = 0
    for path in files:
        try:
            say(_add(folder, path, builtin, replace=replace))
        except PackError as error:
            found = error.problems
            if len(found) == 1 and found[0].line is None:
                warn(f"{found[0]}; not installed")
            else:
                problems(found, error=True)
                warn(f"{path}: not installed: fix the {plural(len(found), 'problem')} above")
            failed += 1
        except Refused as refusal:
            warn(f"{path}: not installed: {refusal}")
            failed += 1
        except OSError as error:
            where = f" ({error.filename})" if error.filename else ""
            warn(f"{path}: not installed: could not write it: {reason(error)}{where}")
            failed += 1
    return 1 if failed else 0


def _add(folder: Path, path: Path, builtin: list[PackEntry], *, replace: bool) -> str:
    """Install one file.

    Returns:
        What was done, as a sentence.

    Raises:
        PackError: The file cannot be read or is not a valid pack.
        Refused: The id is taken, or the target is not safe to write.
        OSError: The pack could not be written.
    """
    data = read_pack_file(path)
    pack = parse_pack(data, str(path))
    for entry in builtin:
        if entry.pack is not None and entry.pack.id == pack.id:
            if _same_bytes(entry.path, data):
                return f"pack '{pack.id}' is already installed (built-in)"
            raise Refused(
                f"'{pack.id}' is the id of a built-in pack, and built-in packs cannot be "
                "replaced; give your pack another id"
            )
    try:
        target = installed_path(folder, pack.id)
    except StoreError as error:
        raise Refused(str(error)) from None
    _refuse_other_file(folder, pack, target)
    current = _installed(target)
    existed = current is not None
    if existed:
        if current == data:
            return f"pack '{pack.id}' is already installed ({target})"
        if not replace:
            raise Refused(
                f"a different pack with id '{pack.id}' is already installed at {target}; "
                "use --replace to replace it"
            )
    try:
        install(folder, pack.id, data)
    except StoreError as error:
        raise Refused(str(error)) from None
    if existed:
        return f"replaced pack {describe(pack)} at {target}: {_kept(folder, pack)}"
    return f"installed pack {describe(pack)} as {target}"


def _refuse_other_file(folder: Path, pack: Pack, target: Path) -> None:
    """Refuse when a user pack under another file name already has this id.

    Only a file copied in by hand can be named apart from its id; installing
    beside it would make two packs with one id, so the player must choose.
    """
    for entry in discover(paths.user_packs_dir(folder), builtin=False):
        if entry.pack is not None and entry.pack.id == pack.id and entry.path != target:
            raise Refused(
                f"the user pack {entry.path} already has id '{pack.id}'; "
                "remove or rename that file first"
            )


def _installed(target: Path) -> bytes | None:
    """The bytes of the user pack at the target, or None when there is none.

    An unreadable or oversized file gives ``b""``: different from any valid
    pack, so only ``--replace`` overwrites it.

    Raises:
        Refused: The target is a link, folder or special file; the player
            must look at it, not have it silently replaced.
    """
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(mode):
        raise Refused(f"{target} exists but is not a regular file; remove it by hand")
    try:
        return read_regular_file(target, MAX_PACK_BYTES)
    except StoreError:
        return b""


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return read_regular_file(path, MAX_PACK_BYTES) == data
    except StoreError:
        return False


def _kept(folder: Path, pack: Pack) -> str:
    """Say how many of the player's answered questions keep their progress."""
    progress, notice = read_progress(folder)
    if progress is None:
        return f"progress could not be checked ({notice})"
    return kept_summary(progress, pack)


def kept_summary(progress: Progress, pack: Pack) -> str:
    """Count the recorded questions that survive in a new version of a pack.

    Args:
        progress: The player's progress.
        pack: The new version of the pack.

    Returns:
        A sentence such as ``progress kept for 12 of 14 answered questions``.
    """
    stats = progress.packs.get(pack.id)
    answered = set(stats.questions) if stats is not None else set()
    if not answered:
        return "no progress was recorded for it yet"
    kept = len(answered & {question.id for question in pack.questions})
    sentence = f"progress kept for {kept} of {plural(len(answered), 'answered question')}"
    orphaned = len(answered) - kept
    if orphaned:
        sentence += (
            f"; {orphaned} no longer in the pack (their records stay in the progress file "
            "and return if those ids come back)"
        )
    return sentence
