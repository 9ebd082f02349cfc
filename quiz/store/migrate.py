"""From the single ``progress.toml`` (format 1) to ``settings.toml`` and one file per player.

Done once, by the first game that finds a format-1 file, while it holds a
lock on that file (a second game starting at the same moment waits, then
finds the work done). The settings and every player's file are written
first, each atomically and durably; only then is ``progress.toml`` renamed to
``progress.toml.migrated``, byte for byte as it was. A crash before the
rename leaves the old file in place, and the next start migrates again:
files already written are left as they are (the migration of the same file
writes the same bytes), so running it twice changes nothing.

A file that cannot be understood is renamed to a ``.corrupt-`` backup and the
game starts afresh; one from a newer version, or one that cannot be read, is
left alone and the game does not save.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from quiz.model.history import PackStats, Progress
from quiz.store import lock, paths
from quiz.store.decoding import MAX_PLAYER_BYTES, NewerLegacy, parse_legacy
from quiz.store.files import fsync_folder, open_regular, read_descriptor, write_atomic
from quiz.store.player_file import render
from quiz.store.schema import ProgressError
from quiz.store.settings import Settings, settings_path, to_bytes

MIGRATED_SUFFIX = ".migrated"


# A named tuple: a frozen dataclass compiles its generated methods at import, and the
# game imports this module as it starts.
class Migration(NamedTuple):
    """What the migration did, for the game to tell.

    Attributes:
        notice: A sentence for the player, or None.
        writable: False when the game must not save (the old file was left alone).
        reason: Why it must not, in a few words naming the file, when it must not.
    """

    notice: str | None = None
    writable: bool = True
    reason: str | None = None


def migrate(folder: Path, fallback: str) -> Migration:
    """Move a format-1 progress file into the new layout, if there is one.

    Args:
        folder: The data folder.
        fallback: Whose are rounds and tallies recorded without a player's
            name (before the game had players), when the file names no last player.

    Returns:
        What happened; nothing at all when there is no ``progress.toml``.
    """
    legacy = paths.progress_path(folder)
    try:
        descriptor = open_regular(legacy, MAX_PLAYER_BYTES)
    except FileNotFoundError:
        return Migration()
    except OSError as error:
        why = f"{legacy} could not be read ({error.strerror or error})"
        return Migration(
            f"{why}; it was left untouched and progress will not be saved this session.",
            writable=False,
            reason=why,
        )
    try:
        lock.wait_for(descriptor)
        if not lock.names_the_same_file(descriptor, legacy):
            return Migration()  # another game migrated it while this one waited
        data = read_descriptor(descriptor, MAX_PLAYER_BYTES)
        return _migrate(folder, legacy, data, fallback)
    except OSError as error:
        why = f"{legacy} could not be moved to the new layout ({error.strerror or error})"
        return Migration(
            f"{why}; progress will not be saved this session.", writable=False, reason=why
        )
    finally:
        os.close(descriptor)


def _migrate(folder: Path, legacy: Path, data: bytes, fallback: str) -> Migration:
    try:
        progress, player, confidence = parse_legacy(data)
    except NewerLegacy as newer:
        why = f"{legacy} was written by a newer version of quiz ({newer})"
        return Migration(
            f"{why}. Upgrade quiz to keep playing with your history; it was left untouched "
            "and progress will not be saved this session.",
            writable=False,
            reason=why,
        )
    except ProgressError as error:
        backup = _free_name(legacy, ".corrupt-" + datetime.now().strftime("%Y%m%d-%H%M%S"))
        os.rename(legacy, backup)
        fsync_folder(folder)
        return Migration(
            f"{legacy} could not be read ({error}). Its contents were kept in {backup}; "
            "a new history starts now."
        )
    for name, history in split(progress, player or fallback).items():
        path = paths.player_path(folder, name)
        if not os.path.lexists(path):
            write_atomic(path, render(name, history))
    settings = Settings(player=player, confidence=confidence)
    if settings != Settings() and not os.path.lexists(settings_path(folder)):
        write_atomic(settings_path(folder), to_bytes(settings))
    os.rename(legacy, _free_name(legacy, MIGRATED_SUFFIX))
    fsync_folder(folder)
    return Migration()


def _free_name(path: Path, suffix: str) -> Path:
    """``path`` with the suffix, and a number after it if that name is taken."""
    for attempt in range(1000):
        candidate = path.with_name(path.name + suffix + (f"-{attempt}" if attempt else ""))
        if not os.path.lexists(candidate):
            return candidate
    raise FileExistsError(f"no free name beside {path}")


def split(progress: Progress, fallback: str) -> dict[str, Progress]:
    """Every player's part of a format-1 progress.

    Rounds, tallies and the unfinished round go to the player who played them
    (``fallback`` for those from before the game had players). Each player's
    rounds, best and last score per pack are counted from their rounds. The
    statistics per question were kept for all players together and cannot be
    told apart: each pack's go to the player who played it last, so that the
    players' files together still count every answer once.

    Returns:
        Each player's progress, by name.
    """
    players: dict[str, Progress] = {}

    def of(name: str) -> Progress:
        return players.setdefault(name or fallback, Progress())

    for record in progress.rounds:
        name = record.player or fallback
        mine = of(name)
        mine.rounds.append(record._replace(player=name))
        stats = mine.packs.setdefault(record.pack, PackStats())
        if not record.review:  # review rounds never set the best
            stats.count_round(record.score)
    for name, packs in progress.players.items():
        tallies = of(name).players.setdefault(name or fallback, {})
        for pack_id, tally in packs.items():
            if pack_id in tallies:  # the same player both with and without a name
                tallies[pack_id].absorb(tally)
            else:
                tallies[pack_id] = tally
    current = progress.current
    if current is not None:
        name = current.mode.player or fallback
        of(name).current = current._replace(mode=current.mode._replace(player=name))
    last_player = {record.pack: record.player or fallback for record in progress.rounds}
    for pack_id, totals in progress.packs.items():
        keeper = last_player.get(pack_id) or next(
            (
                name or fallback
                for name, packs in sorted(progress.players.items())
                if pack_id in packs
            ),
            fallback,
        )
        of(keeper).packs.setdefault(pack_id, PackStats()).questions = totals.questions
    return players
