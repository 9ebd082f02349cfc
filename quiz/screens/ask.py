"""A one-line question with a text answer, such as the player's name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class AskScreen(ModalScreen[str | None]):
    """Ask for a line of text; dismiss with it, or None on Escape."""

    DEFAULT_CSS = """
    AskScreen {
        align: center middle;
    }
    AskScreen > Vertical {
        width: 60;
        max-width: 100%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask.cancel")]

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

    def compose(self) -> ComposeResult:
        """The question and the box."""
        with Vertical():
            yield Static(self.question, markup=False)
            yield Input(self.value, max_length=self.max_length)
            yield Static("Enter to confirm, Escape to cancel.", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter answers."""
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Escape answers None."""
        self.dismiss(None)
