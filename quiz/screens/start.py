"""Before a round: how many questions; for a pack with a source text, read it first or
start, open or closed book."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Checkbox, RadioButton, RadioSet, Static

from quiz.model.pack import Pack
from quiz.model.round_length import ALL, DEFAULT_ROUND_LENGTH, ROUND_LENGTHS, length_label
from quiz.model.text import long_date
from quiz.screens.dialog import DialogScreen


@dataclass(frozen=True)
class StartChoice:
    """How the player wants the round to begin.

    Attributes:
        read_first: Read the source before the first question.
        closed_book: Hide the source during the round.
        length: How many questions, one of ``ROUND_LENGTHS`` (0 for all).
    """

    read_first: bool
    closed_book: bool
    length: int = DEFAULT_ROUND_LENGTH


def offers_length(pack: Pack) -> bool:
    """Whether the pack has more questions than the shortest round, so the length matters."""
    return len(pack.questions) > min(length for length in ROUND_LENGTHS if length != ALL)


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
    """Offers the round's length, to read the article first or to start, and closed book.

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
    StartScreen #length {
        layout: horizontal;
        width: auto;
        margin: 1 0 0 0;
    }
    """

    BINDINGS = [
        Binding("enter", "choose(False)", "Start", id="start.start"),
        Binding("r", "choose(True)", "Read the article first", id="start.read"),
        Binding("c", "closed_book", "Closed book", id="start.closed-book"),
        Binding("l", "length", "Round length", id="start.length"),
        Binding("escape", "cancel", "Back", id="start.back"),
    ]

    def __init__(
        self, pack: Pack, *, length: int = DEFAULT_ROUND_LENGTH, article: bool = True
    ) -> None:
        """Create the dialog.

        Args:
            pack: The pack about to be played.
            length: The round length chosen last time.
            article: Whether the pack has a source text to read first.
        """
        super().__init__()
        self.pack = pack
        self.length = length if length in ROUND_LENGTHS else DEFAULT_ROUND_LENGTH
        self.article = article

    def compose_dialog(self) -> ComposeResult:
        """What the pack checks against, the closed-book switch, and the two ways in."""
        yield Static(source_lines(self.pack), markup=False)
        if offers_length(self.pack):
            with RadioSet(id="length"):
                for length in ROUND_LENGTHS:
                    count = len(self.pack.questions)
                    label = f"All {count}" if length == ALL else length_label(length)
                    yield RadioButton(label, value=length == self.length, id=f"length-{length}")
        if self.article:
            yield Static(
                "The source is one key away during the round (r), and reading it costs "
                "nothing. Closed book hides it until the round ends, to test what you remember.",
                id="explain",
                markup=False,
            )
            yield Checkbox("Closed book (c)", id="closed-book")
        with Horizontal(id="buttons"):
            if self.article:
                yield Button(
                    Content.assemble(("r", "underline"), " Read the article first"), id="read"
                )
            yield Button("Start", id="start", variant="primary")

    @property
    def closed_book(self) -> bool:
        """Whether the closed-book box is ticked."""
        return any(box.value for box in self.query(Checkbox))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer reading first and closed book only with a source text, and the length
        only when the pack is longer than a short round."""
        if action == "closed_book" or (action == "choose" and parameters == (True,)):
            return self.article
        if action == "length":
            return offers_length(self.pack)
        return True

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """A click or the arrow keys chose a length."""
        event.stop()
        if event.pressed.id is not None:
            self.length = int(event.pressed.id.removeprefix("length-"))

    def action_length(self) -> None:
        """The next round length: 10, 20, all, 10 ..."""
        following = ROUND_LENGTHS[(ROUND_LENGTHS.index(self.length) + 1) % len(ROUND_LENGTHS)]
        self.query_one(f"#length-{following}", RadioButton).value = True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """A button chooses."""
        self.action_choose(event.button.id == "read")

    def action_choose(self, read_first: bool) -> None:
        """Begin the round, reading first or not."""
        choice = StartChoice(
            read_first=read_first, closed_book=self.closed_book, length=self.length
        )
        self.dismiss(choice)

    def action_closed_book(self) -> None:
        """Switch closed book on or off."""
        for box in self.query(Checkbox):
            box.value = not box.value

    def action_cancel(self) -> None:
        """Back to the packs."""
        self.dismiss(None)
