"""``quiz scores``: how the players are doing, on a pack, by a player, played one way.

``quiz scores [--pack ID] [--player NAME] [--closed-book | --open-book] [--all] [--json]``.
The same report as the scores screen (:mod:`quiz.model.report` and
:mod:`quiz.report_tables`), as tables for people or JSON for scripts. A person
reads a summary: the per-pack tables list the packs played last and the
history the latest rounds; ``--all`` lists every pack and as many rounds as
the scores screen (JSON always holds everything). Every player's file is read,
never written, all but each question's figures, which the report does not show.
"""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path

from rich.text import Text

from quiz.cli.output import warn
from quiz.model.report import build, rounds_of, to_json
from quiz.model.text import clean_line
from quiz.report_tables import HISTORY_ROWS, heading, latest_packs, report
from quiz.store.progress import read_progress
from quiz.table_look import show

PACKS_SHOWN = 10
"""Packs in the per-pack tables of the summary; ten years of play reach a hundred."""
ROUNDS_SHOWN = 10
"""Rounds in the history of the summary."""


def run(
    folder: Path,
    *,
    pack: str | None = None,
    player: str | None = None,
    closed_book: bool | None = None,
    every: bool = False,
    as_json: bool = False,
) -> int:
    """Print the scores.

    Args:
        folder: The data folder.
        pack: Only this pack.
        player: Only this player.
        closed_book: Only closed-book rounds (True) or open-book rounds (False).
        every: List every pack in the per-pack tables, not only the latest, and more rounds.
        as_json: Print JSON instead of tables.

    Returns:
        0, or 1 when a player's file cannot be read.
    """
    progress, notice = read_progress(folder, questions=False)
    if progress is None:
        warn(f"quiz scores: {notice}")
        return 1
    scores = build(progress, player=player, pack=pack, closed_book=closed_book)
    if as_json:
        print(json.dumps(to_json(scores), indent=2))
        return 0
    if not scores.history:
        # Typed on the command line, shown as one line like any other untrusted text.
        if pack and pack not in progress.packs:
            show(
                Text(
                    f"No one has played a pack with the id {clean_line(pack)!r}. "
                    "quiz packs lists the installed packs and their ids; "
                    "quiz play ID starts a round of one."
                )
            )
            return 0
        by = f" by {clean_line(player)}" if player else ""
        what = f" on pack {clean_line(pack)}" if pack else ""
        show(Text(f"No finished {rounds_of(closed_book)}{by}{what} yet. Play one with: quiz"))
        return 0
    most = None if every else PACKS_SHOWN
    rounds = HISTORY_ROWS if every else ROUNDS_SHOWN
    sections = [heading(scores), *report(scores, packs=most, rounds=rounds)]
    if latest_packs(scores, most) is not None:
        sections.append(Text("quiz scores --all lists every pack.", style="dim"))
    show(*sections)
    return 0


def main(args: Namespace, folder: Path) -> int:
    """``quiz scores``, from the parsed command line.

    Returns:
        The exit code.
    """
    return run(
        folder,
        pack=args.pack,
        player=getattr(args, "player", None),
        closed_book=args.closed_book,
        every=args.all,
        as_json=args.json,
    )
