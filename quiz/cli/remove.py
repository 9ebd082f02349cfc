"""``quiz remove ID``: uninstall one of the player's packs; progress stays.

Only ``<data dir>/packs/<ID>.toml`` can be removed, and only when it is a
regular file: never a built-in pack, a symbolic link or anything outside the
user pack folder. The source text the pack names goes with it, unless another
installed pack names the same file. The progress file is not touched, so
adding the pack again brings its history back.
"""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from quiz.cli.output import plural, say, warn
from quiz.store import paths
from quiz.store.library import discover
from quiz.store.packs import (
    StoreError,
    installed_path,
    named_text,
    pack_file_text,
    reason,
    uninstall,
    uninstall_text,
)
from quiz.store.progress import read_progress


def run(folder: Path, pack_id: str, *, builtin_dir: Path | None = None) -> int:
    """Remove the user pack with this id.

    Args:
        folder: The data folder.
        pack_id: The id, as ``quiz packs`` lists it.
        builtin_dir: The built-in packs; the game's own folder by default.

    Returns:
        0 when it was removed (with its source text), 1 when it was refused
        or could not be removed.
    """
    builtin = discover(builtin_dir or paths.builtin_packs_dir(), builtin=True)
    if any(entry.id == pack_id for entry in builtin):
        warn(f"quiz remove: '{pack_id}' is a built-in pack; built-in packs cannot be removed")
        return 1
    try:
        text = pack_file_text(installed_path(folder, pack_id))
        removed = uninstall(folder, pack_id)
    except FileNotFoundError:
        user = discover(paths.user_packs_dir(folder), builtin=False)
        known = ", ".join(entry.id for entry in user) or "none"
        warn(f"quiz remove: no user pack has id '{pack_id}' (your packs: {known})")
        return 1
    except StoreError as error:
        warn(f"quiz remove: {error}; it was left alone")
        return 1
    except OSError as error:
        warn(f"quiz remove: could not remove the pack '{pack_id}': {reason(error)}")
        return 1
    done, failure = _remove_text(folder, text) if text is not None else ("", "")
    say(f"removed pack '{pack_id}' ({removed}){done}; {_progress_note(folder, pack_id)}")
    if failure:
        warn(f"quiz remove: {failure}")
        return 1
    return 0


def _remove_text(folder: Path, name: str) -> tuple[str, str]:
    """Remove a removed pack's source text, unless another installed pack names it.

    Returns:
        What was done, to add to the report, and why the text could not be
        removed ("" when it could).
    """
    for entry in discover(paths.user_packs_dir(folder), builtin=False):
        other = named_text(entry)
        if other is not None and other.casefold() == name.casefold():
            return f"; its source text {name} is kept for the pack '{entry.id}'", ""
    try:
        removed = uninstall_text(folder, name)
    except FileNotFoundError:
        return "", ""
    except StoreError as error:
        return "", f"the source text '{name}' was left alone: {error}"
    except OSError as error:
        return "", f"could not remove the source text '{name}': {reason(error)}"
    return f" and its source text ({removed})", ""


def _progress_note(folder: Path, pack_id: str) -> str:
    progress, _ = read_progress(folder)
    stats = progress.packs.get(pack_id) if progress is not None else None
    if stats is None or not stats.questions:
        return "no progress was recorded for it"
    answered = plural(len(stats.questions), "answered question")
    return f"your progress on its {answered} is kept and returns if you add it again"


def main(args: Namespace, folder: Path) -> int:
    """``quiz remove``, from the parsed command line.

    Returns:
        The exit code.
    """
    return run(folder, args.pack_id)
