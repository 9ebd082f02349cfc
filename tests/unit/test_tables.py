"""Plain-text tables: they fit the width, wrap words, never pass markup or controls on."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from quiz.tables import (
    Column,
    Line,
    Table,
    cell_width,
    column_widths,
    from_data,
    render,
    render_line,
    terminal_width,
    to_data,
    to_rich,
    truncate,
    wants_color,
    wrap,
)


def _table() -> Table:
    table = Table("Packs", [Column("ID"), Column("Title"), Column("Best", "right", no_wrap=True)])
    table.add_row("iran-quds-force-iraq", "Iran's Quds Force and U.S. troops in Iraq", 120)
    table.add_row("mine", ("broken: line 3: title: must be text", "red"), None)
    return table


def test_cell_width_counts_wide_characters_twice_and_combining_marks_not_at_all():
    assert cell_width("abc") == 3
    assert cell_width("日本") == 4
    assert cell_width("e\u0301") == 1


def test_wrap_breaks_between_words_and_folds_a_word_longer_than_the_line():
    assert wrap("the quick brown fox", 10) == ["the quick", "brown fox"]
    assert wrap("abcdefghij-klmno", 6) == ["abcdef", "ghij-k", "lmno"]
    assert wrap("", 5) == [""]


def test_truncate_ends_in_an_ellipsis():
    assert truncate("abcdef", 6) == "abcdef"
    assert truncate("abcdefg", 6) == "abcde\u2026"
    assert cell_width(truncate("日本語のテキスト", 7)) <= 7


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_a_table_fits_its_width_and_keeps_every_column(width):
    lines = render([_table()], width).splitlines()
    assert all(cell_width(line) <= width for line in lines)
    header = lines[1]
    assert all(name in header for name in ("ID", "Title", "Best"))
    words = " ".join(" ".join(lines).split())
    assert "120" in words and "Iran's" in words


def test_a_table_that_fits_is_not_wrapped():
    lines = render([_table()], 200).split("\n")
    assert lines[0] == "Packs"
    assert len(lines) == 6  # title, header, rule, two rows, blank
    assert lines[3].endswith("120")  # right-aligned
    assert lines[4].rstrip().endswith("-")  # None is a dash


def test_wrapping_columns_give_way_before_the_ones_that_do_not_wrap():
    widths = column_widths(_table(), 50)
    assert widths[2] == len("Best")
    assert sum(widths) + 3 * 2 + 2 <= 50


def test_an_ellipsis_column_keeps_one_line():
    table = Table("", [Column("Pack", no_wrap=True, overflow="ellipsis"), Column("N", "right")])
    table.add_row("a-very-long-pack-name-indeed", 1)
    lines = render([table], 12).split("\n")
    assert lines[2] == " a-ver\u2026   1"  # 2 edges + 3 between columns leave 6 cells
    assert len(lines) == 4


def test_markup_and_controls_are_shown_as_text_not_obeyed():
    table = Table("[bold]t[/]", [Column("x")])
    table.add_row("[red]a[/] [@click=app.quit]b[/] \x1b]0;pwned\x07 \u202e")
    out = render([table, Line.of("[/] \x1b[2J")], 120)
    assert "[red]a[/] [@click=app.quit]b[/]" in out and "[bold]t[/]" in out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out


def test_colour_is_ansi_styles_only_when_asked():
    plain = render([_table()], 100)
    coloured = render([_table()], 100, color=True)
    assert "\x1b" not in plain
    assert "\x1b[31mbroken" in coloured and "\x1b[1mID" in coloured
    assert [line for line in coloured.split("\x1b[") if "\x1b" in line] == []


def test_a_long_line_wraps_at_words_and_keeps_its_indent():
    line = Line((("  Note: ", "bold"), ("you tend to call true claims false, often", "")))
    lines = render_line(line, 20)
    assert lines == ["  Note: you tend to", "  call true claims", "  false, often"]
    assert render_line(Line.of("x" * 25), 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_width_and_colour_follow_the_environment(monkeypatch, tmp_path):
    with open(tmp_path / "out", "w") as stream:
        monkeypatch.delenv("COLUMNS", raising=False)
        assert terminal_width(stream) == 80
        monkeypatch.setenv("COLUMNS", "132")
        assert terminal_width(stream) == 132
        monkeypatch.setenv("COLUMNS", "zero")
        assert terminal_width(stream) == 80
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.delenv("FORCE_COLOR", raising=False)
        assert wants_color(stream) is False
        monkeypatch.setenv("FORCE_COLOR", "1")
        assert wants_color(stream) is True
        monkeypatch.setenv("NO_COLOR", "1")
        assert wants_color(stream) is False


def test_the_screen_draws_the_same_cells_through_rich():
    console = Console(width=100, record=True, color_system=None)
    console.print(to_rich(_table()))
    console.print(to_rich(Line.joined([Line.of("[b]one[/b]"), Line.of("two")])))
    shown = console.export_text()
    assert "Iran's Quds Force and U.S. troops in Iraq" in shown
    assert "broken: line 3: title: must be text" in shown
    assert "[b]one[/b]\ntwo" in shown


def test_a_wide_character_in_a_one_cell_column_moves_on():
    assert wrap("中", 1) == ["中"]
    assert wrap("中中中", 1) == ["中", "中", "中"]
    assert render_line(Line.of("中中"), 1) == ["中", "中"]
    table = Table("", [Column("A", overflow="fold"), Column("B")])
    table.add_row("中文字", "李")
    assert render([table], 1)  # finishes


def test_huge_cells_are_laid_out_in_linear_time(tmp_path):
    """A hostile cache once held a 300,000-character title; folding it re-measured the
    rest of the text at each line (89 s). Run apart, so a hang fails instead of stalling."""
    import subprocess
    import sys

    code = (
        "from quiz.tables import Table, Column, Line, render\n"
        "t = Table('', [Column('A', overflow='fold'), Column('B')])\n"
        "t.add_row('中' * 200_000, 'x' * 1_000_000)\n"
        "out = render([t, Line.of('中' * 200_000)], 80)\n"
        "print(max(len(line) for line in out.split('\\n')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) <= 80


@pytest.mark.parametrize("width", range(23, 45))
def test_six_columns_fit_any_width_that_can_hold_them(width):
    table = Table("Discernment (balanced accuracy 79 %)",
                  [Column(name, "left" if i == 0 else "right")
                   for i, name in enumerate(["Pack", "Rounds", "Best", "Last", "Average",
                                             "Accuracy"])])
    table.add_row("iran-quds-force-iraq", 12, 480, 360, "402", "75 %")
    lines = render([table], width).split("\n")
    assert all(cell_width(line) <= width for line in lines), lines


def test_headers_wrap_instead_of_losing_words():
    table = Table("", [Column("When the claim was"), Column("Answers", "right")])
    table.add_row("Supported", 12)
    words = " ".join(render([table], 20).split())
    assert "When the" in words and "claim" in words and "was" in words


def test_cells_that_do_not_wrap_are_cut_with_an_ellipsis_like_rich():
    table = Table("", [Column("Date", no_wrap=True), Column("Pack")])
    table.add_row("2026-12-03", "a-pack-with-a-long-name")
    lines = render([table], 20).split("\n")
    assert any("\u2026" in line for line in lines)
    assert not any(line.strip().startswith("-12") for line in lines)


def test_tabs_in_lines_become_spaces_and_odd_columns_are_ignored(monkeypatch, tmp_path):
    assert render_line(Line.of("a\tb")) == ["a b"]
    monkeypatch.setenv("COLUMNS", "\u00b2")
    with open(tmp_path / "out", "w") as stream:
        assert terminal_width(stream) == 80


def test_titles_and_headers_are_not_markup_on_screen_either():
    table = Table("[bold]t[/]", [Column("[red]h[/]")])
    table.add_row("x")
    console = Console(width=60, record=True, color_system=None)
    console.print(to_rich(table))
    shown = console.export_text()
    assert "[bold]t[/]" in shown and "[red]h[/]" in shown


def test_blocks_survive_a_trip_through_json():
    table = Table("T", [Column("A"), Column("B", "right", no_wrap=True, overflow="fold")])
    table.add_row("x", 1)
    table.add_row(("y", "red"), None, style="bold")
    blocks = [table, Line((("one ", "bold"), ("two", ""))), Line.of("")]

    again = from_data(json.loads(json.dumps(to_data(blocks))))

    assert again == blocks
    assert render(again, 40, color=True) == render(blocks, 40, color=True)


@pytest.mark.parametrize("data", [
    {"line": []},
    [7],
    [{"line": [["a"]]}],
    [{"line": [["a", None]]}],
    [{"line": "ab"}],
    [{"table": 1, "columns": [], "rows": []}],
    [{"table": "", "columns": [["A", "left", "no", "fold"]], "rows": []}],
    [{"table": "", "columns": [["A", "left", False, "clip"]], "rows": []}],
    [{"table": "", "columns": [["A", "left", False, "fold"]], "rows": [[]]}],
    [{"table": "", "columns": [["A", "left", False, "fold"]], "rows": [[[1, ""]]]}],
    [{"table": "", "columns": {}, "rows": []}],
])
def test_data_that_is_not_blocks_is_refused(data):
    with pytest.raises(ValueError):
        from_data(data)
