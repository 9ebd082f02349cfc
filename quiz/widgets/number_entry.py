"""The answer box of a number question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label

from quiz.model.pack import parse_number

NUMBER_CHARACTERS = frozenset("0123456789.,- ")
PLACEHOLDER = "Type a number"
"""What the box shows until a character is typed."""


class NumberInput(Input):
    """An input that takes only the characters of a number.

    Every other key is left to the bindings, so ``s`` (check the source) and
    ``?`` (help) still work while the cursor is in the box.
    """

    BINDINGS = [
        # Input's own Enter, shown: the footer names the way to answer, as for the digits.
        Binding("enter", "submit", "Answer", id="number.answer"),
    ]

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Consume only characters that can be part of a number."""
        return character is not None and character in NUMBER_CHARACTERS


class NumberEntry(Horizontal):
    """A box for a number and its unit; Enter submits it."""

    DEFAULT_CSS = """
    NumberEntry {
        height: auto;
    }
    NumberEntry Input {
        width: 24;
    }
    NumberEntry .unit {
        padding: 1 1;
    }
    NumberEntry .hint {
        padding: 1 1;
        color: $text-warning;
    }
    """

    class Submitted(Message):
        """The player submitted a number."""

        def __init__(self, entry: NumberEntry, text: str) -> None:
            """Create the message.

            Args:
                entry: The entry that sent it.
                text: The number as typed.
            """
            super().__init__()
            self.entry = entry
            self.text = text

        @property
        def control(self) -> NumberEntry:
            """The entry that sent the message."""
            return self.entry

    def __init__(self, unit: str = "", *, id: str | None = None) -> None:
        """Create the entry.

        Args:
            unit: Shown after the box, such as ``troops``.
            id: The widget's id.
        """
        super().__init__(id=id)
        self.unit = unit

    def compose(self) -> ComposeResult:
        """The input box, the unit and a hint line for bad input."""
        yield NumberInput(placeholder=PLACEHOLDER, restrict=r"[0-9.,\- ]*", max_length=24)
        if self.unit:
            yield Label(Content(self.unit), classes="unit")
        yield Label("", classes="hint")

    def focus_input(self) -> None:
        """Put the cursor in the box."""
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Send the number up, or ask again when it is not a number."""
        event.stop()
        if parse_number(event.value) is None:
            self.query_one(".hint", Label).update("Type a number, then press Enter")
            return
        self.post_message(self.Submitted(self, event.value))
