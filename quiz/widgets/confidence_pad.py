"""How sure the player is, asked after each answer in confidence mode."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Static

from quiz.model.calibration import BANDS


def key_for(confidence: int) -> str:
    """The key that states a confidence: 5 for 50 %, ... 9 for 90 %, 0 for 100 %."""
    return str(confidence // 10 % 10)


class ConfidencePad(Widget):
    """One button per confidence band; a key or a click states it."""

    DEFAULT_CSS = """
    ConfidencePad {
        height: auto;
    }
    ConfidencePad Horizontal {
        height: auto;
    }
    ConfidencePad Button {
        margin: 0 1 0 0;
        min-width: 10;
    }
    """

    class Chosen(Message):
        """The player stated a confidence."""

        def __init__(self, pad: ConfidencePad, confidence: int) -> None:
            """Create the message.

            Args:
                pad: The pad that sent it.
                confidence: The confidence in percent.
            """
            super().__init__()
            self.pad = pad
            self.confidence = confidence

        @property
        def control(self) -> ConfidencePad:
            """The pad that sent the message."""
            return self.pad

    def __init__(self, answer_label: str, *, id: str | None = None) -> None:
        """Create the pad.

        Args:
            answer_label: The answer just chosen, shown as a reminder.
            id: The widget's id.
        """
        super().__init__(id=id)
        self.answer_label = answer_label

    def compose(self) -> ComposeResult:
        """The question and the six bands."""
        yield Static(
            Content.assemble(
                ("Your answer: ", "bold"), self.answer_label, ("\nHow sure are you?", "bold")
            ),
            markup=False,
        )
        with Horizontal():
            for band in BANDS:
                label = Content.assemble((key_for(band), "bold underline"), f" {band} %")
                button = Button(label, id=f"confidence-{band}", compact=True)
                button.can_focus = False
                yield button

    def choose(self, confidence: int) -> bool:
        """State a confidence; False when it is not a band."""
        if confidence not in BANDS:
            return False
        self.post_message(self.Chosen(self, confidence))
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A click states the button's band."""
        event.stop()
        if event.button.id is not None:
            self.choose(int(event.button.id.removeprefix("confidence-")))
