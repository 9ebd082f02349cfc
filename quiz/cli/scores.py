"""``quiz scores [--pack ID] [--player NAME] [--json]``: how the players are doing.

The same report as the scores screen (:mod:`quiz.model.report`), as Rich
tables for people or JSON for scripts. The progress file is only read.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from quiz.cli.output import warn
from quiz.model.history import Tally
from quiz.model.report import Scores, build, to_json
from quiz.model.text import clean_line
from quiz.store.packs import read_progress

HISTORY_ROWS = 20
SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"


def run(
    folder: Path,
    *,
    pack: str | None = None,
    player: str | None = None,
    as_json: bool = False,
) -> int:
    """Print the scores.

    Args:
        folder: The data folder.
        pack: Only this pack.
        player: Only this player.
        as_json: Print JSON instead of tables.

    Returns:
        0, or 1 when the progress file cannot be read.
    """
    progress, notice = read_progress(folder)
    if progress is None:
        warn(f"quiz scores: {notice}")
        return 1
    scores = build(progress, player=player, pack=pack)
    if as_json:
        print(json.dumps(to_json(scores), indent=2))
        return 0
    console = Console(highlight=False, emoji=False)
    if not scores.history:
        who = f" by {player}" if player else ""
        console.print(_text(f"No finished rounds{who} yet. Play one with: quiz"))
        return 0
    for table in (_packs(scores), _leaders(scores), _history(scores)):
        console.print(table)
    console.print(_text("Trend, oldest first (score as % of best possible): ", "bold")
                  + _text(sparkline(scores.trend)))
    console.print(_tallies("By kind", scores.kinds))
    console.print(_tallies("By tag", scores.tags))
    console.print(_discernment(scores))
    for note in scores.discernment_notes:
        console.print(_text(f"  {note}"))
    if any(band.answers for band in scores.calibration):
        console.print(_calibration(scores))
        console.print(_text(f"  {scores.calibration_note}"))
    return 0


def sparkline(values: list[float]) -> str:
    """A one-line chart of values, lowest to highest block."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return "".join(SPARKS[round((value - low) / span * (len(SPARKS) - 1))] for value in values)


def share(value: float | None) -> str:
    """A share as a whole percentage, or a dash."""
    return "-" if value is None else f"{round(100 * value)} %"


def _text(value: object, style: str = "") -> Text:
    # Text, never a markup string: pack ids and player names are typed by people.
    return Text(clean_line(str(value)), style=style)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for index, column in enumerate(columns):
        table.add_column(column, justify="left" if index == 0 else "right")
    return table


def _packs(scores: Scores) -> Table:
    table = _table("Packs", "Pack", "Rounds", "Best", "Last", "Average", "Accuracy")
    for s in scores.packs:
        table.add_row(*map(_text, (s.pack, s.rounds, s.best, s.last, f"{s.average:.0f}",
                                   share(s.accuracy))))
    return table


def _leaders(scores: Scores) -> Table:
    table = _table("Leaderboard", "Pack", "Player", "Best", "Rounds", "Accuracy")
    for pack, leaders in scores.leaderboards.items():
        for rank, leader in enumerate(leaders, start=1):
            table.add_row(*map(_text, (pack if rank == 1 else "", f"{rank}. {leader.player}",
                                       leader.best, leader.rounds, share(leader.accuracy))))
    return table


def _history(scores: Scores) -> Table:
    shown = scores.history[:HISTORY_ROWS]
    title = f"Rounds, newest first ({len(shown)} of {len(scores.history)})"
    table = _table(title, "Date", "Player", "Pack", "Score", "Right", "Time")
    for column in table.columns:
        column.no_wrap = True
    table.columns[2].overflow = "ellipsis"
    for r in shown:
        mode = " (review)" if r.review else " (confidence)" if r.confidence else ""
        table.add_row(*map(_text, (r.finished[:10], r.player, r.pack + mode,
                                   f"{r.score}/{r.best_possible}", f"{r.correct}/{r.answered}",
                                   f"{r.seconds / 60:.0f} min")))
    return table


def _tallies(title: str, tallies: dict[str, Tally]) -> Table:
    table = _table(title, "", "Answers", "Right", "Accuracy")
    for key, tally in sorted(tallies.items()):
        table.add_row(*map(_text, (key, tally.answers, tally.correct, share(tally.accuracy))))
    return table


def _discernment(scores: Scores) -> Table:
    confusion = scores.confusion
    title = f"Discernment (balanced accuracy {share(confusion.balanced_accuracy())})"
    table = _table(title, "When the claim was", "Answers", "Called right")
    for label, total, accuracy in confusion.rows():
        table.add_row(*map(_text, (label, total, share(accuracy))))
    return table


def _calibration(scores: Scores) -> Table:
    table = _table("Calibration", "Stated confidence", "Answers", "Actually right", "Gap")
    for band in scores.calibration:
        gap = "-" if band.gap is None else f"{round(100 * band.gap):+d} pts"
        table.add_row(*map(_text, (f"{band.confidence} %", band.answers,
                                   share(band.accuracy), gap)))
    return table
