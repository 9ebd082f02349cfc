"""The scores screen's rounds table at the widths of common terminals: figures stay whole."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static
from ui_helpers import answer

from quiz.report_tables import day
from quiz.screens.home import HomeScreen
from quiz.screens.play import PlayScreen
from quiz.screens.results import ResultsScreen
from quiz.screens.scores import ScoresScreen


def drawn(widget: Static) -> list[str]:
    """The lines a widget draws, as text."""
    return [
        strip.text.rstrip() for strip in widget.render_lines(widget.content_region.reset_offset)
    ]


HEADERS = ["Date", "Player", "Pack", "Score", "Right", "Time"]


@pytest.mark.parametrize(
    ("width", "headers"),
    [
        (100, HEADERS),
        (80, HEADERS),  # the title folds to four lines; a longer name than ana's leaves out Right
        (60, [h for h in HEADERS if h not in ("Right", "Player")]),
    ],
)
async def test_the_rounds_table_shows_the_whole_date_score_and_time(
    make_app, clock, width, headers
):
    # The tutorial's long title, marked as a confidence round played closed-book: wider
    # than the table's share of even a 100-column terminal.
    app = make_app()
    app.session.set_confidence(True)
    tutorial = app.session.library.find_pack("tutorial")
    app.start = app.session.start_round(tutorial, seed=1, closed_book=True)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, PlayScreen):  # the article, shown before a closed-book round
            await pilot.press("enter")
            await pilot.pause()
        while isinstance(app.screen, PlayScreen):
            clock.advance(7.5)
            await answer(pilot, right=True)
            await pilot.press("9", "enter")  # 90 % sure, then on
            await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        record = app.screen.record
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ScoresScreen)
        [table] = [
            lines
            for lines in map(drawn, app.screen.query(Static))
            if lines and lines[0].startswith("Rounds, newest first")
        ]

    assert record.seconds == 60
    assert table[1].split() == headers
    row = table[3]  # under the title, the headers and their rule
    figures = [day(record.finished), f"{record.score}/{record.best_possible}", "1 min 00 s"]
    if "Right" in headers:
        figures.append(f"{record.correct}/{record.answered}")
    for figure in figures:
        assert re.search(rf"(^|\s){re.escape(figure)}(\s|$)", row), (figure, table)
    # Nothing is cut short: the title folds, under itself.
    assert "\u2026" not in "\n".join(table)
    assert "Tutorial:" in row
    assert "questions" in " ".join(table[4:]) and "closed" in " ".join(table[4:])
