"""What ``quiz packs`` and ``quiz scores`` print, kept ready by the game.

Ten years of play are 3,650 rounds. Reading them back and building the report
takes several times as long as the listing's own start, so when a game ends it
computes the two things the listings print most (the best score on each pack,
and the report of everyone on every pack) and leaves them on the first line of
the progress file's JSON copy (:mod:`quiz.store.mirror`). A listing reads that
line alone, and only while the copy still matches the progress file; any other
time, or with ``--pack``, ``--player``, ``--closed-book``, ``--open-book`` or
``--json``, it reads the progress file and computes, as before.

Importing this module imports no part of the game's model.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from quiz import __version__
from quiz.store import paths
from quiz.store.mirror import read_index
from quiz.tables import Block, from_data, to_data

if TYPE_CHECKING:
    from quiz.model.history import Progress

LAYOUT = 3
"""Raised whenever the report's tables change: a report laid out otherwise is recomputed."""


def index_of(progress: Progress) -> dict[str, Any]:
    """The index for the copy of ``progress`` (see :func:`quiz.store.mirror.write_mirror`)."""
    from quiz.model.report import build
    from quiz.report_tables import report

    scores = build(progress)
    return {
        # Another version of the game may lay its report out otherwise.
        "version": __version__,
        "layout": LAYOUT,
        "best": progress.best_scores(),
        # No report without rounds: the listing then says there are none, in words.
        "scores": to_data(report(scores)) if scores.history else None,
    }


def _index(folder: Path) -> dict[str, Any] | None:
    index = read_index(paths.progress_path(folder))
    if index is None or index.get("version") != __version__ or index.get("layout") != LAYOUT:
        return None
    return index


def best_scores(folder: Path) -> dict[str, int] | None:
    """The best score on each pack the game left in the copy, or None to read the file."""
    index = _index(folder)
    best = index.get("best") if index is not None else None
    if type(best) is not dict or not all(type(score) is int for score in best.values()):
        return None
    return best


def everyone_report(folder: Path) -> list[Block] | None:
    """The report of every player on every pack the game left in the copy, or None."""
    index = _index(folder)
    if index is None or index.get("scores") is None:
        return None
    try:
        return from_data(index["scores"])
    except ValueError:
        return None
