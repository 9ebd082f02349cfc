"""What the player sees after answering: right or wrong, the answer, why, and the evidence."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quiz.model.article import Article
from quiz.model.pack import Source
from quiz.model.round import Outcome
from quiz.model.scoring import explain_points
from quiz.widgets.evidence import EvidencePanel


def verdict_line(outcome: Outcome) -> Content:
    """The headline: a symbol and words, so it never depends on colour alone."""
    if outcome.confidence is not None:
        right = ("\u2714 Right", "bold $text-success")
        wrong = ("\u2718 Wrong", "bold $text-error")
        sign = "+" if outcome.points > 0 else ""
        halved = outcome.checked and outcome.points > 0
        note = " (halved: you checked the source)" if halved else ""
        return Content.assemble(
            right if outcome.correct else wrong,
            f"   {sign}{outcome.points} points at {outcome.confidence} % sure{note}",
        )
    if outcome.correct:
        how = explain_points(
            outcome.question.difficulty, streak=outcome.streak, checked=outcome.checked
        )
        gained = f"+{outcome.points} points"
        if how != str(outcome.points):
            gained += f" ({how})"
        return Content.assemble(("\u2714 Right", "bold $text-success"), f"   {gained}")
    return Content.assemble(("\u2718 Wrong", "bold $text-error"), "   no points")


def headline(outcome: Outcome, *, lit: bool = False) -> Content:
    """The verdict and the answers on one line (wrapped when long): the explanation
    and the evidence need the other rows at 80 by 24.

    Args:
        outcome: The answer judged.
        lit: Whether the right answer stands out, as it does for a moment at first.
    """
    question = outcome.question
    right = Content.assemble(("The answer: ", "bold"), question.answer_label)
    if lit:
        right = right.stylize("on $success-muted")
    if outcome.correct:
        return Content.assemble(verdict_line(outcome), "   ", right)
    return Content.assemble(
        verdict_line(outcome), "   ", right, ("   You said: ", "bold"), outcome.response_label
    )


REVEAL_SECONDS = 1.2
"""How long the right answer stays lit after the verdict: long enough to catch the eye."""


class Feedback(Vertical):
    """The verdict on one answer, the explanation, then the evidence quoted.

    Laid out to fit, with the question above it, on a terminal of 80 by 24.
    """

    DEFAULT_CSS = """
    Feedback {
        height: auto;
        padding: 0 1;
        border-top: hkey $foreground 30%;
    }
    Feedback .explanation {
        margin: 1 0 0 0;
    }
    Feedback .next {
        color: $text-muted;
    }
    """

    def __init__(
        self,
        outcome: Outcome,
        source: Source | None,
        *,
        last: bool,
        article: Article | None = None,
        reader_key: bool = False,
        id: str | None = None,
    ) -> None:
        """Create the feedback.

        Args:
            outcome: The answer just given.
            source: The pack's source, cited under the evidence.
            last: Whether this was the round's last question.
            article: The source text, to say where each quote is.
            reader_key: Whether to say that ``r`` shows the evidence in the source.
            id: The widget's id.
        """
        super().__init__(id=id)
        self.outcome = outcome
        self.source = source
        self.last = last
        self.article = article
        self.reader_key = reader_key

    def on_mount(self) -> None:
        """Light the right answer briefly, then let it settle into the text.

        A player who turned animations off (``TEXTUAL_ANIMATIONS=none``) gets no flash.
        """
        if self.app.animation_level == "none":
            self._settle()
        else:
            self.set_timer(REVEAL_SECONDS, self._settle)

    def _settle(self) -> None:
        for line in self.query(".verdict.-reveal").results(Static):
            line.remove_class("-reveal")
            line.update(headline(self.outcome))

    def compose(self) -> ComposeResult:
        """Headline, answers, explanation, evidence, and how to go on."""
        outcome = self.outcome
        question = outcome.question
        yield Static(headline(outcome, lit=True), classes="verdict -reveal", markup=False)
        why = Content.assemble(("Why: ", "bold"), question.explanation)
        yield Static(why, classes="explanation", markup=False)
        yield EvidencePanel(question.evidence, self.source, article=self.article)
        action = "see your results" if self.last else "go on"
        read = ", or r to see the evidence in the source" if self.reader_key else ""
        yield Static(f"Press Enter or Space to {action}{read}.", classes="next", markup=False)
