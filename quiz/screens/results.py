"""The end of a round: the score, how it went, and the questions missed with their evidence."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.model.article import Article
from quiz.model.history import RoundRecord
from quiz.model.pack import Pack
from quiz.model.round import Round
from quiz.model.text import duration
from quiz.screens.reader import ReaderScreen, source_title
from quiz.widgets.evidence import evidence_content


def summary_content(play: Round, record: RoundRecord, previous_best: int | None) -> Content:
    """The figures of a finished round."""
    percent = round(100 * record.accuracy)
    lines: list[str | tuple[str, str]] = [
        ("Round complete: ", "bold"),
        play.pack.title,
        "\n\n",
        ("Score        ", "bold"),
        f"{record.score} of {record.best_possible} possible",
    ]
    if previous_best is None or record.score > previous_best:
        lines.append(("   \u2605 new best", "bold $text-success"))
    else:
        lines.append(f"   (best {previous_best})")
    lines += [
        "\n",
        ("Accuracy     ", "bold"),
        f"{record.correct} of {record.answered} right ({percent} %)\n",
        ("Best streak  ", "bold"),
        f"{record.best_streak}\n",
        ("Time taken   ", "bold"),
        f"{duration(record.seconds)}\n",
        ("Checked      ", "bold"),
        f"{record.checked} source{'s' if record.checked != 1 else ''} before answering",
    ]
    return Content.assemble(*lines)


def missed_content(play: Round, article: Article | None = None) -> Content:
    """Every missed question with the right answer and its evidence, and where it is."""
    missed = play.missed
    if not missed:
        return Content.styled("No mistakes: every answer was right.", "bold $text-success")
    parts: list[str | tuple[str, str] | Content] = [(f"Missed ({len(missed)})", "bold")]
    for number, outcome in enumerate(missed, start=1):
        question = outcome.question
        parts += [
            f"\n\n{number}. ",
            (question.prompt, "bold"),
            "\n   You said: ",
            outcome.response_label,
            "   The answer: ",
            (question.answer_label, "bold"),
            "\n",
            evidence_content(question.evidence, play.pack.source, article),
        ]
    return Content.assemble(*parts)


class ResultsScreen(Screen[None]):
    """Shows how the round went."""

    BINDINGS = [
        Binding("enter,escape", "home", "Home", id="results.home"),
        Binding("a", "again", "Play again", id="results.again"),
        Binding("r", "read", "Read the source", id="results.read"),
        Binding("q", "app.quit", "Quit", id="results.quit", show=False),
    ]

    class PlayAgain(Message):
        """The player wants another round of the same pack."""

        def __init__(self, pack: Pack, *, closed_book: bool = False) -> None:
            """Create the message.

            Args:
                pack: The pack to play again.
                closed_book: Whether the round just played was closed book.
            """
            super().__init__()
            self.pack = pack
            self.closed_book = closed_book

    def __init__(
        self,
        play: Round,
        record: RoundRecord,
        previous_best: int | None,
        article: Article | None = None,
    ) -> None:
        """Create the screen.

        Args:
            play: The finished round.
            record: The round as recorded.
            previous_best: The best score on the pack before this round, if any.
            article: The pack's source text, to read with the missed questions'
                evidence highlighted.
        """
        super().__init__()
        self.article = article
        self.play = play
        self.record = record
        self.previous_best = previous_best

    def compose(self) -> ComposeResult:
        """The summary and the missed questions, scrolling."""
        with VerticalScroll(id="body"):
            yield Static(
                summary_content(self.play, self.record, self.previous_best),
                id="summary",
                markup=False,
            )
            yield Static(missed_content(self.play, self.article), id="missed", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Let the arrow keys scroll the results."""
        self.title = "Results"
        self.query_one("#body").focus()

    def action_home(self) -> None:
        """Back to the home screen."""
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reading needs a source text."""
        if action in ("read", "read_paragraph"):
            return self.article is not None
        return True

    def action_read(self, paragraph: int | None = None) -> None:
        """Read the source, with the evidence of every missed question highlighted."""
        if self.article is None:
            return
        passages = [
            passage
            for outcome in self.play.missed
            for passage in self.article.locate_all(outcome.question.evidence)
        ]
        title = source_title(self.play.pack)
        note = "Highlighted: the evidence for the questions you missed." if passages else ""
        self.app.push_screen(
            ReaderScreen(self.article, title, passages=passages, start=paragraph, note=note)
        )

    def action_read_paragraph(self, index: int) -> None:
        """A paragraph named in the evidence was clicked."""
        self.action_read(index)

    def action_again(self) -> None:
        """Another round of the same pack."""
        self.post_message(self.PlayAgain(self.play.pack, closed_book=self.play.mode.closed_book))
