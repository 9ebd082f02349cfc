"""The scores report as Rich renderables: drawn by the scores screen, printed by ``quiz scores``.

:func:`report` is the one assembly of the report's sections, in the order both
views show them; :func:`new_table` is the one look of a table, which ``quiz
packs`` shares, and :func:`show` prints them for the commands. Pack ids and
player names are typed by people, so every cell is a :class:`~rich.text.Text`
of cleaned text, never a string Rich would read as markup.
"""

from __future__ import annotations

from datetime import datetime

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from quiz.model.history import Tally
from quiz.model.report import Scores, rounds_of
from quiz.model.schedule import local_day
from quiz.model.text import clean_line, duration

HISTORY_ROWS = 20
SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
CHART_WIDTH = 40


def new_table(title: str, *headers: str, text: int = 1, no_wrap: bool = False) -> Table:
    """An empty table in the report's look: a title on the left, a rule under the headers.

    Args:
        title: Shown above the table; none when empty.
        headers: The columns' headers.
        text: How many columns, from the left, hold words (left-aligned); the
            rest hold figures (right-aligned).
        no_wrap: Keep every cell on one line, cut with an ellipsis when too long.
    """
    table = Table(
        title=Text(clean_line(title), style="table.title") if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for index, header in enumerate(headers):
        table.add_column(Text(header), justify="left" if index < text else "right", no_wrap=no_wrap)
    return table


def show(*renderables: RenderableType) -> None:
    """Print tables and text on standard output for a command, each followed by a blank line.

    Rich takes the width from the terminal or ``$COLUMNS`` (80 for a pipe or a
    file), colours only a terminal, and draws ASCII boxes when the output's
    encoding is not UTF-8. Strings are never read as markup.
    """
    console = Console(markup=False, emoji=False, highlight=False)
    for renderable in renderables:
        console.print(renderable)
        console.line()


def cells(*values: object, style: str = "") -> list[Text]:
    """A row's cells as text shown as written: ``str(value)``, or ``-`` for None."""
    return [Text("-" if value is None else clean_line(str(value)), style=style) for value in values]


def heading(scores: Scores) -> Text:
    """What the report covers: ``Scores of ana on pack demo, closed-book rounds only``."""
    who = clean_line(scores.player) if scores.player else "everyone"
    shown = Text.assemble(("Scores of ", "bold"), (who, "bold"))
    if scores.pack:
        shown.append(f" on pack {clean_line(scores.pack)}", style="bold")
    if scores.closed_book is not None:
        shown.append(f", {rounds_of(scores.closed_book)} only", style="bold")
    return shown


def report(
    scores: Scores, titles: dict[str, str] | None = None, *, sparkline_trend: bool = True
) -> list[RenderableType]:
    """The report's sections, in the order both views show them.

    Args:
        scores: The figures.
        titles: Pack titles by id, to name packs by title; ids are shown without.
        sparkline_trend: Include the one-line trend of every round, third; the
            scores screen leaves it out and draws a chart per pack there instead.
    """
    titles = titles or {}
    sections: list[RenderableType] = [
        packs_table(scores, titles),
        leaders_table(scores, titles),
        *([trend(scores.trend)] if sparkline_trend else []),
        history_table(scores, titles),
        tally_table("By kind", scores.kinds),
        tally_table("By tag", scores.tags),
        Group(discernment_table(scores), Text("\n".join(scores.discernment_notes))),
    ]
    if any(band.answers for band in scores.calibration):
        sections.append(
            Group(
                calibration_table(scores), calibration_chart(scores), Text(scores.calibration_note)
            )
        )
    return sections


def sparkline(values: list[float]) -> str:
    """A one-line chart of values, lowest to highest block."""
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    return "".join(SPARKS[round((value - low) / span * (len(SPARKS) - 1))] for value in values)


def trend(values: list[float]) -> Text:
    """The recent rounds' scores as a chart; it needs two (one bar would look like 100 %)."""
    if len(values) < 2:
        return Text("One round so far: the trend starts with the second.")
    return Text.assemble(
        ("Trend, oldest first (score as % of the best possible): ", "bold"),
        sparkline(values),
        f"  lowest {min(values):.0f} %, highest {max(values):.0f} %",
    )


def share(value: float | None) -> str:
    """A share as a whole percentage, or a dash."""
    return "-" if value is None else f"{round(100 * value)} %"


def day(finished: str) -> str:
    """The player's day a round finished on, ``YYYY-MM-DD``, from its ISO 8601 moment."""
    try:
        return local_day(datetime.fromisoformat(finished)).isoformat()
    except ValueError:  # not a moment: the file says something else, shown as written
        return finished


def packs_table(scores: Scores, titles: dict[str, str] | None = None) -> Table:
    """How the full rounds of each pack went (review rounds are listed, not compared)."""
    table = new_table("Packs", "Pack", "Rounds", "Best", "Last", "Average", "Accuracy")
    for s in scores.packs:
        table.add_row(
            *cells(
                (titles or {}).get(s.pack, s.pack),
                s.rounds,
                s.best,
                s.last,
                f"{s.average:.0f}",
                share(s.accuracy),
            )
        )
    return table


def leaders_table(scores: Scores, titles: dict[str, str] | None = None) -> Table:
    """Every player's standing on each pack, best first (full rounds only)."""
    table = new_table("Leaderboard", "Pack", "Player", "Best", "Rounds", "Accuracy", text=2)
    for pack, leaders in scores.leaderboards.items():
        for rank, leader in enumerate(leaders, start=1):
            table.add_row(
                *cells(
                    (titles or {}).get(pack, pack) if rank == 1 else "",
                    f"{rank}. {leader.player}",
                    leader.best,
                    leader.rounds,
                    share(leader.accuracy),
                )
            )
    return table


def history_table(scores: Scores, titles: dict[str, str] | None = None) -> Table:
    """The latest rounds, newest first."""
    shown = scores.history[:HISTORY_ROWS]
    title = f"Rounds, newest first ({len(shown)} of {len(scores.history)})"
    table = new_table(
        title, "Date", "Player", "Pack", "Score", "Right", "Time", no_wrap=True, text=3
    )
    for r in shown:
        marks = (
            "review" if r.review else "confidence" if r.confidence else "",
            "closed book" if r.closed_book else "",
        )
        label = ", ".join(mark for mark in marks if mark)
        mode = f" ({label})" if label else ""
        table.add_row(
            *cells(
                day(r.finished),
                r.player,
                (titles or {}).get(r.pack, r.pack) + mode,
                f"{r.score}/{r.best_possible}",
                f"{r.correct}/{r.answered}",
                duration(r.seconds),
            )
        )
    return table


def tally_table(title: str, tallies: dict[str, Tally]) -> Table:
    """Answers and accuracy per kind of question, or per tag."""
    table = new_table(title, "", "Answers", "Right", "Accuracy")
    for key, tally in sorted(tallies.items()):
        table.add_row(*cells(key, tally.answers, tally.correct, share(tally.accuracy)))
    return table


def discernment_table(scores: Scores) -> Table:
    """How often each verdict was called right."""
    confusion = scores.confusion
    title = f"Discernment (balanced accuracy {share(confusion.balanced_accuracy())})"
    table = new_table(title, "When the claim was", "Answers", "Called right")
    for label, total, accuracy in confusion.rows():
        table.add_row(*cells(label, total, share(accuracy)))
    return table


def calibration_table(scores: Scores) -> Table:
    """Stated confidence against how often the answers were right."""
    table = new_table("Calibration", "Stated confidence", "Answers", "Actually right", "Gap")
    for band in scores.calibration:
        gap = "-" if band.gap is None else f"{round(100 * band.gap):+d} pts"
        table.add_row(*cells(f"{band.confidence} %", band.answers, share(band.accuracy), gap))
    return table


def calibration_chart(scores: Scores, width: int = CHART_WIDTH) -> Text:
    """Bars of actual accuracy per stated confidence; ``|`` marks where it should reach."""
    chart = Text()
    for band in scores.calibration:
        accuracy = band.accuracy
        filled = 0 if accuracy is None else round(accuracy * width)
        target = round(band.confidence / 100 * width)
        bar = ["\u2588" if i < filled else " " for i in range(width + 1)]
        bar[min(target, width)] = "|"
        shown = "no answers" if accuracy is None else f"{round(100 * accuracy)} % right"
        chart.append(f"{band.confidence:>3} % sure  ", style="bold")
        chart.append("".join(bar) + f"  {shown}\n")
    chart.rstrip()
    return chart
