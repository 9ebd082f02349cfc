"""A one-line question with a text answer, such as the player's name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from quiz.screens.dialog import DialogScreen


class AskScreen(DialogScreen[str | None]):
    """Ask for a line of text; dismiss with it, or None on Escape."""

    DEFAULT_CSS = """
    AskScreen > #dialog {
        width: 60;
    }
    """

    AUTO_FOCUS = "Input"

    BINDINGS = [
        # A priority binding, or the focused box would take Enter and hide it from the footer.
        Binding("enter", "answer", "OK", id="ask.ok", priority=True),
        Binding("escape", "cancel", "Cancel", id="ask.cancel"),
    ]

    def __init__(self, question: str, value: str = "", *, max_length: int = 32) -> None:
        """Create the dialog.

        Args:
            question: What to ask, shown literally.
            value: The answer to start from.
            max_length: The longest answer accepted.
        """
        super().__init__()
        self.question = question
        self.value = value
        self.max_length = max_length

    def compose_dialog(self) -> ComposeResult:
        """The question and the box."""
        yield Static(self.question, markup=False)
        yield Input(self.value, max_length=self.max_length)
        yield Static("Enter to confirm, Escape to cancel.", markup=False)

    def action_answer(self) -> None:
        """Enter answers with what is in the box."""
        self.dismiss(self.query_one(Input).value)

    def action_cancel(self) -> None:
        """Escape answers None."""
        self.dismiss(None)
