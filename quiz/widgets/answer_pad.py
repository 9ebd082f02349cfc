"""The numbered answer buttons of a verdict or choice question."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button

from quiz.model.round import Option


class AnswerPad(Widget):
    """One button per option, numbered 1 to 9; a key, a click, or the arrows and Enter choose."""

    DEFAULT_CSS = """
    AnswerPad {
        height: auto;
        layout: vertical;
    }
    AnswerPad Button {
        width: 1fr;
        height: auto;
        min-height: 1;
        /* Borderless in every state, as compact=True makes it, without the class
           that restyles each button twice more as it is mounted. */
        border: none !important;
        padding: 0 1;
        margin: 0 0 1 0;
        text-align: left;
        content-align: left middle;
    }
    AnswerPad Button.-highlight {
        background: $primary;
        color: $text;
        text-style: bold;
    }
    """

    highlighted: reactive[int | None] = reactive(None)
    """The 1-based number of the option under the arrow keys' highlight, if any."""

    class Chosen(Message):
        """The player chose an option."""

        def __init__(self, pad: AnswerPad, option: Option) -> None:
            """Create the message.

            Args:
                pad: The pad the choice was made on.
                option: The option chosen.
            """
            super().__init__()
            self.pad = pad
            self.option = option

        @property
        def control(self) -> AnswerPad:
            """The pad that sent the message."""
            return self.pad

    def __init__(self, options: Sequence[Option], *, id: str | None = None) -> None:
        """Create the pad.

        Args:
            options: The options in the order they are numbered.
            id: The widget's id.
        """
        super().__init__(id=id)
        self.options = list(options)

    def compose(self) -> ComposeResult:
        """One button per option; labels are plain text, never markup."""
        for number, option in enumerate(self.options, start=1):
            label = Content.assemble((f"{number} ", "bold"), " ", option.label)
            button = Button(label, id=f"option-{number}")
            button.can_focus = False
            yield button

    def watch_highlighted(self, number: int | None) -> None:
        """Mark the highlighted option's button, and only it."""
        for index, button in enumerate(self.query(Button), start=1):
            button.set_class(index == number, "-highlight")

    def move(self, step: int) -> None:
        """Move the highlight ``step`` options down (up when negative), wrapping around.

        The first move from no highlight lands on the first option going down, the
        last going up.
        """
        count = len(self.options)
        if not count:
            return
        if self.highlighted is None:
            self.highlighted = 1 if step > 0 else count
        else:
            self.highlighted = (self.highlighted - 1 + step) % count + 1

    def pick(self) -> bool:
        """Choose the highlighted option.

        Returns:
            False when nothing is highlighted.
        """
        return self.highlighted is not None and self.choose(self.highlighted)

    def choose(self, number: int) -> bool:
        """Choose the option with this number (1-based).

        Returns:
            False when there is no such option or the pad is disabled.
        """
        if self.disabled or not 1 <= number <= len(self.options):
            return False
        self.post_message(self.Chosen(self, self.options[number - 1]))
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A click on a button chooses its option."""
        event.stop()
        if event.button.id is not None:
            self.choose(int(event.button.id.removeprefix("option-")))
