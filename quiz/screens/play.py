"""The round in play: a question, the answer pad, then the verdict with its evidence."""

from __future__ import annotations

from typing import NamedTuple

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from quiz.model.article import Article, Passage
from quiz.model.calibration import BANDS
from quiz.model.history import RoundRecord
from quiz.model.pack import Question
from quiz.model.round import Outcome, Round
from quiz.model.wording import quantity
from quiz.screens.confirm import ConfirmScreen
from quiz.screens.reader import ReaderScreen, source_title
from quiz.session import Session
from quiz.store.library import LoadedArticle
from quiz.widgets.answer_pad import AnswerPad
from quiz.widgets.confidence_pad import ConfidencePad
from quiz.widgets.evidence import EvidencePanel
from quiz.widgets.feedback import Feedback
from quiz.widgets.footer import QuizFooter
from quiz.widgets.number_entry import NumberEntry
from quiz.widgets.reader import SourceReader
from quiz.widgets.round_status import RoundStatus

WIDE = 120
"""The narrowest terminal that shows the source beside the question."""

CLOSED_BOOK_NOTE = "Closed book: the source shows again when the round ends"
"""What closed book means during the round, for the help and for a press of ``r``."""

KIND_HINTS = {
    "verdict": "Claim: is it supported by the source, contradicted by it, or not stated?",
    "choice": "Question: choose one answer.",
    "number": "Question: type a number and press Enter.",
}


ANSWER_PARTS = "#pad, #entry, #evidence, .checked-note, #confidence, #feedback"
"""What follows a question's prompt: the ways to answer it, the note and evidence of a
checked source, the verdict."""


class RoundEnd(NamedTuple):
    """A finished round and what its results show.

    Attributes:
        play: The finished round.
        record: The round as added to the history.
        previous_best: The pack's best score before this round, if any.
        article: The pack's source text, if it has one that could be read.
    """

    play: Round
    record: RoundRecord
    previous_best: int | None
    article: Article | None


def question_heading(question: Question) -> Content:
    """The line above the prompt: what kind of question, its difficulty and tags."""
    dots = "\u25cf" * question.difficulty + "\u25cb" * (3 - question.difficulty)
    parts: list[str | tuple[str, str]] = [(KIND_HINTS[question.kind], "bold"), f"   {dots}"]
    if question.tags:
        parts.append(("   " + " \u00b7 ".join(question.tags), "dim"))
    return Content.assemble(*parts)


