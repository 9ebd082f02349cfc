"""A :class:`~quiz.table_look.Listing` draws exactly what the table of its rows draws; a
:class:`~quiz.table_look.Fitted` table never cuts a figure short."""

from __future__ import annotations

import io

import pytest
from rich.console import Console, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from quiz.table_look import WORDS_MIN, Fitted, Listing, cells, new_table


def _new() -> Table:
    table = new_table("Packs", "ID", "Title", "Questions", text=2)
    for column in table.columns:
        column.overflow = "fold"
    return table


def _rows(long: bool) -> list[list[Text]]:
    rows = [cells(f"pack-{n:03}", f"Pack {n}: a title [red]not markup[/]", 20) for n in range(12)]
    broken = cells("broken", "broken: line 3: expected '='", None)
    broken[1].stylize("red")
    rows.insert(5, broken)
    rows.append(cells("wide", "一个标题 with wide characters", 7))
    if long:
        rows.append(cells("a-very-long-identifier-" * 2, "a title that is long " * 5, 1))
    return rows


def _console(width: int, colour: bool = False) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )


def _drawn(renderable: RenderableType, width: int, colour: bool = False) -> str:
    console = _console(width, colour)
    console.print(renderable)
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


def _table(rows: list[list[Text]]) -> Table:
    table = _new()
    for row in rows:
        table.add_row(*row)
    return table


@pytest.mark.parametrize("width", [200, 120, 80, 60, 40, 25, 10])
@pytest.mark.parametrize("long", [False, True])
@pytest.mark.parametrize("colour", [False, True])
def test_listing_draws_as_its_table(width: int, long: bool, colour: bool) -> None:
    rows = _rows(long)
    assert _drawn(Listing(_new, rows), width, colour) == _drawn(_table(rows), width, colour)


@pytest.mark.parametrize("width", [200, 80, 25])
@pytest.mark.parametrize("long", [False, True])
def test_listing_measures_as_its_table(width: int, long: bool) -> None:
    rows = _rows(long)
    console = _console(width)
    listing = Measurement.get(console, console.options, Listing(_new, rows))
    assert listing == Measurement.get(console, console.options, _table(rows))
    if width == 200:
        assert listing.maximum < 200  # as wide as its cells, not the line


@pytest.mark.parametrize(
    ("width", "long", "row_count"),
    [(120, False, 1), (200, True, 1), (120, True, 15), (40, False, 14)],
)
def test_listing_is_one_row_of_columns_only_when_it_fits(
    width: int, long: bool, row_count: int
) -> None:
    console = _console(width)
    [table] = Listing(_new, _rows(long)).__rich_console__(console, console.options)
    assert isinstance(table, Table)
    assert table.row_count == row_count


def test_listing_that_folds_keeps_rows_together() -> None:
    lines = _drawn(Listing(_new, _rows(long=True)), 60).splitlines()
    first = next(index for index, line in enumerate(lines) if line.startswith("a-very-long"))
    # The long row's id and title both fold, side by side, after every other row.
    assert "a title" in lines[first] and "title" in lines[first + 1]
    assert lines[first + 1].startswith("a-very-long")


def test_empty_listing_draws_the_headers() -> None:
    assert _drawn(Listing(_new, []), 80) == _drawn(_new(), 80)


@pytest.mark.parametrize("colour", [False, True])
def test_listing_of_styled_or_multiline_cells_draws_rows(colour: bool) -> None:
    rows = _rows(long=False)
    rows[2] = cells("styled", "a title in its own style", 3, style="bold")
    rows[3] = [Text("two\nlines"), Text("a title"), Text("4")]
    console = _console(120, colour)
    [table] = Listing(_new, rows).__rich_console__(console, console.options)

    assert isinstance(table, Table) and table.row_count == len(rows)
    assert _drawn(Listing(_new, rows), 120, colour) == _drawn(_table(rows), 120, colour)


ROUND_HEADERS = ("Date", "Player", "Pack", "Score", "Right", "Time")


def _round_rows(player: str) -> list[list[Text]]:
    title = "Tutorial: learn to fact-check in eight questions (confidence, closed book)"
    return [
        cells("2026-12-04", player, title, "98/100", "8/8", "1 min 00 s"),
        cells("2026-12-03", "ana", "A short one", "1120/1380", "46/46", "1 h 02 min"),
    ]


def _fitted(player: str = "Player One") -> Fitted:
    rows = _round_rows(player)
    return Fitted(
        "Rounds", ROUND_HEADERS, rows, text=3, words=(1, 2), spare=((4, WORDS_MIN), (1, WORDS_MIN))
    )


def test_fitted_draws_as_the_plain_table_when_it_fits() -> None:
    plain = new_table("Rounds", *ROUND_HEADERS, text=3)
    for row in _round_rows("Player One"):
        plain.add_row(*row)
    assert _drawn(_fitted(), 200) == _drawn(plain, 200)


@pytest.mark.parametrize(
    ("width", "headers"),
    [
        (120, ROUND_HEADERS),
        (96, ROUND_HEADERS),
        (76, ("Date", "Player", "Pack", "Score", "Time")),
        (56, ("Date", "Pack", "Score", "Time")),
        (44, ("Date", "Pack", "Score", "Time")),
    ],
)
def test_fitted_folds_words_and_leaves_out_spare_columns_but_never_cuts_a_figure(
    width: int, headers: tuple[str, ...]
) -> None:
    lines = _drawn(_fitted(), width).splitlines()
    assert lines[1].split() == list(headers)
    assert all(len(line) <= width for line in lines)
    shown = "\n".join(lines)
    if width > 44:  # at 44 the pack has six cells: a word longer than that is cut
        assert "\u2026" not in shown
    figures = ["2026-12-04", "98/100", "1 min 00 s", "2026-12-03", "1120/1380", "1 h 02 min"]
    if "Right" in headers:
        figures += ["8/8", "46/46"]
    for figure in figures:
        assert figure in shown, (figure, shown)


def test_fitted_keeps_the_spare_columns_that_leave_the_words_room() -> None:
    # A short name leaves the pack its room at 76 columns: nothing is left out.
    assert _drawn(_fitted("ana"), 76).splitlines()[1].split() == list(ROUND_HEADERS)


def test_fitted_measures_from_its_fewest_columns_to_all_of_them() -> None:
    console = _console(200)
    measured = console.measure(_fitted())
    assert measured.maximum == max(
        len(line.rstrip()) for line in _drawn(_fitted(), 200).splitlines()
    )
    # Without Right and Player: narrower than the table of every column can fold to.
    every = new_table("Rounds", *ROUND_HEADERS, text=3)
    for row in _round_rows("Player One"):
        every.add_row(*row)
    assert measured.minimum < console.measure(every).minimum
