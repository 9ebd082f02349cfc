"""A pack's scores over its rounds: a chart with a percentage axis and labelled points."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

ROWS = 9
"""Rows of the plot: 0 to 100 % in steps of 12.5, a tick label on every other row."""
AXIS = 6
"""Columns of the axis: ``100 % `` and the rule."""
SPACING = 5
"""The fewest columns per point: room for a label such as ``-100`` over each."""
WIDEST = 10
"""The most columns per point, so a few rounds still read as a line."""
DOT = "\u25cf"


def chart_lines(values: list[float], width: int) -> list[list[tuple[str, str]]]:
    """The chart as lines of styled runs, ``(text, style)``.

    Args:
        values: Scores as a share of the best possible, 0 to 100 (below 0 in
            confidence mode), oldest first.
        width: Columns to draw in; the latest rounds that fit are shown.

    Returns:
        ``ROWS`` rows of the plot, then the axis, then the round numbers.
    """
    room = width - AXIS - 8  # the axis, and "  round" after the last number
    fits = max(1, room // SPACING)
    first = max(0, len(values) - fits)
    shown = values[first:]
    spacing = max(SPACING, min(WIDEST, room // max(1, len(shown))))
    low = min(0.0, *shown) if shown else 0.0
    high = max(100.0, *shown) if shown else 100.0
    span = high - low
    plot_width = len(shown) * spacing
    grid = [[" "] * plot_width for _ in range(ROWS)]
    dots: set[tuple[int, int]] = set()
    places = []
    for index, value in enumerate(shown):
        row = ROWS - 1 - round((value - low) / span * (ROWS - 1))
        column = index * spacing + spacing // 2
        grid[row][column] = DOT
        dots.add((row, column))
        places.append((row, column, f"{value:.0f}"))
    for row, column, label in places:
        # Above the dot when there is room, else below; never over another point.
        for target in (row - 1, row + 1):
            start = column - len(label) // 2
            cells = range(max(start, 0), min(start + len(label), plot_width))
            if 0 <= target < ROWS and all(grid[target][c] == " " for c in cells):
                for offset, c in enumerate(cells):
                    grid[target][c] = label[c - start] if offset < len(label) else " "
                break
    lines: list[list[tuple[str, str]]] = []
    for row in range(ROWS):
        level = high - row * span / (ROWS - 1)
        tick = f"{level:>4.0f} %" if row % 2 == 0 else " " * (AXIS - 1)
        line: list[tuple[str, str]] = [(tick[: AXIS - 1], "$text-muted"), ("\u2502", "$text-muted")]
        for column, char in enumerate(grid[row]):
            style = "bold $accent" if (row, column) in dots else ""
            if line[-1][1] == style:
                line[-1] = (line[-1][0] + char, style)
            else:
                line.append((char, style))
        lines.append(line)
    lines.append([(" " * (AXIS - 1) + "\u2514" + "\u2500" * plot_width, "$text-muted")])
    numbers = [" "] * plot_width
    for index in range(len(shown)):
        label = str(first + index + 1)
        start = index * spacing + spacing // 2 - len(label) // 2
        if index in (0, len(shown) - 1) or len(shown) <= 12:
            for offset, char in enumerate(label):
                if 0 <= start + offset < plot_width:
                    numbers[start + offset] = char
    lines.append([(" " * AXIS + "".join(numbers) + "  round", "$text-muted")])
    return lines


class TrendChart(Widget):
    """One pack's rounds as a chart, as wide as the screen allows."""

    DEFAULT_CSS = """
    TrendChart {
        height: auto;
        margin: 0 0 1 0;
    }
    """

    def __init__(self, title: str, values: list[float], *, id: str | None = None) -> None:
        """Create the chart.

        Args:
            title: The pack's title (untrusted text, shown literally).
            values: Its rounds' scores as a share of the best possible, oldest first.
            id: The widget's id.
        """
        super().__init__(id=id)
        self.pack_title = title
        self.values = values

    def render(self) -> Content:
        """The title, then the chart drawn to the widget's width."""
        heading = Content.assemble(
            (self.pack_title, "bold"),
            ("  score as % of the best possible, by round", "$text-muted"),
        )
        if len(self.values) < 2:
            note = "One round so far: the trend starts with the second."
            return Content.assemble(heading, "\n", note)
        rows = chart_lines(self.values, self.size.width or 80)
        body = [Content.assemble(*line) for line in rows]
        return Content("\n").join([heading, *body])

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        """The heading, the plot, its axis and the round numbers."""
        return 2 if len(self.values) < 2 else ROWS + 3
