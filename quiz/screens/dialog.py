"""The look and shape every dialog shares: a box in the middle, buttons on the right, keys below."""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from quiz.widgets.footer import QuizFooter

Result = TypeVar("Result")


class DialogScreen(ModalScreen[Result]):
    """A modal dialog: what :meth:`compose_dialog` yields, in a box, and the footer of its keys.

    The box scrolls when the terminal is too short for it. A row of buttons
    goes in a ``Horizontal`` with the id ``buttons``. A dialog sets
    ``AUTO_FOCUS`` to the widget that should take the keys first; a focused
    button takes Enter, and then the footer cannot offer Enter for the dialog. The
    footer keeps ``?`` at its right edge, except while a text box has the focus
    (Textual leaves out the keys that type).
    """

    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
    }
    DialogScreen > #dialog {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    DialogScreen #buttons {
        height: auto;
        margin: 1 0 0 0;
        align-horizontal: right;
    }
    DialogScreen #buttons Button {
        margin: 0 0 0 2;
    }
    """

    AUTO_FOCUS = "#dialog"

    BINDINGS = [
        # The app's own ? is not offered by a modal screen's footer; this one is, and
        # pressing ? still reaches the app's binding first.
        Binding("question_mark", "app.help", "Keys", id="dialog.help"),
    ]

    def compose(self) -> ComposeResult:
        """The box, and the footer below it."""
        with VerticalScroll(id="dialog"):
            yield from self.compose_dialog()
        yield QuizFooter()

    def compose_dialog(self) -> ComposeResult:
        """What the box holds: each dialog says.

        Yields:
            The dialog's widgets, top to bottom.
        """
        yield from ()