class PlayScreen(Screen[None]):
    """Asks the round's questions one by one and shows the verdict on each answer."""

    # The screen's layout, parsed when a round is first shown rather than at start.
    DEFAULT_CSS = """
    PlayScreen {
        layout: horizontal;
    }
    PlayScreen #status {
        dock: top;
    }
    PlayScreen #body {
        width: 1fr;
        padding: 1 2 0 2;
    }
    PlayScreen .heading {
        color: $text-muted;
    }
    PlayScreen .prompt {
        margin: 1 0;
        text-style: bold;
    }
    PlayScreen .checked-note {
        color: $text-warning;
        margin: 0 0 1 0;
    }
    PlayScreen #reader {
        display: none;
        width: 1fr;
        margin: 0 1 0 0;
    }
    PlayScreen.-wide #reader {
        display: block;
    }
    """

    class Finished(Message):
        """The last answer was acknowledged; the round is recorded."""

        def __init__(self, end: RoundEnd) -> None:
            """Create the message.

            Args:
                end: The finished round and what its results show.
            """
            super().__init__()
            self.end = end

    AUTO_FOCUS = ""
    """Nothing takes the focus when the screen is shown: the screen's bindings answer and
    scroll, and a focused body would be restyled whole when an answer takes its focus away."""

    BINDINGS = [
        # What the footer shows for the digits: one of these is on at a time, the one
        # that names this question's options; a digit goes on to play.choose-N.
        *[
            Binding(
                "1", f"answer_hint({n})", "Answer", key_display=f"1\u2013{n}", id=f"play.answer-{n}"
            )
            for n in range(2, 10)
        ],
        Binding("5", "sure(5)", "How sure", key_display="5\u20139 0", id="play.sure"),
        *[
            Binding(str(n), f"choose({n})", f"Choose {n}", show=False, id=f"play.choose-{n}")
            for n in range(1, 10)
        ],
        Binding("0", "choose(0)", "Choose 0", show=False, id="play.choose-0"),
        Binding("s", "check_source", "Check the source", id="play.check", priority=True),
        Binding("r", "read", "Read the source", id="play.read", priority=True),
        # The same keys during a closed-book round, where the source is off: they say
        # why instead of doing nothing. Hidden, so the footer does not offer the source.
        Binding(
            "s",
            "closed_book_check",
            "Check the source",
            show=False,
            id="play.check-closed",
            priority=True,
        ),
        Binding(
            "r",
            "closed_book_read",
            "Read the source",
            show=False,
            id="play.read-closed",
            priority=True,
        ),
        Binding("enter", "pick", "Choose the highlighted answer", show=False, id="play.pick"),
        Binding("enter,space", "next", "Go on", id="play.next"),
        Binding("escape", "leave", "Leave round", id="play.leave"),
        Binding("up", "scroll('up')", "Scroll up", show=False, id="play.scroll-up"),
        Binding("down", "scroll('down')", "Scroll down", show=False, id="play.scroll-down"),
        Binding("pageup", "scroll('page_up')", "Page up", show=False, id="play.page-up"),
        Binding("pagedown", "scroll('page_down')", "Page down", show=False, id="play.page-down"),
    ]

    def __init__(self, session: Session, play: Round, source: LoadedArticle) -> None:
        """Create the screen.

        Args:
            session: Where answers are recorded and saved.
            play: The round to play, new or resumed.
            source: The pack's source text, read once for the round (see
                :meth:`~quiz.store.library.Library.article`).
        """
        super().__init__()
        self.session = session
        self.play = play
        self.outcome: Outcome | None = None
        self.pending: str | None = None
        self.finished: PlayScreen.Finished | None = None
        self.article, self.article_problem = source
        self.passages: list[Passage] = []
        """The evidence highlighted in the source after an answer."""
        self.marked: tuple[int, ...] = ()
        """The paragraphs marked when the player checked the source."""

    def compose(self) -> ComposeResult:
        """Status line, the question beside the source, the footer."""
        # The body and the source are the screen's columns, with the status and the
        # footer docked: a container around the columns would be one more to lay out and
        # paint behind everything on every frame.
        yield RoundStatus(id="status")
        with VerticalScroll(id="body"):
            # Kept for the whole round and updated: each question changes their text.
            yield Static(classes="heading", markup=False)
            yield Static(classes="prompt", markup=False)
        if self.article is not None:
            yield SourceReader(self.article, source_title(self.play.pack), id="reader")
        yield QuizFooter()

    async def on_mount(self) -> None:
        """Show the first unanswered question."""
        self.title = self.play.pack.title
        if self.article_problem:
            self.notify(self.article_problem, severity="warning", markup=False, timeout=8)
        problem = self.session.save_problem()
        if problem is not None:
            self.notify(
                f"This round will not be saved: {problem}.",
                severity="error",
                markup=False,
                timeout=15,
            )
        self._lay_out()
        await self.show_question()

    @property
    def closed_book(self) -> bool:
        """Whether the source is hidden now: during a closed-book round, until its end."""
        return self.play.mode.closed_book and not (self.play.finished and self.outcome is not None)

    @property
    def wide(self) -> bool:
        """Whether the source is shown beside the question."""
        return self.has_class("-wide")

    def on_resize(self) -> None:
        """Two columns on a wide terminal, one on a narrow one."""
        self._lay_out()

    def _lay_out(self) -> None:
        shown = self.article is not None and not self.closed_book and self.size.width >= WIDE
        if shown == self.wide:
            return
        self.set_class(shown, "-wide")
        if not shown and self.focused is not None and isinstance(self.focused, SourceReader):
            self.set_focus(None)
        self.refresh_bindings()

    @property
    def answering(self) -> bool:
        """Whether a question is waiting for an answer."""
        return self.outcome is None and not self.play.finished

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that make sense now."""
        question = self.play.current
        if action == "choose":
            if self.pending is not None:
                return True
            return self.answering and question is not None and question.kind != "number"
        if action == "answer_hint":
            return (
                self.answering
                and self.pending is None
                and question is not None
                and question.kind != "number"
                and parameters == (len(self.play.options(question)),)
            )
        if action == "sure":
            return self.pending is not None
        if action == "pick":
            pad = self._pad()
            return self.pending is None and pad is not None and pad.highlighted is not None
        if action == "check_source":
            return (
                self.answering
                and self.pending is None
                and not self.play.checked_current
                and not self.play.mode.closed_book
            )
        if action == "read":
            return self.article is not None and not self.closed_book
        if action == "closed_book_read":
            return self.article is not None and self.closed_book
        if action == "closed_book_check":
            return (
                self.article is not None
                and self.closed_book
                and self.answering
                and self.pending is None
            )
        if action == "next":
            return self.outcome is not None
        return True

    def help_keys(self) -> list[tuple[str, str]]:
        """The keys the bindings table cannot describe: digits, which mean what the
        question offers."""
        question = self.play.current
        if self.pending is not None:
            return [("5-9, 0", "How sure you are: 50 % ... 90 %, 0 for 100 %")]
        if not self.answering or question is None:
            return []
        if question.kind == "number":
            return [("digits, Enter", "Type the number and submit it")]
        count = len(self.play.options(question))
        keys = [
            (f"1-{count}", "Choose that answer"),
            ("\u2191 \u2193, Enter", "Move over the answers, and choose the highlighted one"),
            ("PgUp PgDn", "Scroll"),
        ]
        if self.play.mode.closed_book:
            keys.append(("", CLOSED_BOOK_NOTE))
        return keys

    def _pad(self) -> AnswerPad | None:
        """The answer pad on screen, while the question waits for an answer."""
        if not self.answering or self.pending is not None:
            return None
        pads = self.query(AnswerPad)
        return pads.first() if pads else None

    def action_scroll(self, direction: str) -> None:
        """Move over the answers with the arrows; otherwise scroll the question and feedback
        (they may be taller than the terminal)."""
        pad = self._pad()
        if pad is not None and direction in ("up", "down"):
            pad.move(1 if direction == "down" else -1)
            self.refresh_bindings()
            return
        body = self.query_one("#body", VerticalScroll)
        actions = {
            "up": body.scroll_up,
            "down": body.scroll_down,
            "page_up": body.scroll_page_up,
            "page_down": body.scroll_page_down,
        }
        actions[direction](animate=False)

    def _update_status(self) -> None:
        status = self.query_one(RoundStatus)
        status.total = self.play.total
        status.number = self.play.index + (0 if self.outcome is not None else 1)
        status.answered = self.play.index
        status.score = self.play.score
        # Confidence mode pays no streak bonus, so it shows no streak.
        status.streak = 0 if self.play.mode.confidence else self.play.streak
        mode = self.play.mode
        status.mode = "Review" if mode.review else ""
        if mode.confidence:
            status.mode = (status.mode + " · " if status.mode else "") + "Confidence mode"
        if mode.closed_book:
            status.mode = (status.mode + " · " if status.mode else "") + "Closed book"

    async def show_question(self) -> None:
        """Replace the body with the current question.

        No frame is drawn until the question is in place: a frame of the empty body
        would cost as much as the question's own and hold it back by a refresh.
        """
        self.outcome = None
        self.pending = None
        question = self.play.current
        if question is None:
            return
        self.play.unpause()
        with self.app.batch_update():
            await self._show_question(question)

    async def _show_question(self, question: Question) -> None:
        body = self.query_one("#body", VerticalScroll)
        await body.query_children(ANSWER_PARTS).remove()
        body.query_one(".heading", Static).update(question_heading(question))
        body.query_one(".prompt", Static).update(Content(question.prompt))
        if question.kind == "number":
            await body.mount(NumberEntry(question.unit, id="entry"))
        else:
            await body.mount(AnswerPad(self.play.options(question), id="pad"))
        if self.play.checked_current:  # checked before the round was left and resumed
            self._show_evidence(question)
        if question.kind == "number":
            self.query_one(NumberEntry).focus_input()
        else:
            self.set_focus(None)
        body.scroll_home(animate=False)
        self.passages, self.marked = [], ()
        if self.play.checked_current and self.article is not None:
            self.marked = self._evidence_paragraphs(question)
        self._show_in_reader()
        self._update_status()
        self.refresh_bindings()

    async def action_choose(self, number: int) -> None:
        """Choose option ``number``, or state a confidence (5-9, 0 for 100 %).

        Works from the round itself, not the pad on screen, so a key pressed
        while the pad is still being mounted is not lost.
        """
        if self.pending is not None:
            confidence = 100 if number == 0 else number * 10
            if confidence in BANDS:
                await self.submit(self.pending, confidence)
            return
        question = self.play.current
        if question is None or not self.answering or question.kind == "number":
            return
        options = self.play.options(question)
        if 1 <= number <= len(options):
            option = options[number - 1]
            await self.choose_answer(option.value, option.label)

    async def action_answer_hint(self, count: int) -> None:
        """The footer's ``1-N`` key is the digit 1: choose the first option."""
        await self.action_choose(1)

    async def action_sure(self, number: int) -> None:
        """The footer's ``5-9 0`` key is the digit 5: 50 % sure."""
        await self.action_choose(number)

    def action_pick(self) -> None:
        """Enter chooses the answer under the arrow keys' highlight."""
        pad = self._pad()
        if pad is not None:
            pad.pick()

    async def on_answer_pad_chosen(self, message: AnswerPad.Chosen) -> None:
        """An option was chosen by key or click."""
        await self.choose_answer(message.option.value, message.option.label)

    async def on_number_entry_submitted(self, message: NumberEntry.Submitted) -> None:
        """A number was typed and submitted."""
        question = self.play.current
        unit = question.unit if question is not None else ""
        await self.choose_answer(message.text, quantity(message.text, unit))

    async def choose_answer(self, response: str, label: str) -> None:
        """Submit an answer, or in confidence mode ask how sure the player is first."""
        if not self.answering or self.pending is not None:
            return
        if not self.play.mode.confidence:
            await self.submit(response)
            return
        self.pending = response
        question = self.play.current
        assert question is not None
        explain = not self.session.confidence_explained
        pad = ConfidencePad(
            label,
            difficulty=question.difficulty,
            checked=self.play.checked_current,
            explain=explain,
            id="confidence",
        )
        with self.app.batch_update():  # one frame, as in submit
            await self._answered_with(pad)
            self.refresh_bindings()
        if explain:
            self.session.mark_confidence_explained()

    async def on_confidence_pad_chosen(self, message: ConfidencePad.Chosen) -> None:
        """The player stated a confidence: now the answer is judged."""
        if self.pending is not None:
            await self.submit(self.pending, message.confidence)

    async def submit(self, response: str, confidence: int | None = None) -> None:
        """Answer the current question and show the verdict.

        The answer is judged before the first await, so a second key cannot answer
        twice; no frame is drawn until the verdict is in place (see :meth:`show_question`).
        """
        if not self.answering:
            return
        self.pending = None
        answered = self.session.answer(self.play, response, confidence)
        outcome = self.outcome = answered.outcome
        if answered.record is not None:
            end = RoundEnd(self.play, answered.record, answered.previous_best, self.article)
            self.finished = self.Finished(end)
        if self.article is not None:
            self.passages = self.article.locate_all(outcome.question.evidence)
            self.marked = ()
        feedback = Feedback(
            outcome,
            self.play.pack.source,
            last=self.play.finished,
            article=None if self.closed_book else self.article,
            reader_key=not self.wide and not self.closed_book,
            id="feedback",
        )
        with self.app.batch_update():
            await self._answered_with(feedback)
            self._lay_out()
            self._show_in_reader()
            self._update_status()
            self.refresh_bindings()

    def action_check_source(self) -> None:
        """Show where the answer is, for half the points."""
        question = self.play.current
        if question is None or not self.answering or self.play.checked_current:
            return
        self.play.check_source()
        self._show_evidence(question)
        if self.article is not None:
            self.marked = self._evidence_paragraphs(question)
            self._show_in_reader()
            if not self.wide:
                self.action_read()
        self.refresh_bindings()

    def _evidence_paragraphs(self, question: Question) -> tuple[int, ...]:
        """The paragraphs that hold a question's evidence, in the text's order."""
        assert self.article is not None
        found = self.article.locate_all(question.evidence)
        return tuple(sorted({index for passage in found for index in passage.paragraphs}))

    def _show_evidence(self, question: Question) -> None:
        """After checking the source: where the evidence is, or the quotes without a text."""
        body = self.query_one("#body", VerticalScroll)
        anchor = body.query_one("#pad, #entry")
        if self.article is not None:
            where = self._evidence_paragraphs(question)
            places = ", ".join(self.article.label(index) for index in where) or "the source"
            text = (
                f"You checked the source: the answer is in {places}, marked in the source "
                "(r to read it). A right answer now earns half the points."
            )
            body.mount(Static(text, classes="checked-note", markup=False), before=anchor)
            return
        note = Static(
            "You checked the source: a right answer now earns half the points.",
            classes="checked-note",
            markup=False,
        )
        panel = EvidencePanel(question.evidence, self.play.pack.source, id="evidence")
        body.mount(panel, before=anchor)
        body.mount(note, before=anchor)

    def _show_in_reader(self) -> None:
        """Highlight the evidence or mark the checked paragraphs, and scroll to the first."""
        for reader in self.query(SourceReader):
            reader.show(self.passages, self.marked)
            targets = [passage.paragraph for passage in self.passages] + list(self.marked)
            if targets:
                self.call_after_refresh(reader.scroll_to_paragraph, min(targets))

    async def _answered_with(self, widget: Widget) -> None:
        """Put ``widget`` where the ways to answer the question were."""
        # Before the number box goes: removing the focused widget would focus the body,
        # and each change of the body's focus restyles everything in it.
        self.set_focus(None)
        body = self.query_one("#body", VerticalScroll)
        await body.query_children(ANSWER_PARTS).remove()
        await body.mount(widget)

    def action_read(self) -> None:
        """Read the source: beside the question on a wide terminal, on its own screen if not."""
        if self.article is None or self.closed_book:
            return
        if self.wide:
            reader = self.query_one(SourceReader)
            if not reader.has_focus:
                reader.focus()
            elif self.query("#entry"):
                self.query_one(NumberEntry).focus_input()
            else:
                self.set_focus(None)
            return
        self._open_reader()

    def action_closed_book_read(self) -> None:
        """``r`` in a closed-book round: say that the source is hidden until the end."""
        self.notify(CLOSED_BOOK_NOTE, markup=False, timeout=4)

    def action_closed_book_check(self) -> None:
        """``s`` in a closed-book round: say that the source is hidden until the end."""
        self.notify(CLOSED_BOOK_NOTE, markup=False, timeout=4)

    def _open_reader(self, start: int | None = None) -> None:
        """The source on a screen of its own, at a paragraph or the first evidence."""
        assert self.article is not None
        note = ""
        if self.passages:
            places = sorted({index for p in self.passages for index in p.paragraphs})
            note = "Evidence: " + ", ".join(self.article.label(index) for index in places)
        elif self.marked:
            note = "The answer is in " + ", ".join(self.article.label(i) for i in self.marked)
        self.app.push_screen(
            ReaderScreen(
                self.article,
                source_title(self.play.pack),
                passages=self.passages,
                marked=self.marked,
                start=start,
                note=note,
            )
        )

    def action_read_paragraph(self, index: int) -> None:
        """Show one paragraph of the source (a link in the evidence leads here)."""
        if self.article is None or self.closed_book:
            return
        if self.wide:
            self.query_one(SourceReader).scroll_to_paragraph(index)
        else:
            self._open_reader(index)

    def on_source_reader_passage_clicked(self, message: SourceReader.PassageClicked) -> None:
        """A click on highlighted evidence brings the feedback's explanation into view."""
        for feedback in self.query(Feedback):
            self.query_one("#body", VerticalScroll).scroll_to_widget(feedback, animate=False)

    async def action_next(self) -> None:
        """Go on to the next question, or to the results after the last."""
        if self.outcome is None:
            return
        if not self.play.finished:
            await self.show_question()
            return
        # Sent once, however fast Enter is pressed again: the round is already recorded.
        finished, self.finished = self.finished, None
        if finished is not None:
            self.post_message(finished)

    @work(exclusive=True)
    async def action_leave(self) -> None:
        """Ask, then leave the round to resume later."""
        self.play.pause()
        problem = self.session.save_problem()
        question = (
            "Leave this round? Your answers so far are saved, and you can resume "
            "it from the home screen or the next time you start quiz."
            if problem is None
            else f"Leave this round? It is not saved ({problem}); you can resume it "
            "from the home screen until you quit quiz."
        )
        leave = await self.app.push_screen_wait(
            ConfirmScreen(question, yes="Leave", no="Keep playing")
        )
        if not leave:
            self.play.unpause()
            return
        self.session.leave(self.play)
        self.dismiss()
