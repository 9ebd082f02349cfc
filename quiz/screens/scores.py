"""The scores screen: how the player (or everyone) is doing, over time and by kind of claim."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from quiz.model.report import Scores, build, rounds_of
from quiz.report_tables import heading, report
from quiz.session import Session
from quiz.widgets.footer import QuizFooter
from quiz.widgets.trend_chart import TrendChart


class ScoresScreen(Screen[None]):
    """Per-pack figures, leaderboard, a trend chart per pack, history, discernment and
    calibration; packs named by their titles."""

    DEFAULT_CSS = """
    ScoresScreen #body {
        padding: 1 2;
    }
    ScoresScreen .section {
        margin: 0 0 1 0;
    }
    """

    BINDINGS = [
        Binding("a", "toggle_everyone", "Everyone / just me", id="scores.everyone"),
        Binding("b", "cycle_book", "Book: all / open / closed", id="scores.book"),
        Binding("escape,enter", "close", "Home", id="scores.close"),
    ]

    def __init__(self, session: Session) -> None:
        """Create the screen.

        Args:
            session: The progress to report on, and the current player.
        """
        super().__init__()
        self.session = session
        self.everyone = False
        self.closed_book: bool | None = None
        """Only closed-book rounds (True), only open-book rounds (False), or all (None)."""

    def compose(self) -> ComposeResult:
        """A scrolling report; filled on mount and when the filter changes."""
        yield VerticalScroll(id="body")
        yield QuizFooter()

    async def on_mount(self) -> None:
        """Show the current player's figures."""
        self.title = "Scores"
        await self.show()

    @property
    def scores(self) -> Scores:
        """The report for the current filter."""
        player = None if self.everyone else self.session.player
        return build(self.session.everyone(), player=player, closed_book=self.closed_book)

    async def show(self) -> None:
        """Rebuild the report."""
        body = self.query_one("#body", VerticalScroll)
        await body.remove_children()
        scores = self.scores
        titles = {
            entry.id: entry.summary.title
            for entry in self.session.library.packs()
            if entry.error is None
        }
        widgets: list[Widget] = [Static(heading(scores), classes="section")]
        if scores.history:
            sections = [
                Static(section, classes="section")
                for section in report(scores, titles, sparkline_trend=False)
            ]
            charts = [
                TrendChart(titles.get(pack_id, pack_id), values)
                for pack_id, values in scores.trends.items()
            ]
            # After the packs and the leaderboard, as the report's own trend would be.
            widgets += [*sections[:2], *charts, *sections[2:]]
        else:
            rounds = rounds_of(self.closed_book)
            widgets.append(
                Static(f"No finished {rounds} yet: play one from the home screen.", markup=False)
            )
        await body.mount_all(widgets)
        body.focus()

    async def action_toggle_everyone(self) -> None:
        """Switch between the current player and everyone."""
        self.everyone = not self.everyone
        await self.show()

    async def action_cycle_book(self) -> None:
        """Show every round, then open-book rounds only, then closed-book rounds only."""
        self.closed_book = {None: False, False: True, True: None}[self.closed_book]
        await self.show()

    def action_close(self) -> None:
        """Back to the home screen."""
        self.dismiss()
