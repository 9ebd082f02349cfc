"""The scores screen: how the player (or everyone) is doing, over time and by kind of claim."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Sparkline, Static

from quiz.model.report import Scores, build, rounds_of
from quiz.report_tables import (
    calibration_chart,
    calibration_table,
    discernment_table,
    history_table,
    leaders_table,
    packs_table,
    tally_table,
)
from quiz.session import Session
from quiz.tables import Line, to_rich


class ScoresScreen(Screen[None]):
    """Per-pack figures, leaderboard, history, trend, discernment and calibration."""

    DEFAULT_CSS = """
    ScoresScreen #body {
        padding: 1 2;
    }
    ScoresScreen Sparkline {
        height: 3;
        margin: 0 0 1 0;
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
        yield Footer()

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
        who = "everyone" if self.everyone else self.session.player
        rounds = rounds_of(self.closed_book)
        only = f", {rounds} only" if self.closed_book is not None else ""
        heading = Content.assemble(("Scores of ", "bold"), (who, "bold $accent"), (only, "bold"))
        widgets: list[Static | Sparkline] = [Static(heading, classes="section", markup=False)]
        if not scores.history:
            widgets.append(Static(f"No finished {rounds} yet: play one from the home screen.",
                                  markup=False))
            await body.mount_all(widgets)
            body.focus()
            return
        widgets += [
            Static(to_rich(packs_table(scores)), classes="section"),
            Static(to_rich(leaders_table(scores)), classes="section"),
            Static(to_rich(Line.of("Trend: score as % of the best possible, oldest round first",
                                   "bold"))),
            *self._trend(scores.trend),
            Static(to_rich(history_table(scores)), classes="section"),
            Static(to_rich(tally_table("By kind", scores.kinds)), classes="section"),
            Static(to_rich(tally_table("By tag", scores.tags)), classes="section"),
            Static(to_rich(discernment_table(scores))),
            Static("\n".join(scores.discernment_notes), classes="section", markup=False),
        ]
        if any(band.answers for band in scores.calibration):
            widgets += [
                Static(to_rich(calibration_table(scores))),
                Static(to_rich(Line.joined(calibration_chart(scores)))),
                Static(scores.calibration_note, classes="section", markup=False),
            ]
        await body.mount_all(widgets)
        body.focus()

    @staticmethod
    def _trend(values: list[float]) -> list[Static | Sparkline]:
        """A chart needs two rounds; until then, say so (one bar would look like 100 %)."""
        if len(values) < 2:
            return [Static("One round so far: the trend starts with the second.",
                           classes="section", markup=False)]
        low, high = min(values), max(values)
        scale = Static(f"lowest {low:.0f} %, highest {high:.0f} %", markup=False)
        return [Sparkline(values, summary_function=max), scale]

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
