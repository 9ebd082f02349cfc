"""The scores report as tables and lines, shared by ``quiz scores`` and the scores screen.

The blocks are plain data (:mod:`quiz.tables`): the screen draws them with
Rich, the command prints them as text. Pack ids and player names are typed
by people, so every cell is shown as written, never as markup.
"""

from __future__ import annotations

from quiz.model.history import Tally
from quiz.model.report import Scores
from quiz.tables import Block, Column, Line, Table

HISTORY_ROWS = 20
SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"


def report(scores: Scores) -> list[Block]:
    """The whole report, in the order both views show it."""
    blocks: list[Block] = [
        packs_table(scores),
        leaders_table(scores),
        history_table(scores),
        Line((("Trend, oldest first (score as % of best possible): ", "bold"),
              (sparkline(scores.trend), ""))),
        tally_table("By kind", scores.kinds),
        tally_table("By tag", scores.tags),
        discernment_table(scores),
        *[Line.of(f"  {note}") for note in scores.discernment_notes],
    ]
    if any(band.answers for band in scores.calibration):
        blocks += [
            calibration_table(scores),
            *calibration_chart(scores),
            Line.of(f"  {scores.calibration_note}"),
        ]
    return blocks


def duration(seconds: float) -> str:
    """A round's time, short: ``42 s``, ``7 min``, ``1 h 05``."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{round(whole / 60)} min"
    return f"{whole // 3600} h {whole % 3600 // 60:02d}"


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


def table_of(title: str, *columns: str, no_wrap: bool = False, text: int = 1) -> Table:
    """A table whose first ``text`` columns hold words (left-aligned), the rest figures."""
    return Table(title, [Column(name, "left" if index < text else "right", no_wrap=no_wrap)
                         for index, name in enumerate(columns)])


def packs_table(scores: Scores) -> Table:
    table = table_of("Packs", "Pack", "Rounds", "Best", "Last", "Average", "Accuracy")
    for s in scores.packs:
        table.add_row(s.pack, s.rounds, s.best, s.last, f"{s.average:.0f}", share(s.accuracy))
    return table


def leaders_table(scores: Scores) -> Table:
    table = table_of("Leaderboard", "Pack", "Player", "Best", "Rounds", "Accuracy", text=2)
    for pack, leaders in scores.leaderboards.items():
        for rank, leader in enumerate(leaders, start=1):
            table.add_row(pack if rank == 1 else "", f"{rank}. {leader.player}",
                          leader.best, leader.rounds, share(leader.accuracy))
    return table


def history_table(scores: Scores) -> Table:
    shown = scores.history[:HISTORY_ROWS]
    title = f"Rounds, newest first ({len(shown)} of {len(scores.history)})"
    table = table_of(title, "Date", "Player", "Pack", "Score", "Right", "Time", no_wrap=True,
                     text=3)
    for r in shown:
        marks = ("review" if r.review else "confidence" if r.confidence else "",
                 "closed book" if r.closed_book else "")
        label = ", ".join(mark for mark in marks if mark)
        mode = f" ({label})" if label else ""
        table.add_row(r.finished[:10], r.player, r.pack + mode, f"{r.score}/{r.best_possible}",
                      f"{r.correct}/{r.answered}", duration(r.seconds))
    return table


def tally_table(title: str, tallies: dict[str, Tally]) -> Table:
    table = table_of(title, "", "Answers", "Right", "Accuracy")
    for key, tally in sorted(tallies.items()):
        table.add_row(key, tally.answers, tally.correct, share(tally.accuracy))
    return table


def discernment_table(scores: Scores) -> Table:
    confusion = scores.confusion
    title = f"Discernment (balanced accuracy {share(confusion.balanced_accuracy())})"
    table = table_of(title, "When the claim was", "Answers", "Called right")
    for label, total, accuracy in confusion.rows():
        table.add_row(label, total, share(accuracy))
    return table


def calibration_table(scores: Scores) -> Table:
    table = table_of("Calibration", "Stated confidence", "Answers", "Actually right", "Gap")
    for band in scores.calibration:
        gap = "-" if band.gap is None else f"{round(100 * band.gap):+d} pts"
        table.add_row(f"{band.confidence} %", band.answers, share(band.accuracy), gap)
    return table


def calibration_chart(scores: Scores, width: int = 40) -> list[Line]:
    """Bars of actual accuracy per stated confidence; ``|`` marks where it should reach."""
    chart = []
    for band in scores.calibration:
        accuracy = band.accuracy
        filled = 0 if accuracy is None else round(accuracy * width)
        target = round(band.confidence / 100 * width)
        bar = ["\u2588" if i < filled else " " for i in range(width + 1)]
        bar[min(target, width)] = "|"
        shown = "no answers" if accuracy is None else f"{round(100 * accuracy)} % right"
        chart.append(Line(((f"{band.confidence:>3} % sure  ", "bold"),
                           ("".join(bar) + f"  {shown}", ""))))
    return chart
