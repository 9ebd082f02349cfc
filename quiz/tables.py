"""Tables and styled lines as plain data: drawn by Rich in the game, as text by the commands.

The scores screen shows them through Rich (:func:`to_rich`); ``quiz packs``
and ``quiz scores`` print them with :func:`render`, which lays them out the
way Rich's ``SIMPLE_HEAD`` tables look without importing Rich's console:
that import alone costs more than a whole listing should (see the README's
Speed section). Importing this module imports neither Rich nor Textual, nor
``dataclasses``, which would cost a listing a fifth of its start.

Every text here is shown as written: it is never parsed as markup, and the
cells are cleaned of control characters before they are printed.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TextIO, TypeAlias

from quiz.model.text import clean_line, clean_text
from quiz.terminal import terminal_width, wants_color

if TYPE_CHECKING:
    from rich.console import RenderableType

Span: TypeAlias = tuple[str, str]
"""A piece of text and its style: ``""``, or words such as ``"bold red"``."""

_SGR = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33"}
_SEPARATOR = "   "  # Rich's padding, the box's space, padding
_ELLIPSIS = "\u2026"
_RULE = "\u2500"
_PIECES = re.compile(r" +|[^ ]+")


class Column(NamedTuple):
    """A column: its header, alignment, and what a cell too long for it does."""

    header: str
    justify: Literal["left", "right"] = "left"
    no_wrap: bool = False
    """Keep each cell on one line instead of wrapping it at spaces."""
    overflow: Literal["fold", "ellipsis"] = "ellipsis"
    """What a word (or a ``no_wrap`` cell) too long for the column does: cut with an
    ellipsis, as Rich does by default, or fold onto the next lines."""


class Table:
    """A titled table of text cells, each with an optional style."""

    __slots__ = ("title", "columns", "rows")

    def __init__(
        self, title: str, columns: list[Column], rows: list[list[Span]] | None = None
    ) -> None:
        """Create a table, empty unless ``rows`` are given."""
        self.title = title
        self.columns = columns
        self.rows: list[list[Span]] = rows if rows is not None else []

    def __eq__(self, other: object) -> bool:
        return type(other) is Table and (self.title, self.columns, self.rows) == (
            other.title, other.columns, other.rows)

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"Table({self.title!r}, {len(self.columns)} columns, {len(self.rows)} rows)"

    def add_row(self, *cells: object, style: str = "") -> None:
        """Add a row of cells in ``style``.

        A cell is shown as ``str(cell)``, ``-`` for None; a ``(text, style)``
        pair gives that one cell its own style.
        """
        self.rows.append([
            (str(cell[0]), str(cell[1])) if isinstance(cell, tuple) and len(cell) == 2
            else ("-" if cell is None else str(cell), style)
            for cell in cells
        ])


class Line(NamedTuple):
    """One or more lines of styled text outside a table."""

    spans: tuple[Span, ...]

    @classmethod
    def of(cls, text: str, style: str = "") -> Line:
        """A line in one style."""
        return cls(((text, style),))

    @classmethod
    def joined(cls, lines: Iterable[Line]) -> Line:
        """Several lines as one block, each ending with a line break."""
        return cls(tuple(span for line in lines for span in (*line.spans, ("\n", ""))))


Block: TypeAlias = Table | Line


def cell_width(text: str) -> int:
    """Terminal cells a text takes: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def _cut(text: str, width: int) -> tuple[str, str]:
    """Split ``text`` where it first exceeds ``width`` cells (at least one character)."""
    if text.isascii():
        width = max(width, 1)
        return text[:width], text[width:]
    used = 0
    for index, char in enumerate(text):
        used += cell_width(char)
        if used > width and index:
            return text[:index], text[index:]
    return text, ""


def _fold(word: str, width: int) -> list[str]:
    """A word in pieces of at most ``width`` cells, in one pass (a piece holds at least
    one character, so a wide character in a one-cell column still moves on)."""
    width = max(width, 1)
    if word.isascii():
        return [word[start : start + width] for start in range(0, len(word), width)] or [""]
    pieces: list[str] = []
    start = used = 0
    for index, char in enumerate(word):
        size = cell_width(char)
        if used + size > width and index > start:
            pieces.append(word[start:index])
            start, used = index, 0
        used += size
    pieces.append(word[start:])
    return pieces


def wrap(text: str, width: int, *, fold: bool = True) -> list[str]:
    """Word-wrap to ``width`` cells.

    A word longer than a line is folded onto the next lines, or, with ``fold``
    false, cut with an ellipsis.
    """
    width = max(width, 1)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in paragraph.split():
            size = cell_width(word)
            if line and used + 1 + size <= width:
                line, used = f"{line} {word}", used + 1 + size
                continue
            if line:
                lines.append(line)
            if size <= width:
                line, used = word, size
            elif not fold:
                line, used = truncate(word, width), width
            else:
                *whole, line = _fold(word, width)
                lines += whole
                used = cell_width(line)
        lines.append(line)
    return lines


