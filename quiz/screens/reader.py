"""The source on a screen of its own: for narrow terminals, and before a round."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from quiz.model.article import Article, Passage
from quiz.model.pack import Pack
from quiz.widgets.footer import QuizFooter
from quiz.widgets.reader import SourceReader


def source_title(pack: Pack) -> str:
    """What the reader's border names: the source's citation, else the pack's title."""
    return pack.source.describe() if pack.source is not None else pack.title


class ReaderScreen(Screen[bool]):
    """Shows the whole source; dismissed with True when the player chose to start playing.

    Reading never costs points: time is shown, never scored.
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="reader.back"),
        Binding("r", "close", "Back", id="reader.close", show=False),
        Binding("enter", "start", "Start the round", id="reader.start"),
    ]

    DEFAULT_CSS = """
    ReaderScreen #reader {
        height: 1fr;
    }
    ReaderScreen #reader-note {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(
        self,
        article: Article,
        title: str,
        *,
        passages: list[Passage] | None = None,
        marked: tuple[int, ...] = (),
        start: int | None = None,
        before_round: bool = False,
        note: str = "",
    ) -> None:
        """Create the screen.

        Args:
            article: The source text.
            title: The source's citation.
            passages: Evidence to highlight.
            marked: Paragraphs to mark.
            start: The paragraph to show first; else the first highlighted or marked one.
            before_round: Read before a round starts: Enter starts it.
            note: A line above the text, such as where the evidence is.
        """
        super().__init__()
        self.article = article
        self.source_title = title
        self.passages = passages or []
        self.marked = marked
        self.start = start
        self.before_round = before_round
        self.note = note

    def compose(self) -> ComposeResult:
        """The note, the reader, the footer."""
        if self.note:
            yield Static(self.note, id="reader-note", markup=False)
        yield SourceReader(self.article, self.source_title, id="reader")
        yield QuizFooter()

    def on_mount(self) -> None:
        """Highlight the evidence, scroll to the first of it, and take the keys."""
        reader = self.query_one(SourceReader)
        reader.show(self.passages, self.marked)
        targets = [passage.paragraph for passage in self.passages] + list(self.marked)
        start = self.start if self.start is not None else min(targets, default=None)
        if start is not None:
            self.call_after_refresh(reader.scroll_to_paragraph, start)
        reader.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter starts a round only when reading before one; then ``r`` is no way back,
        so that a second press of the key that opened the text does not leave it."""
        if action == "start":
            return self.before_round
        if action == "close":
            return not self.before_round
        return True

    def action_back(self) -> None:
        """Back to where the player came from."""
        self.dismiss(False)

    def action_close(self) -> None:
        """``r`` again: back to the round."""
        self.dismiss(False)

    def action_start(self) -> None:
        """Start the round the player was reading for."""
        self.dismiss(True)
