"""The one look of a table, shared by the scores report and ``quiz packs``, and printing it.

Kept apart from :mod:`quiz.report_tables` so that a listing of packs prints a
table without importing the scores model. Cells are :class:`~rich.text.Text`
of cleaned text, never strings Rich would read as markup: pack ids, titles and
player names are typed by people.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from quiz.model.text import clean_line


def new_table(title: str, *headers: str, text: int = 1) -> Table:
    """An empty table in the report's look: a title on the left, a rule under the headers.

    Args:
        title: Shown above the table; none when empty.
        headers: The columns' headers.
        text: How many columns, from the left, hold words (left-aligned); the
            rest hold figures (right-aligned).
    """
    table = _empty(title)
    for index, header in enumerate(headers):
        table.add_column(Text(header), justify="left" if index < text else "right")
    return table


def _empty(title: str) -> Table:
    return Table(
        title=Text(clean_line(title), style="table.title") if title else None,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )


WORDS_MIN = 20
"""The narrowest a column of words may fold to before columns are left out for it."""


class Fitted:
    """A table whose figures are never cut short: its words fold, and when even they
    would fold too narrow, the columns it can spare are left out.

    Short of width, Rich first narrows the columns that may wrap; when none may,
    it takes the same number of cells from every column, so that a date or a
    score loses most of itself while a long title keeps most of its own. Here
    only the columns of words may wrap. When they would have to fold narrower
    than a spare column allows (or their own width, when less), that column is
    left out, the ``spare`` columns one by one in their order, until the words need
    not; once none is left to spare, the words fold narrower still. The columns
    shown are drawn as a :class:`Listing`.
    """

    def __init__(
        self,
        title: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[Text]],
        *,
        text: int = 1,
        words: Collection[int] = (),
        spare: Sequence[tuple[int, int]] = (),
    ) -> None:
        """Hold the table.

        Args:
            title: Shown above the table; none when empty.
            headers: The columns' headers.
            rows: Its rows, one cell per column.
            text: How many columns, from the left, are left-aligned.
            words: The indexes of the columns that may fold; the others keep each
                cell on one line.
            spare: The columns that may be left out, the first first: each its
                index and the narrowest the words may fold to before it is (say
                :data:`WORDS_MIN`).
        """
        self._title = title
        self._headers = headers
        self._rows = rows
        self._text = text
        self._words = words
        self._spare = spare

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The table with every column the width leaves room for."""
        everything = range(len(self._headers))
        spare = [index for index, _ in self._spare]
        widest = _widest([[Text(header) for header in self._headers], *self._rows])
        shown = [index for index in everything if index not in spare]
        for left_out, (_, narrowest) in enumerate(self._spare):
            # One row of each column's widest cell, its words cut to the narrowest they
            # may fold to: a table of it is as wide as the whole table needs.
            folded = list(widest)
            for index in self._words:
                folded[index] = widest[index].copy()
                folded[index].truncate(narrowest)
            kept = [index for index in everything if index not in spare[:left_out]]
            if _fits(self._table(kept, [folded]), console, options):
                shown = kept
                break
        yield Listing(
            lambda: self._table(shown, ()), [[row[index] for index in shown] for row in self._rows]
        )

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """At most as wide as the table with every column; at least as narrow as the
        table without the columns it can spare."""
        everything = range(len(self._headers))
        fewest = [index for index in everything if index not in dict(self._spare)]
        widest = Measurement.get(console, options, self._table(everything, self._rows))
        narrowest = Measurement.get(console, options, self._table(fewest, self._rows))
        return Measurement(min(narrowest.minimum, widest.minimum), widest.maximum)

    def _table(self, shown: Sequence[int], rows: Sequence[Sequence[Text]]) -> Table:
        table = _empty(self._title)
        for index in shown:
            table.add_column(
                Text(self._headers[index]),
                justify="left" if index < self._text else "right",
                no_wrap=index not in self._words,
                # An id or a name is one word: folded whole rather than cut short.
                overflow="fold" if index in self._words else "ellipsis",
            )
        for row in rows:
            table.add_row(*(row[index] for index in shown))
        return table


class Listing:
    """A table of many rows of one-line cells, drawn as the table that holds them, for less.

    Rich lays out and renders every cell of a table on its own, through its
    padding, so a table of a hundred rows costs far more than its text. When
    the table fits the width at its natural size, no cell wraps, and one row
    whose cells hold whole columns, a line per row, measures and draws
    exactly as the rows would: it is drawn so. When it does not fit, cells
    fold, and only rows of their own keep a folded cell's row together.

    What pays for it: the rows "`quiz packs`" and "`quiz scores`" of
    ``tests/benchmarks/run.py`` (docs/performance.md, "What stays for speed"):
    the packs, the leaderboard and the rounds of the scores report are Listings.
    """

    def __init__(self, new: Callable[[], Table], rows: Sequence[Sequence[Text]]) -> None:
        """Hold the rows of a table.

        Args:
            new: Makes the empty table, with its title and columns.
            rows: Its rows, one :class:`~rich.text.Text` per column. Only cells of
                one line, styled by spans, can be joined into columns: a cell's
                own style colours the spaces that pad it as well, in a row of its own.
        """
        self._new = new
        self._rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The table as one row of columns when that fits, else as rows."""
        joined = self._joined()
        if joined is not None:
            # A column is as wide as its widest cell: a table of those is as wide as the whole.
            widest = self._new()
            widest.add_row(*_widest(self._rows))
            if _fits(widest, console, options):
                # Every line fits its column: looking for places to wrap it finds none.
                for column in joined.columns:
                    column.no_wrap = True
                yield joined
                return
        yield self._as_rows()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """As wide as the table of the rows: a column's cells joined measure as they do
        one by one (the longest line, the longest word)."""
        joined = self._joined()
        return Measurement.get(console, options, self._as_rows() if joined is None else joined)

    def _as_rows(self) -> Table:
        """The table with a row of its own for each row."""
        table = self._new()
        for row in self._rows:
            table.add_row(*row)
        return table

    def _joined(self) -> Table | None:
        """The table as one row whose cells hold whole columns, when its cells allow."""
        if not self._rows or not all(_joinable(cell) for row in self._rows for cell in row):
            return None
        table = self._new()
        newline = Text("\n")
        table.add_row(*(newline.join(column) for column in zip(*self._rows, strict=True)))
        return table


def _widest(rows: Sequence[Sequence[Text]]) -> list[Text]:
    """Each column's widest cell, as one row."""
    return [max(column, key=_width) for column in zip(*rows, strict=True)]


def _fits(table: Table, console: Console, options: ConsoleOptions) -> bool:
    """Whether a table at its natural width, no cell wrapped, fits the width given."""
    return console.measure(table, options=options.update_width(sys.maxsize)).maximum <= (
        options.max_width
    )


def _width(cell: Text) -> int:
    return cell.cell_len


def _joinable(cell: Text) -> bool:
    return not cell.style and "\n" not in cell.plain


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
