"""A yes/no question that returns the answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Static

from quiz.screens.dialog import DialogScreen


class ConfirmScreen(DialogScreen[bool]):
    """Ask a question; dismiss with True for yes, False for no."""

    AUTO_FOCUS = "#no"  # the safe default

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str | Content, yes: str = "Yes", no: str = "No") -> None:
        """Create the dialog.

        Args:
            question: What to ask; a plain string is shown literally.
            yes: The label of the button that answers yes.
            no: The label of the button that answers no.
        """
        super().__init__()
        self.question = question if isinstance(question, Content) else Content(question)
        self.yes = yes
        self.no = no

    def compose_dialog(self) -> ComposeResult:
        """The question and two buttons."""
        yield Static(self.question, markup=False)
        with Horizontal(id="buttons"):
            yield Button(
                Content.assemble(("y", "underline"), " ", self.yes), id="yes", variant="primary"
            )
            yield Button(Content.assemble(("n", "underline"), " ", self.no), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button answers."""
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """A key answers."""
        self.dismiss(answer)
