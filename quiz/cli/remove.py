"""``quiz remove ID``: uninstall one of the player's packs; progress stays.

Only ``<data dir>/packs/<ID>.toml`` can be removed, and only when it is a
regular file: never a built-in pack, a symbolic link or anything outside the
user pack folder. The progress file is not touched, so adding the pack again
brings its history back.
"""

from __future__ import annotations

from pathlib import Path

from quiz.cli.output import plural, say, warn
from quiz.session import discover
from quiz.store import paths
from quiz.store.packs import StoreError, reason, uninstall
from quiz.store.progress import read_progress


def run(folder: Path, pack_id: str, *, builtin_dir: Path | None = None) -> int:
    """Remove the user pack with this id.

    Args:
        folder: The data folder.
        pack_id: The id, as ``quiz packs`` lists it.
        builtin_dir: The built-in packs; the game's own folder by default.

    Returns:
        0 when it was removed, 1 when it was refused or could not be removed.
    """
    builtin = discover(builtin_dir or paths.builtin_packs_dir(), builtin=True)
    if any(entry.id == pack_id for entry in builtin):
        warn(f"quiz remove: '{pack_id}' is a built-in pack; built-in packs cannot be removed")
        return 1
    try:
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
    say(f"removed pack '{pack_id}' ({removed}); {_progress_note(folder, pack_id)}")
    return 0


def _progress_note(folder: Path, pack_id: str) -> str:
    progress, _ = read_progress(folder)
    stats = progress.packs.get(pack_id) if progress is not None else None
    if stats is None or not stats.questions:
        return "no progress was recorded for it"
    answered = plural(len(stats.questions), "answered question")
    return f"your progress on its {answered} is kept and returns if you add it again"
