"""Everyone's progress, read without changing anything on disk: what listings and scores show.

Every player's file in ``players/`` is read (never locked: each is replaced
whole, so a reader sees one version or the next) and they are put together
(:func:`quiz.model.history.combine`). A data folder whose ``progress.toml``
(format 1) is not migrated yet is read from that file; only a game migrates
it. Nothing here backs a damaged file up: a listing must not leave a new
backup on every run.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from quiz.model.history import Progress, combine
from quiz.store import paths
from quiz.store.decoding import MAX_PLAYER_BYTES, NewerFormat, NewerLegacy, parse, parse_legacy
from quiz.store.files import read_whole
from quiz.store.schema import ProgressError


def read_progress(
    folder: Path, *, rounds: bool = True, questions: bool = True
) -> tuple[Progress | None, str | None]:
    """Read every player's progress together.

    Args:
        folder: The data folder.
        rounds: Read the records of finished rounds too; a listing may need
            only the totals (of 3,650 rounds, the records are most of the work).
        questions: Read each question's figures too; ``quiz scores`` counts
            rounds and answers and shows no question.

    Returns:
        Everyone's progress (empty when nobody has played yet) and None, or
        None and a sentence saying which file could not be read and why.
    """
    if leftover(folder):
        return _read_legacy(paths.progress_path(folder), rounds, questions)
    histories, problems = read_players(folder, rounds=rounds, questions=questions)
    if problems:
        return None, problems[0]
    return combine(histories), None


def read_players(
    folder: Path, *, rounds: bool = True, questions: bool = True, skip: Path | None = None
) -> tuple[list[Progress], list[str]]:
    """Read each player's file.

    Args:
        folder: The data folder.
        rounds: Read the finished rounds too.
        questions: Read each question's figures too.
        skip: A file to leave out (the game's own player, whom it has in memory).

    Returns:
        The progress of each file that could be read, in file-name order, and
        a sentence for each that could not.
    """
    folder = paths.players_dir(folder)
    try:
        names = sorted(os.listdir(folder))
    except FileNotFoundError:
        return [], []
    except OSError as error:
        return [], [f"{folder} could not be read: {error.strerror or error}"]
    histories: list[Progress] = []
    problems: list[str] = []
    for name in names:
        path = folder / name
        # Temporary files and owner notes start with a dot; backups end otherwise.
        if name.startswith(".") or not name.endswith(paths.PLAYER_SUFFIX) or path == skip:
            continue
        try:
            data = read_whole(path, MAX_PLAYER_BYTES)
            if data:  # empty: a new player's file, created to be locked, nothing played yet
                histories.append(parse(data, rounds=rounds, questions=questions)[1])
        except FileNotFoundError:
            continue  # a new player's file, gone again
        except OSError as error:
            problems.append(f"{path} could not be read: {error.strerror or error}")
        except NewerFormat:
            problems.append(f"{path} was written by a newer version of quiz")
        except (ProgressError, RecursionError):
            problems.append(f"{path} could not be understood; the game will keep a backup of it")
    return histories, problems


def _read_legacy(path: Path, rounds: bool, questions: bool) -> tuple[Progress | None, str | None]:
    try:
        data = read_whole(path, MAX_PLAYER_BYTES)
        progress, _, _ = parse_legacy(data, rounds=rounds, questions=questions)
    except OSError as error:
        return None, f"{path} could not be read: {error.strerror or error}"
    except NewerLegacy:
        return None, f"{path} was written by a newer version of quiz"
    except (ProgressError, RecursionError):
        return None, f"{path} could not be understood; the game will keep a backup of it"
    return progress, None


def leftover(folder: Path) -> bool:
    """Whether a format-1 progress file waits to be migrated (listings read it instead)."""
    with contextlib.suppress(OSError):
        os.lstat(paths.progress_path(folder))
        return True
    return False
