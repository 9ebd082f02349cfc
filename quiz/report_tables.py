"""The scores report as Rich renderables: drawn by the scores screen, printed by ``quiz scores``.

:func:`report` is the one assembly of the report's sections, in the order both
views show them, in the one look of a table (:mod:`quiz.table_look`). Pack ids
and player names are typed by people, so every cell is a :class:`~rich.text.Text`
of cleaned text, never a string Rich would read as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from quiz.model.discernment import MIN_ANSWERS, Detection
from quiz.model.history import Tally
from quiz.model.report import Scores, rounds_of
from quiz.model.schedule import local_day
from quiz.model.text import clean_line, duration
from quiz.table_look import WORDS_MIN, Fitted, Listing, cells, new_table

HISTORY_ROWS = 20
SPARKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
CHART_WIDTH = 40
DETECTION_NOTE = (
    "Hit rate: supported claims called supported. False alarms: contradicted or "
    "not-stated claims called supported. d\u2032 is how well the two are told apart "
    "(0: not at all, 2: well); c above 0 leans to doubt, below 0 to belief."
)


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
    scores: Scores,
    titles: dict[str, str] | None = None,
    *,
    sparkline_trend: bool = True,
    packs: int | None = None,
    rounds: int = HISTORY_ROWS,
) -> list[RenderableType]:
    """The report's sections, in the order both views show them.

    The answers by kind and by tag are left out when none were counted (a history
    older than those tallies): their table would be headers over nothing.

    Args:
        scores: The figures.
        titles: Pack titles by id, to name packs by title; ids are shown without.
        sparkline_trend: Include the one-line trend of every round, third; the
            scores screen leaves it out and draws a chart per pack there instead.
        packs: How many packs the per-pack tables list, those played last
            first; every pack when None.
        rounds: How many of the latest rounds the history lists.
    """
    titles = titles or {}
    shown = latest_packs(scores, packs)
    tally_tables = (("By kind", scores.kinds), ("By tag", scores.tags))
    sections: list[RenderableType] = [
        packs_table(scores, titles, shown),
        leaders_table(scores, titles, shown),
        *([trend(scores.trend)] if sparkline_trend else []),
        history_table(scores, titles, rounds),
        *[tally_table(title, tallies) for title, tallies in tally_tables if tallies],
        Group(discernment_table(scores), Text("\n".join(scores.discernment_notes))),
    ]
    if any(band.answers for band in scores.calibration):
        sections.append(
            Group(
                calibration_table(scores), calibration_chart(scores), Text(scores.calibration_note)
            )
        )
    if scores.detections:
        sections.append(detection_table(scores.detections))
    return sections


def latest_packs(scores: Scores, most: int | None) -> list[str] | None:
    """The ``most`` packs played last, latest first; None (every pack) when they all fit."""
    if most is None or len(scores.packs) <= most:
        return None
    latest: dict[str, None] = {}
    for record in scores.history:  # newest first
        latest.setdefault(record.pack)
        if len(latest) == most:
            break
    return list(latest)


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
    # The chart and the figures have lines of their own: a terminal too narrow for
    # all three on one line would otherwise break the chart or a figure from its %.
    return Text.assemble(
        ("Trend, oldest first, as % of the best possible score:", "bold"),
        "\n",
        sparkline(values),
        f"\nlowest {min(values):.0f} %, highest {max(values):.0f} %",
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


def packs_table(
    scores: Scores, titles: dict[str, str] | None = None, shown: list[str] | None = None
) -> Listing:
    """How the full rounds of each pack went (review rounds are listed, not compared):
    every pack, or the ``shown`` ones in that order."""
    title = "Packs"
    summaries = scores.packs
    if shown is not None:
        by_id = {s.pack: s for s in scores.packs}
        summaries = [by_id[pack] for pack in shown if pack in by_id]
        title = f"Packs, latest played first ({len(shown)} of {len(scores.packs)})"
    rows = [
        cells(
            (titles or {}).get(s.pack, s.pack),
            s.rounds,
            s.best,
            s.last,
            f"{s.average:.0f}",
            share(s.accuracy),
        )
        for s in summaries
    ]
    headers = ("Pack", "Rounds", "Best", "Last", "Average", "Accuracy")
    return Listing(lambda: new_table(title, *headers), rows)


def leaders_table(
    scores: Scores, titles: dict[str, str] | None = None, shown: list[str] | None = None
) -> Listing:
    """Every player's standing on each pack (or on the ``shown`` ones), best first
    (full rounds only)."""
    packs = list(scores.leaderboards) if shown is None else shown
    title = "Leaderboard"
    if shown is not None:
        title = f"Leaderboard ({len(shown)} of {len(scores.packs)} packs, as above)"
    rows = [
        cells(
            (titles or {}).get(pack, pack) if rank == 1 else "",
            f"{rank}. {leader.player}",
            leader.best,
            leader.rounds,
            share(leader.accuracy),
        )
        for pack in packs
        for rank, leader in enumerate(scores.leaderboards.get(pack, []), start=1)
    ]
    headers = ("Pack", "Player", "Best", "Rounds", "Accuracy")
    return Listing(lambda: new_table(title, *headers, text=2), rows)


def history_table(
    scores: Scores, titles: dict[str, str] | None = None, rows: int = HISTORY_ROWS
) -> Fitted:
    """The latest ``rows`` rounds, newest first.

    Players and packs fold; dates and figures stay whole. Short of width, the
    right answers go first, then the players: in a report on one player, whose
    heading names them, as soon as the packs would fold narrower than
    :data:`WORDS_MIN`; in a report on everyone, where rounds without their players'
    names could be anyone's, only once the names themselves would fold.
    """
    shown = scores.history[:rows]
    title = f"Rounds, newest first ({len(shown)} of {len(scores.history)})"
    lines: list[list[Text]] = []
    for r in shown:
        marks = (
            "review" if r.review else "confidence" if r.confidence else "",
            "closed book" if r.closed_book else "",
        )
        label = ", ".join(mark for mark in marks if mark)
        mode = f" ({label})" if label else ""
        lines.append(
            cells(
                day(r.finished),
                r.player,
                (titles or {}).get(r.pack, r.pack) + mode,
                f"{r.score}/{r.best_possible}",
                f"{r.correct}/{r.answered}",
                duration(r.seconds),
            )
        )
    headers = ("Date", "Player", "Pack", "Score", "Right", "Time")
    names = max((line[1].cell_len for line in lines), default=1)
    if scores.player is not None:
        names = WORDS_MIN
    return Fitted(title, headers, lines, text=3, words=(1, 2), spare=((4, WORDS_MIN), (1, names)))


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


def signed(value: float | None) -> str:
    """A d′ or c to two decimals, or a dash."""
    return "-" if value is None else f"{value:+.2f}"


def detection_table(found: Mapping[str, Detection]) -> Group:
    """Each player's hit rate, false-alarm rate, d′ and criterion c, with what they mean."""
    table = new_table(
        "Discernment per player (signal detection)",
        "Player",
        "Supported",
        "Hit rate",
        "Others",
        "False alarms",
        "d\u2032",
        "c",
    )
    few = False
    for name, d in found.items():
        # On a handful of answers the correction that keeps 0 % and 100 % finite
        # is most of d′ and c: a player right every time would read as leaning.
        enough = d.signal >= MIN_ANSWERS and d.noise >= MIN_ANSWERS
        few = few or not enough
        table.add_row(
            *cells(
                name,
                d.signal,
                share(d.hit_rate),
                d.noise,
                share(d.false_alarm_rate),
                signed(d.d_prime if enough else None),
                signed(d.criterion if enough else None),
            )
        )
    note = DETECTION_NOTE
    if few:
        note += (
            f" d\u2032 and c are shown from {MIN_ANSWERS} supported claims and "
            f"{MIN_ANSWERS} others answered."
        )
    return Group(table, Text(note))


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
