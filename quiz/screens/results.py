"""The end of a round: the score, how it went, and the questions missed, why, and the evidence."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from quiz.model.history import RoundRecord
from quiz.model.pack import Pack
from quiz.model.round import Outcome, Round
from quiz.model.text import duration
from quiz.screens.play import RoundEnd
from quiz.screens.reader import ReaderScreen, source_title
from quiz.widgets.evidence import EvidencePanel
from quiz.widgets.footer import QuizFooter


def summary_content(play: Round, record: RoundRecord, previous_best: int | None) -> Content:
    """The figures of a finished round: score, accuracy, streak and time first.

    A review round is compared only with the pack's earlier review rounds.
    """
    percent = round(100 * record.accuracy)
    review = play.mode.review
    best_word = "best review round" if review else "best"
    lines: list[str | tuple[str, str]] = [
        ("Review round complete: " if review else "Round complete: ", "bold"),
        play.pack.title,
        "\n\n",
        ("Score        ", "bold"),
        f"{record.score} of {record.best_possible} possible",
    ]
    if previous_best is None or record.score > previous_best:
        lines.append((f"   \u2605 new {best_word}", "bold $text-success"))
    else:
        lines.append(f"   ({best_word} {previous_best})")
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
    if review:
        lines.append(("\nA review round: kept out of the best scores and the leaderboard.", "dim"))
    return Content.assemble(*lines)


PERFECT_AT_LEAST = 3
"""The fewest questions whose all being right is worth a celebration."""


def perfect_content(play: Round) -> Content | None:
    """A line that celebrates a round with every answer right, or None.

    One or two right answers are too few to call a perfect round; a review round
    celebrates the misses put right.
    """
    if play.missed or play.total < PERFECT_AT_LEAST:
        return None
    if play.mode.review:
        words = f"Every miss put right: all {play.total} answered right this time."
    else:
        words = f"A perfect round: all {play.total} right."
    return Content.assemble(("\u2605 ", "bold $text-success"), (words, "bold $text-success"))


def missed_heading(outcome: Outcome, number: int) -> Content:
    """A missed question: its prompt, the right answer and the player's."""
    question = outcome.question
    return Content.assemble(
        (f"{number}. ", "bold"),
        (question.prompt, "bold"),
        "\n",
        ("The answer: ", "bold"),
        question.answer_label,
        ("   You said: ", "bold"),
        outcome.response_label,
    )


def why_content(outcome: Outcome) -> Content:
    """Why the right answer is right."""
    return Content.assemble(("Why: ", "bold"), outcome.question.explanation)


class ResultsScreen(Screen[None]):
    """Shows how the round went."""

    # The screen's layout, parsed when results are first shown rather than at start.
    DEFAULT_CSS = """
    ResultsScreen #body {
        padding: 1 2 0 2;
    }
    ResultsScreen #perfect {
        border: round $success;
        padding: 0 1;
        margin: 0 0 1 0;
        width: auto;
    }
    ResultsScreen #summary {
        margin: 0 0 1 0;
    }
    ResultsScreen .missed-question {
        height: auto;
        margin: 1 0 0 0;
    }
    ResultsScreen .missed-question > .why {
        padding: 0 0 0 3;
    }
    ResultsScreen .missed-question > EvidencePanel {
        margin: 0 0 0 3;
    }
    """

    BINDINGS = [
        Binding("enter,escape", "home", "Home", id="results.home"),
        Binding("a", "again", "Play again", id="results.again"),
        Binding("m", "retry", "Retry the missed", id="results.retry"),
        Binding("r", "read", "Read the source", id="results.read"),
        Binding("q", "app.quit", "Quit", id="results.quit", show=False),
    ]

    class RetryMissed(Message):
        """The player wants a round of just the questions they missed, now."""

        def __init__(self, pack: Pack, questions: list[str], *, closed_book: bool) -> None:
            """Create the message.

            Args:
                pack: The pack of the round just played.
                questions: The ids of the questions missed.
                closed_book: Whether the round just played was closed book.
            """
            super().__init__()
            self.pack = pack
            self.questions = questions
            self.closed_book = closed_book

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

    def __init__(self, end: RoundEnd) -> None:
        """Create the screen.

        Args:
            end: The finished round, as recorded, with the pack's best score before it
                and its source text, to read with the missed questions' evidence
                highlighted.
        """
        super().__init__()
        self.play = end.play
        self.record = end.record
        self.previous_best = end.previous_best
        self.article = end.article

    def compose(self) -> ComposeResult:
        """The summary, then each missed question with why and the evidence, scrolling."""
        with VerticalScroll(id="body"):
            perfect = perfect_content(self.play)
            if perfect is not None:
                yield Static(perfect, id="perfect", markup=False)
            yield Static(
                summary_content(self.play, self.record, self.previous_best),
                id="summary",
                markup=False,
            )
            missed = self.play.missed
            if not missed:
                yield Static(
                    Content.styled("No mistakes: every answer was right.", "bold $text-success"),
                    id="missed",
                    markup=False,
                )
            else:
                count = len(missed)
                retry = Content.assemble(
                    (f"Missed ({count})", "bold"),
                    "   Press ",
                    ("m", "bold $accent"),
                    f" to retry {'it' if count == 1 else f'these {count}'} now.",
                )
                yield Static(retry, id="missed", markup=False)
            for number, outcome in enumerate(missed, start=1):
                with Vertical(classes="missed-question"):
                    yield Static(missed_heading(outcome, number), markup=False)
                    yield Static(why_content(outcome), classes="why", markup=False)
                    yield EvidencePanel(
                        outcome.question.evidence, self.play.pack.source, article=self.article
                    )
        yield QuizFooter()

    def on_mount(self) -> None:
        """Let the arrow keys scroll the results."""
        self.title = "Results"
        self.query_one("#body").focus()

    def action_home(self) -> None:
        """Back to the home screen."""
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reading needs a source text; a retry, a missed question."""
        if action in ("read", "read_paragraph"):
            return self.article is not None
        if action == "retry":
            return bool(self.play.missed)
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

    def action_retry(self) -> None:
        """A round of just the questions missed, at once."""
        missed = [outcome.question.id for outcome in self.play.missed]
        if missed:
            closed_book = self.play.mode.closed_book
            self.post_message(self.RetryMissed(self.play.pack, missed, closed_book=closed_book))