def truncate(text: str, width: int) -> str:
    """One line of at most ``width`` cells, ending in an ellipsis when cut."""
    if cell_width(text) <= width:
        return text
    if width <= 1:
        return _ELLIPSIS[:width]
    return _cut(text, width - 1)[0] + _ELLIPSIS


def _longest_word(text: str) -> int:
    return max((cell_width(word) for word in text.split()), default=0)


def column_widths(table: Table, available: int) -> list[int]:
    """Each column's width: its widest cell, shrunk (widest first) until the table fits.

    A wrapping column gives way down to its longest word, then to 4 cells; a
    column that does not wrap gives way last.
    """
    count = len(table.columns)
    natural = [cell_width(column.header) for column in table.columns]
    shortest = [_longest_word(column.header) for column in table.columns]
    for row in table.rows:
        for index, (text, _) in enumerate(row[:count]):
            text = clean_line(text)
            natural[index] = max(natural[index], cell_width(text))
            if not table.columns[index].no_wrap:
                shortest[index] = max(shortest[index], _longest_word(text))
    widths = natural[:]
    room = available - len(_SEPARATOR) * (count - 1) - 2
    wraps = [not column.no_wrap for column in table.columns]
    stages = (
        [min(shortest[i], natural[i]) if wraps[i] else natural[i] for i in range(count)],
        [min(4, natural[i]) if wraps[i] else natural[i] for i in range(count)],
        [min(4, natural[i]) for i in range(count)],
        [min(1, natural[i]) for i in range(count)],
    )
    for floors in stages:
        excess = sum(widths) - room
        while excess > 0:
            shrinkable = [i for i in range(count) if widths[i] > floors[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            runner_up = max((widths[i] for i in shrinkable if i != widest), default=0)
            # Down to the next widest in one step (or as far as needed), not a cell at a
            # time: a cell of a million characters must not mean a million steps.
            target = max(floors[widest], runner_up, widths[widest] - excess)
            if target >= widths[widest]:
                target = widths[widest] - 1
            excess -= widths[widest] - target
            widths[widest] = target
    return widths


def _styled(text: str, style: str, color: bool) -> str:
    if not color or not style or not text:
        return text
    codes = [_SGR[word] for word in style.split() if word in _SGR]
    if not codes:
        return text
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"


def _pad(text: str, width: int, justify: str) -> str:
    gap = " " * max(width - cell_width(text), 0)
    return gap + text if justify == "right" else text + gap


def render_table(table: Table, width: int, *, color: bool = False) -> list[str]:
    """The lines of a table: title, headers, a rule, then the rows, and a blank line."""
    widths = column_widths(table, width)
    lines = [_styled(part, "italic", color) for part in wrap(clean_line(table.title), width)
             ] if table.title else []
    lines += _row_lines([(c.header, "bold") for c in table.columns], table, widths, color)
    lines.append(" " + _RULE * (sum(widths) + len(_SEPARATOR) * (len(widths) - 1)))
    for row in table.rows:
        lines += _row_lines(row, table, widths, color)
    lines.append("")
    return lines


def _row_lines(row: Sequence[Span], table: Table, widths: list[int], color: bool) -> list[str]:
    columns: list[list[str]] = []
    for (text, _), column, width in zip(row, table.columns, widths, strict=False):
        text = clean_line(text)
        if text.isascii() and len(text) <= width:
            columns.append([text])  # fits as it is: most cells of most tables
        elif not column.no_wrap:
            columns.append(wrap(text, width, fold=column.overflow == "fold"))
        elif column.overflow == "ellipsis":
            columns.append([truncate(text, width)])
        else:
            columns.append(_fold(text, width))
    height = max(map(len, columns), default=1)
    if height == 1 and not color:
        cells = [_pad(parts[0] if parts else "", width, column.justify)
                 for column, width, parts in zip(table.columns, widths, columns, strict=False)]
        return [(" " + _SEPARATOR.join(cells)).rstrip()]
    lines = []
    for number in range(height):
        cells = []
        for (_, style), column, width, parts in zip(row, table.columns, widths, columns,
                                                    strict=False):
            part = parts[number] if number < len(parts) else ""
            cells.append(_styled(_pad(part, width, column.justify), style, color))
        lines.append((" " + _SEPARATOR.join(cells)).rstrip())
    return lines


def render_line(line: Line, width: int = 0, *, color: bool = False) -> list[str]:
    """A styled line, word-wrapped to ``width`` cells (0: never wrapped).

    Its own line breaks are kept, and a wrapped line keeps the indentation of
    the first.
    """
    rows: list[list[Span]] = [[]]
    for text, style in line.spans:
        for number, part in enumerate(clean_text(text).replace("\t", " ").split("\n")):
            if number:
                rows.append([])
            if part:
                rows[-1].append((part, style))
    lines = []
    for spans in rows:
        for wrapped in _wrap_spans(spans, width) if width > 0 else [spans]:
            lines.append("".join(_styled(text, style, color) for text, style in wrapped))
    return lines


def _wrap_spans(spans: list[Span], width: int) -> list[list[Span]]:
    """Greedy word wrapping of styled text; a word longer than a line is folded."""
    plain = "".join(text for text, _ in spans)
    if cell_width(plain) <= width:
        return [spans]
    indent = plain[: len(plain) - len(plain.lstrip(" "))]
    if len(indent) >= width // 2:
        indent = ""
    lines: list[list[Span]] = [[]]
    used = 0
    for text, style in spans:
        for piece in _PIECES.findall(text):
            size = cell_width(piece)
            if piece.isspace():
                if used + size <= width:
                    lines[-1].append((piece, style))
                    used += size
                continue
            if used + size > width and used > len(indent):
                lines.append([(indent, "")] if indent else [])
                used = len(indent)
            if used + size > width:
                # Longer than a line: folded in one pass, each piece on its own line.
                *whole, piece = _fold(piece, max(width - used, 1))
                for head in whole:
                    lines[-1].append((head, style))
                    lines.append([(indent, "")] if indent else [])
                    used = len(indent)
                size = cell_width(piece)
            lines[-1].append((piece, style))
            used += size
    return [_rstrip(spans) for spans in lines]


def _rstrip(spans: list[Span]) -> list[Span]:
    while spans and not spans[-1][0].strip():
        spans = spans[:-1]
    if spans:
        text, style = spans[-1]
        spans = [*spans[:-1], (text.rstrip(" "), style)]
    return spans


def render(blocks: Iterable[Block], width: int, *, color: bool = False) -> str:
    """Blocks as text for a terminal ``width`` cells wide, ANSI-styled when ``color``."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            lines += render_table(block, width, color=color)
        else:
            lines += render_line(block, width, color=color)
    return "\n".join(lines)


def show(blocks: Iterable[Block], stream: TextIO | None = None) -> None:
    """Print blocks laid out for the terminal they go to (standard output by default)."""
    stream = stream or sys.stdout
    print(render(blocks, terminal_width(stream), color=wants_color(stream)), file=stream)


def to_data(blocks: Iterable[Block]) -> list[dict[str, Any]]:
    """Blocks as JSON-ready data, to keep a rendered report for later (:func:`from_data`)."""
    data: list[dict[str, Any]] = []
    for block in blocks:
        if isinstance(block, Table):
            columns = [[c.header, c.justify, c.no_wrap, c.overflow] for c in block.columns]
            data.append({"table": block.title, "columns": columns, "rows": block.rows})
        else:
            data.append({"line": block.spans})
    return data


def from_data(data: object) -> list[Block]:
    """Blocks back from :func:`to_data`'s data, every type checked.

    Raises:
        ValueError: The data is not what :func:`to_data` writes.
    """
    if not isinstance(data, list):
        raise ValueError("expected a list of blocks")
    return [_block(item) for item in data]


def _block(item: object) -> Block:
    if type(item) is not dict:
        raise ValueError("expected a block")
    if "line" in item:
        return Line(_spans(item["line"]))
    title, columns, rows = item.get("table"), item.get("columns"), item.get("rows")
    if type(title) is not str or type(columns) is not list or type(rows) is not list:
        raise ValueError("expected a table")
    table = Table(title, [_column(column) for column in columns])
    for row in rows:
        spans = _spans(row)
        if len(spans) != len(table.columns):
            raise ValueError("a row does not fit its table")
        table.rows.append(list(spans))
    return table


def _column(value: object) -> Column:
    if type(value) is list and len(value) == 4:
        header, justify, no_wrap, overflow = value
        if (type(header) is str and justify in ("left", "right") and type(no_wrap) is bool
                and overflow in ("fold", "ellipsis")):
            return Column(header, justify, no_wrap, overflow)
    raise ValueError("expected a column")


def _spans(value: object) -> tuple[Span, ...]:
    if type(value) is not list:
        raise ValueError("expected spans")
    spans = tuple(tuple(span) for span in value if type(span) is list and len(span) == 2)
    if len(spans) != len(value) or not all(
        type(text) is str and type(style) is str for text, style in spans
    ):
        raise ValueError("expected [text, style] spans")
    return spans


def to_rich(block: Block) -> RenderableType:
    """The same block as a Rich renderable, for the game's screens."""
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    if isinstance(block, Line):
        shown = Text()
        for text, style in block.spans:
            shown.append(clean_text(text), style=style)
        return shown
    # Text, never str: Rich would read brackets in a str as markup.
    title = Text(clean_line(block.title), style="table.title") if block.title else None
    table = RichTable(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for column in block.columns:
        table.add_column(Text(clean_line(column.header)), justify=column.justify,
                         no_wrap=column.no_wrap, overflow=column.overflow)
    for row in block.rows:
        table.add_row(*(Text(clean_line(text), style=style) for text, style in row))
    return table
