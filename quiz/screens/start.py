"""Before a round of a pack with a source text: read it first, or start; open or closed book."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Checkbox, Static

from quiz.model.pack import Pack
from quiz.model.text import long_date
from quiz.screens.dialog import DialogScreen


@dataclass(frozen=True)
class StartChoice:
    """How the player wants the round to begin.

    Attributes:
        read_first: Read the source before the first question.
        closed_book: Hide the source during the round.
    """

    read_first: bool
    closed_book: bool


def source_lines(pack: Pack) -> Content:
    """The pack's description and its source's title, publisher, date and address, as text.

    The address is shown, never linked: a pack must not be able to send the
    player anywhere with one click.
    """
    parts: list[str | tuple[str, str]] = [(pack.title, "bold")]
    if pack.description:
        parts.extend(["\n", pack.description])
    source = pack.source
    if source is not None:
        parts.extend(["\n\n", ("Source: ", "bold"), source.title])
        day = long_date(source.date) if source.date is not None else ""
        details = [part for part in (source.publisher, day) if part]
        if details:
            parts.append(("  (" + ", ".join(details) + ")", "dim"))
        if source.url:
            parts.extend(["\n", ("        ", ""), (source.url, "dim")])
    return Content.assemble(*parts)


class StartScreen(DialogScreen[StartChoice | None]):
    """Offers to read the article first or to start, and the closed-book option.

    Nothing but the box takes the keys at first (it scrolls on a short terminal):
    Enter is the dialog's own key for Start, and the footer says so.
    """

    DEFAULT_CSS = """
    StartScreen > #dialog {
        width: 72;
    }
    StartScreen #explain {
        color: $text-muted;
        margin: 1 0 0 0;
    }
    StartScreen Checkbox {
        margin: 1 0 0 0;
    }
    """

    BINDINGS = [
        Binding("enter", "choose(False)", "Start", id="start.start"),
        Binding("r", "choose(True)", "Read the article first", id="start.read"),
        Binding("c", "closed_book", "Closed book", id="start.closed-book"),
        Binding("escape", "cancel", "Back", id="start.back"),
    ]

    def __init__(self, pack: Pack) -> None:
        """Create the dialog.

        Args:
            pack: The pack about to be played.
        """
        super().__init__()
        self.pack = pack

    def compose_dialog(self) -> ComposeResult:
        """What the pack checks against, the closed-book switch, and the two ways in."""
        yield Static(source_lines(self.pack), markup=False)
        yield Static(
            "The source is one key away during the round (r), and reading it costs "
            "nothing. Closed book hides it until the round ends, to test what you remember.",
            id="explain",
            markup=False,
        )
        yield Checkbox("Closed book (c)", id="closed-book")
        with Horizontal(id="buttons"):
            yield Button(Content.assemble(("r", "underline"), " Read the article first"), id="read")
            yield Button("Start", id="start", variant="primary")

    @property
    def closed_book(self) -> bool:
        """Whether the closed-book box is ticked."""
        return self.query_one(Checkbox).value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button chooses."""
        self.action_choose(event.button.id == "read")

    def action_choose(self, read_first: bool) -> None:
        """Begin the round, reading first or not."""
        self.dismiss(StartChoice(read_first=read_first, closed_book=self.closed_book))

    def action_closed_book(self) -> None:
        """Switch closed book on or off."""
        box = self.query_one(Checkbox)
        box.value = not box.value

    def action_cancel(self) -> None:
        """Back to the packs."""
        self.dismiss(None)
