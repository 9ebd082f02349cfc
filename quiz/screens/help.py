"""The keys that work here, listed from the bindings themselves."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from quiz.model import scoring


def scoring_summary() -> Content:
    """The scoring rules in a few lines, from the scoring module's own constants."""
    step, cap = scoring.STREAK_STEP, scoring.STREAK_CAP
    base = scoring.POINTS_PER_DIFFICULTY
    return Content.assemble(
        ("Scoring\n", "bold"),
        f"  Right answer: {base} points per difficulty level ({base}, {2 * base} or {3 * base}).\n",
        f"  Streak bonus: +{step} for each right answer in a row after the first, up to +{cap}.\n",
        "  Checking the source first halves that question's points.\n",
        "  Wrong answers score nothing and end the streak. There is no timer.",
    )


class HelpScreen(ModalScreen[None]):
    """A list of keys and the scoring rules; any listed close key returns."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen > VerticalScroll {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    """

    BINDINGS = [Binding("escape,question_mark,q", "dismiss(None)", "Close", id="help.close")]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        """Create the help.

        Args:
            keys: Pairs of key label and description, from the screen beneath.
        """
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        """The key table and the scoring rules."""
        lines: list[str | tuple[str, str]] = [("Keys\n", "bold")]
        width = max((len(key) for key, _ in self.keys), default=4)
        for key, description in self.keys:
            lines.append((f"  {key:<{width}}  ", "bold $accent"))
            lines.append(f"{description}\n")
        lines.append("\n")
        with VerticalScroll():
            yield Static(Content.assemble(*lines) + scoring_summary(), markup=False)
            yield Static("\nPress Escape or ? to close.", markup=False)
