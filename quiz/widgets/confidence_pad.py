"""How sure the player is, asked after each answer in confidence mode."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Static

from quiz.model.calibration import BANDS
from quiz.model.scoring import EXPLANATION, stakes


def key_for(confidence: int) -> str:
    """The key that states a confidence: 5 for 50 %, ... 9 for 90 %, 0 for 100 %."""
    return str(confidence // 10 % 10)


def stake_label(confidence: int, difficulty: int, *, checked: bool = False) -> Content:
    """A band's key, its confidence and what it stakes: ``8 80 %`` over ``+17 / −31``."""
    gain, loss = stakes(difficulty, confidence, checked=checked)
    lost = f"\u2212{-loss}" if loss < 0 else str(loss)
    return Content.assemble(
        (key_for(confidence), "bold underline"),
        f" {confidence} %\n",
        (f"+{gain}", "$text-success"),
        " / ",
        (lost, "$text-error"),
    )


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
        height: 2;
        /* Borderless in every state, as compact=True makes it, without the class
           that restyles each button twice more as it is mounted. */
        border: none !important;
    }
    ConfidencePad .explain {
        margin: 0 0 1 0;
        color: $text-muted;
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

    def __init__(
        self,
        answer_label: str,
        *,
        difficulty: int = 1,
        checked: bool = False,
        explain: bool = False,
        id: str | None = None,
    ) -> None:
        """Create the pad.

        Args:
            answer_label: The answer just chosen, shown as a reminder.
            difficulty: The question's difficulty, which sets the stakes.
            checked: Whether the source was checked (a right answer earns half).
            explain: Explain confidence mode first (the player's first confidence question).
            id: The widget's id.
        """
        super().__init__(id=id)
        self.answer_label = answer_label
        self.difficulty = difficulty
        self.checked = checked
        self.explain = explain

    def compose(self) -> ComposeResult:
        """The explanation the first time, the question, and the six bands with their stakes."""
        if self.explain:
            yield Static(EXPLANATION, classes="explain", markup=False)
        yield Static(
            Content.assemble(
                ("Your answer: ", "bold"), self.answer_label, ("\nHow sure are you?", "bold")
            ),
            markup=False,
        )
        with Horizontal():
            for band in BANDS:
                label = stake_label(band, self.difficulty, checked=self.checked)
                button = Button(label, id=f"confidence-{band}")
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
