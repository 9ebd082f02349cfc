"""Who is playing? The first screen of a game that starts without a player (``quiz serve``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from quiz.model.text import MAX_PLAYER_NAME, clean_player
from quiz.widgets.footer import QuizFooter


class PlayerNameScreen(Screen[None]):
    """Ask for the player's name; the app takes the player, or says why it cannot."""

    DEFAULT_CSS = """
    PlayerNameScreen {
        align: center middle;
    }
    PlayerNameScreen > Vertical {
        width: 64;
        max-width: 100%;
        height: auto;
        border: thick $accent;
        background: $surface;
        padding: 1 2;
    }
    PlayerNameScreen #player-name-refusal {
        color: $text-error;
        height: auto;
    }
    """

    class Chosen(Message):
        """A name was entered (already cleaned, never empty)."""

        def __init__(self, player: str) -> None:
            """Create the message.

            Args:
                player: The player's name, cleaned as ``--player`` is.
            """
            super().__init__()
            self.player = player

    def __init__(self, heading: str = "") -> None:
        """Create the screen.

        Args:
            heading: A line above the question, such as the pack the class plays.
        """
        super().__init__()
        self.heading = heading

    def compose(self) -> ComposeResult:
        """The question, the box and the line for a refusal."""
        with Vertical():
            if self.heading:
                yield Static(Content.from_markup("[b]$h[/b]", h=self.heading))
            yield Static("What is your name? Your answers are saved under it.", markup=False)
            yield Input(max_length=MAX_PLAYER_NAME, placeholder="your name", id="player-name")
            yield Static("", id="player-name-refusal", markup=False)
            yield Static("Enter to play.", markup=False)
        yield QuizFooter()

    def on_mount(self) -> None:
        """Focus the box: a browser's page starts blurred, and then nothing is focused for it."""
        self.query_one("#player-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter offers the name, cleaned as ``--player`` cleans it."""
        event.stop()
        name = clean_player(event.value)
        if not name:
            self.refuse("Type a name first.")
            return
        self.post_message(self.Chosen(name))

    def refuse(self, text: str) -> None:
        """Say why the name cannot be used, and let the player type another.

        Args:
            text: What to tell the player, shown literally.
        """
        self.query_one("#player-name-refusal", Static).update(text)
        self.query_one("#player-name", Input).focus()
