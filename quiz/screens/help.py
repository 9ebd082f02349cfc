"""The keys that work here, listed from the bindings themselves; what the line above a
question means; and the scoring rules."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from quiz.model import scoring
from quiz.screens.dialog import DialogScreen


def scoring_summary(confidence: bool = False) -> Content:
    """The scoring rules in a few lines, from the scoring module's own constants."""
    if confidence:
        return Content.assemble(
            ("Scoring in confidence mode\n", "bold"),
            "  After choosing, say how sure you are: 5 for 50 %, ... 9 for 90 %, 0 for 100 %.\n",
            f"  Points: {scoring.POINTS_PER_DIFFICULTY} x difficulty x "
            "(1 - 4 x (confidence - outcome)^2), outcome 1 if right, 0 if wrong.\n",
            "  At 50 % an answer scores 0; at 100 % a wrong answer costs three times\n"
            "  what a right one earns. Honest confidence pays best. No streak bonus.\n",
            "  Checking the source halves what a right answer earns.",
        )
    step, cap = scoring.STREAK_STEP, scoring.STREAK_CAP
    base = scoring.POINTS_PER_DIFFICULTY
    return Content.assemble(
        ("Scoring\n", "bold"),
        f"  Right answer: {base} points per difficulty level ({base}, {2 * base} or {3 * base}).\n",
        f"  Streak bonus: +{step} for each right answer in a row after the first, up to +{cap}.\n",
        "  Checking the source first halves that question's points.\n",
        "  Wrong answers score nothing and end the streak. There is no timer.",
    )


def question_guide() -> Content:
    """What the line above each question means: its kind, difficulty dots and tags."""
    base = scoring.POINTS_PER_DIFFICULTY
    return Content.assemble(
        ("Above each question\n", "bold"),
        "  The kind of question, then its difficulty in dots: ",
        ("\u25cf\u25cb\u25cb", "bold"),
        f" easy ({base} points), ",
        ("\u25cf\u25cf\u25cb", "bold"),
        f" harder ({2 * base}), ",
        ("\u25cf\u25cf\u25cf", "bold"),
        f" hardest ({3 * base}). Then its tags, what it is about: ",
        ("sourcing", "dim"),
        " asks who says so (a named person, an anonymous official, or the reporter's own "
        "hedge). The scores screen shows how you do on each tag.\n",
        ("Verdicts\n", "bold"),
        "  1\u00a0Supported: the source says so. 2\u00a0Contradicted: it says otherwise. "
        "3\u00a0Not stated: it says neither. Not stated is not false: a claim the source is "
        "silent about is not stated, however unlikely it sounds.\n\n",
    )


PALETTE_NOTE = Content.assemble(
    "\n",
    ("Ctrl+P", "bold $accent"),
    " opens the command palette: type a few letters of a command and press Enter. "
    "The themes are there on every screen; on the home screen, the packs, the scores, "
    "confidence mode and another player too.",
)
"""Where every command can be found by name."""


class HelpScreen(DialogScreen[None]):
    """A list of keys and the scoring rules; any listed close key returns."""

    DEFAULT_CSS = """
    HelpScreen > #dialog {
        width: 80;
    }
    """

    BINDINGS = [Binding("escape,question_mark,q", "dismiss(None)", "Close", id="help.close")]

    def __init__(self, keys: list[tuple[str, str]], *, confidence: bool = False) -> None:
        """Create the help.

        Args:
            keys: Pairs of key label and description, from the screen beneath.
            confidence: Explain the scoring of confidence mode instead of the usual one.
        """
        super().__init__()
        self.keys = keys
        self.confidence = confidence

    def compose_dialog(self) -> ComposeResult:
        """The key table and the scoring rules."""
        lines: list[str | tuple[str, str]] = [("Keys\n", "bold")]
        width = max((len(key) for key, _ in self.keys), default=4)
        for key, description in self.keys:
            lines.append((f"  {key:<{width}}  ", "bold $accent"))
            lines.append(f"{description}\n")
        lines.append("\n")
        summary = scoring_summary(self.confidence)
        yield Static(Content.assemble(*lines) + question_guide() + summary, markup=False)
        yield Static(PALETTE_NOTE, markup=False)
        yield Static("\nPress Escape or ? to close.", markup=False)
