"""``quiz add FILE... [--replace]``: validate packs and install them for the player.

Each file is read once; those bytes are validated and those same bytes are
installed, so what was checked is what gets played. A pack is installed as
``<data dir>/packs/<id>.toml``, and the source text it names (``[pack.source]
text``) beside it under its own name: both are installed, or neither. An id
that is already taken is refused unless the pack and its text are
byte-identical (nothing to do) or ``--replace`` is given; a built-in pack can
never be replaced, and a text file name that another installed pack's text
has is refused. Replacing reports how much of the player's progress on the
pack carries over, since progress is keyed by question id.
"""

from __future__ import annotations

import stat
from argparse import Namespace
from pathlib import Path

from quiz.cli.output import describe, plural, problems, say, warn
from quiz.model.history import Progress
from quiz.model.pack import MAX_PACK_BYTES, Pack, PackError
from quiz.model.validate import parse_pack
from quiz.store import paths
from quiz.store.library import PackEntry, discover
from quiz.store.packs import (
    MAX_TEXT_BYTES,
    StoreError,
    install,
    installed_path,
    installed_text_path,
    named_text,
    read_pack_file,
    read_regular_file,
    read_source_bytes,
    reason,
    text_beside,
    uninstall_text,
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
    pack = parse_pack(data, paths.printable(str(path)))
    for entry in builtin:
        if entry.pack is not None and entry.pack.id == pack.id:
            if _same_bytes(entry.path, data):
                return f"pack '{pack.id}' is already installed (built-in)"
            raise Refused(
                f"'{pack.id}' is the id of a built-in pack, and built-in packs cannot be "
                "replaced; give your pack another id"
            )
    name = pack.source.text if pack.source is not None else None
    text: tuple[str, bytes] | None = None
    text_target: Path | None = None
    try:
        target = installed_path(folder, pack.id)
        if name is not None:
            # The name first: a text that could not be installed need not be read.
            text_target = installed_text_path(folder, name)
            text = name, _read_text(text_beside(path, name))
    except StoreError as error:
        raise Refused(str(error)) from None
    user = discover(paths.user_packs_dir(folder), builtin=False)
    _refuse_other_file(user, pack, target)
    same_text = True
    if text is not None and text_target is not None:
        _refuse_shared_text(user, text[0], target)
        same_text = _installed(text_target, MAX_TEXT_BYTES) == text[1]
    current = _installed(target, MAX_PACK_BYTES)
    existed = current is not None
    if existed:
        if current == data and same_text:
            return f"pack '{pack.id}' is already installed ({target})"
        if not replace:
            if current == data:
                raise Refused(
                    f"pack '{pack.id}' is installed with another source text at "
                    f"{text_target}; use --replace to replace it"
                )
            raise Refused(
                f"a different pack with id '{pack.id}' is already installed at {target}; "
                "use --replace to replace it"
            )
    old_text = next((named_text(entry) for entry in user if entry.path == target), None)
    try:
        install(folder, pack.id, data, text)
    except StoreError as error:
        raise Refused(str(error)) from None
    with_text = f" with its source text {text_target}" if text_target is not None else ""
    if not existed:
        return f"installed pack {describe(pack)} as {target}{with_text}"
    done = f"replaced pack {describe(pack)} at {target}{with_text}: {_kept(folder, pack)}"
    if old_text is not None and (text is None or old_text.casefold() != text[0].casefold()):
        done += _drop_old_text(folder, old_text, user, target)
    return done


def _read_text(path: Path) -> bytes:
    """The bytes of the source text a pack names, checked to be usable text.

    Raises:
        StoreError: It is not; the message says why, with its path.
    """
    try:
        return read_source_bytes(path)
    except StoreError as error:
        raise StoreError(f"its source text {error}") from None


def _refuse_other_file(user: list[PackEntry], pack: Pack, target: Path) -> None:
    """Refuse when a user pack under another file name already has this id.

    Only a file copied in by hand can be named apart from its id; installing
    beside it would make two packs with one id, so the player must choose.
    """
    for entry in user:
        if entry.pack is not None and entry.pack.id == pack.id and entry.path != target:
            raise Refused(
                f"the user pack {entry.path} already has id '{pack.id}'; "
                "remove or rename that file first"
            )


def _refuse_shared_text(user: list[PackEntry], name: str, target: Path) -> None:
    """Refuse a source text whose file name another installed pack's text has.

    Installing it would replace that pack's article. Names are compared
    without case, as some file systems do.
    """
    for entry in user:
        other = named_text(entry) if entry.path != target else None
        if other is not None and other.casefold() == name.casefold():
            raise Refused(
                f"its source text '{name}' would replace the source text of the installed "
                f"pack '{entry.id}' ({entry.path}); give your text file another name"
            )


def _drop_old_text(folder: Path, name: str, user: list[PackEntry], target: Path) -> str:
    """Remove the source text the replaced version named, unless another pack names it.

    Returns:
        What was done, to add to the report, or "".
    """
    for entry in user:
        other = named_text(entry) if entry.path != target else None
        if other is not None and other.casefold() == name.casefold():
            return ""
    try:
        removed = uninstall_text(folder, name)
    except FileNotFoundError:
        return ""
    except (StoreError, OSError) as error:
        detail = str(error) if isinstance(error, StoreError) else reason(error)
        return f"; its former source text '{name}' was left in place: {detail}"
    return f"; its former source text {removed} was removed"


def _installed(target: Path, limit: int) -> bytes | None:
    """The bytes of the user file at the target, or None when there is none.

    An unreadable or oversized file gives ``b""``: different from any valid
    pack or text, so only ``--replace`` overwrites it.

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
        return read_regular_file(target, limit)
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


def main(args: Namespace, folder: Path) -> int:
    """``quiz add``, from the parsed command line.

    Returns:
        The exit code.
    """
    return run(folder, args.files, replace=args.replace)
