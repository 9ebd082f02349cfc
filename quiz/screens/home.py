"""The home screen: the packs, the player's best on each, and a round to resume."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from quiz.model.scoring import EXPLANATION
from quiz.model.text import clean_line, long_date
from quiz.session import PackEntry, Session
from quiz.store.lock import AlreadyPlaying
from quiz.widgets.footer import QuizFooter

if TYPE_CHECKING:
    from quiz.model.pack import Pack
    from quiz.model.round_state import RoundState

RESUME = "resume"
TUTORIAL = "tutorial"
"""The id of the built-in pack a newcomer is pointed to."""
WIDE = 90
"""The narrowest terminal that shows the detail beside the pack list."""
SHORT = 20
"""The lowest terminal that shows the detail at all: below it the pack list needs every row."""


class Standing(NamedTuple):
    """The current player's figures on one pack, for its row and its detail.

    Attributes:
        best: Their best score on a full round, None before the first.
        answers: How many of its questions they have answered, all rounds together.
        correct: How many of those were right.
        due: How many of its questions are due for review today.
        unfinished: The round left unfinished on it, as (answered, asked), if any.
    """

    best: int | None = None
    answers: int = 0
    correct: int = 0
    due: int = 0
    unfinished: tuple[int, int] | None = None


def pack_label(entry: PackEntry, standing: Standing | None) -> Content:
    """One pack in the list: its title, then its size, your best and what is due (once
    the player's file is read: until then ``standing`` is None)."""
    summary = entry.summary
    if summary.error is not None:
        return Content.assemble(
            (clean_line(entry.path.name), "bold"), ("   broken: ", "$text-error"), summary.error
        )
    count = summary.questions
    parts: list[str | tuple[str, str]] = [
        (summary.title, "bold"),
        f"\n  {count} question{'s' if count != 1 else ''}",
    ]
    if standing is not None:
        best = standing.best
        parts.append("   best " + (str(best) if best is not None else "\u2014"))
        if standing.due:
            parts.append((f"   {standing.due} due for review (v)", "bold $text-warning"))
    if not entry.builtin:
        parts.append(("   (your pack)", "$text-muted"))
    return Content.assemble(*parts)


def _is_tutorial(entry: PackEntry) -> bool:
    """Whether a pack is the built-in one a newcomer is pointed to."""
    return entry.builtin and entry.id == TUTORIAL and entry.error is None


def _pack_option(entry: PackEntry, standing: Standing | None, tutorial: bool) -> Option:
    """A pack's row in the list; the tutorial's says so to a newcomer."""
    label = pack_label(entry, standing)
    if tutorial:
        label = Content.assemble(
            ("\u2605 New here? Start with the tutorial\n", "bold $text-accent"), label
        )
    return Option(label, id=f"pack:{entry.path}", disabled=entry.error is not None)


def pack_detail(entry: PackEntry | None, standing: Standing | None = None) -> Content:
    """The highlighted pack: description; source (title, publisher, date, address); the
    current player's best, accuracy, questions due and unfinished round.

    The address is text, never a link a pack could use to send the player elsewhere.
    """
    if entry is None or entry.error is not None:
        return Content("")
    summary = entry.summary
    parts: list[str | tuple[str, str]] = [(summary.title, "bold")]
    if summary.description:
        parts.extend(["\n", summary.description])
    if summary.source_title:
        details = [part for part in (summary.source_publisher, _day(summary.source_date)) if part]
        parts.extend(["\n\n", ("Source  ", "bold"), summary.source_title])
        if details:
            parts.append(("\n        " + ", ".join(details), "$text-muted"))
        if summary.source_url:
            parts.append(("\n        " + summary.source_url, "$text-muted"))
    if standing is not None:
        parts.extend(["\n\n", *_standing(standing)])
    return Content.assemble(*parts)


def _standing(standing: Standing) -> list[str | tuple[str, str]]:
    """The player's own lines of a pack's detail."""
    if standing.best is None and not standing.answers:
        lines: list[str | tuple[str, str]] = ["You have not played it yet."]
    else:
        best = "\u2014" if standing.best is None else str(standing.best)
        lines = [("Your best  ", "bold"), best]
        if standing.answers:
            share = round(100 * standing.correct / standing.answers)
            lines.append(f"   accuracy {share} % of {standing.answers} answers")
    if standing.due:
        count = standing.due
        lines += [
            "\n",
            ("Review     ", "bold"),
            (f"{count} question{'s' if count != 1 else ''} due: v plays them", "$text-warning"),
        ]
    if standing.unfinished is not None:
        answered, asked = standing.unfinished
        lines += [
            "\n",
            ("Unfinished ", "bold"),
            f"{answered} of {asked} answered: the Resume row continues it",
        ]
    return lines


def _day(iso: str | None) -> str:
    """``2014-09-25`` as ``25 September 2014``; anything else as it is."""
    if not iso:
        return ""
    try:
        return long_date(date.fromisoformat(iso))
    except ValueError:
        return iso


def _notice(text: str) -> Static:
    """One notice of the session (its text is a file's path and a problem, never markup)."""
    return Static(Content(text), classes="notice", markup=False)


def heading(status: Content | str) -> Content:
    """The game's name and what it asks, then the status line under a blank line."""
    return Content.assemble(
        ("quiz", "bold $accent"),
        "  \u2014  fact-check claims against the source: supported, contradicted, "
        "or not stated?\n\n",
        status,
    )


def status_line(player: str, confidence: bool) -> Content:
    """Who is playing and in which mode."""
    return Content.assemble(
        ("Player: ", "bold"),
        player,
        ("   Confidence mode: ", "bold"),
        "on" if confidence else "off",
    )


class HomeScreen(Screen[None]):
    """Lists the installed packs; Enter starts a round of the highlighted one."""

    BINDINGS = [
        # A priority binding: the pack list's own Enter (which does the same) would hide
        # the game's primary action from the footer.
        Binding("enter", "start", "Play", id="home.play", show=True, priority=True),
        Binding("v", "review", "Review mistakes", id="home.review"),
        Binding("s", "scores", "Scores", id="home.scores"),
        Binding("p", "player", "Player", id="home.player"),
        Binding("c", "confidence", "Confidence mode", id="home.confidence"),
        Binding("q", "app.quit", "Quit", id="home.quit", show=False),
    ]

    class Start(Message):
        """The player chose a pack to play."""

        def __init__(self, pack: Pack) -> None:
            """Create the message.

            Args:
                pack: The pack to play.
            """
            super().__init__()
            self.pack = pack

    class Resume(Message):
        """The player chose to resume the interrupted round."""

    class Loaded(Message):
        """The history has been read (the app may now offer to resume a round)."""

    class Review(Message):
        """The player chose to review a pack's questions that are due."""

        def __init__(self, pack: Pack) -> None:
            """Create the message.

            Args:
                pack: The pack to review.
            """
            super().__init__()
            self.pack = pack

    class ShowScores(Message):
        """The player asked for the scores."""

    def __init__(self, session: Session) -> None:
        """Create the screen.

        Args:
            session: The packs and progress to show.
        """
        super().__init__()
        self.session = session
        self._shown: object = None
        """What the pack list shows, to skip rebuilding it when nothing changed."""
        self._painted = False
        """Whether the first frame is up, so the whole list may be laid out at once."""
        self._standings: dict[str, Standing] = {}
        """The current player's figures on each pack, by option id."""

    def compose(self) -> ComposeResult:
        """The title with the status, the pack list and the footer, laid out for the
        terminal's size.

        The notices are mounted once the history read brings any: an empty box would
        still be a widget to style and lay out before the first frame.
        """
        # From the app's size: the screen has none until its first layout, and the first
        # frame must already have the layout of the terminal it is drawn on.
        width, height = self.app.size
        self.set_class(width >= WIDE, "-wide")
        yield Static(heading("Reading your history\u2026"), id="status", markup=False)
        with Container(id="panes"):
            yield OptionList(id="packs")
            yield Static(id="detail", markup=False, classes="-short" if height < SHORT else "")
        yield QuizFooter()

    def on_mount(self) -> None:
        """Fill the list and focus it; read the history once the first frame is up."""
        self.title = "quiz"
        self.refresh_packs()
        self.call_after_refresh(self._first_frame_up)
        self.query_one(OptionList).focus()
        if self.session.loaded:
            self.post_message(self.Loaded())
        else:
            self.call_after_refresh(self._load_history)

    def _load_history(self) -> None:
        # Years of history take a few hundred milliseconds to read: after the first
        # frame, on a thread, so the packs are on screen at once.
        self.run_worker(self.session.ensure_loaded, thread=True, group="history")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The history has been read: show scores, notices and the round to resume."""
        if event.worker.group == "history" and event.state == WorkerState.SUCCESS:
            self.refresh_packs()
            self.post_message(self.Loaded())

    def on_screen_resume(self) -> None:
        """Scores and the resumable round may have changed while away."""
        self.refresh_packs()

    def refresh_packs(self) -> None:
        """Rebuild the list and the status line from the session."""
        session = self.session
        if session.loaded:
            status = self.query_one("#status", Static)
            status.update(heading(status_line(session.player, session.confidence)))
            self._show_notices()
        options = self.query_one(OptionList)
        found = self.session.resumable() if session.loaded else None
        rows = [(entry, self.standing(entry, found)) for entry in self.session.library.packs()]
        resume = None if found is None else (found[0].id, len(found[1].answers), found[1].order)
        shown = (resume, [(entry.path, entry.summary, standing) for entry, standing in rows])
        self._standings = {
            f"pack:{entry.path}": standing for entry, standing in rows if standing is not None
        }
        if shown == self._shown:
            # Back from a screen that changed nothing: keep the list (and its scroll).
            return
        self._shown = shown
        new_options: list[Option] = []
        if found is not None:
            pack, state = found
            label = Content.assemble(
                ("\u21bb Resume: ", "bold"),
                (pack.title, "bold"),
                f"\n  {len(state.answers)} of {len(state.order)} answered",
            )
            new_options.append(Option(label, id=RESUME))
        tutorial = None
        if session.newcomer():
            tutorial = next((entry for entry, _ in rows if _is_tutorial(entry)), None)
        highlighted = options.highlighted
        if tutorial is not None and highlighted is None:
            # The first start: Enter plays the tutorial.
            highlighted = len(new_options) + [entry for entry, _ in rows].index(tutorial)
        # One batch: adding options one by one lays the list out again after each.
        # Before the first frame, only a screenful is made: each option is measured
        # (wrapped to the width) when added, and a hundred packs would hold the first
        # frame up. A pack takes two lines (a broken one, one): half the height fills
        # the list, and the rest follow a frame later.
        screenful = len(rows) if self._painted else max(self.app.size.height // 2, 1)
        first = rows[: max(screenful - len(new_options), 0)]
        new_options += [
            _pack_option(entry, standing, entry is tutorial) for entry, standing in first
        ]
        options.set_options(new_options)
        if len(first) < len(rows):
            rest = rows[len(first) :]
            self.call_after_refresh(self._add_rest, shown, rest, tutorial)
        if options.option_count:
            options.highlighted = min(highlighted or 0, options.option_count - 1)
        self._show_detail()

    def _show_notices(self) -> None:
        """The session's notices, under the status line, once there are any."""
        notices = self.session.notices
        found = self.query("#notices").results(Vertical)
        box = next(found, None)
        if box is None:
            if notices:
                self.mount(Vertical(*map(_notice, notices), id="notices"), after="#status")
            return
        if len(box.children) != len(notices):
            box.remove_children()
            box.mount_all(map(_notice, notices))

    def standing(self, entry: PackEntry, found: tuple[Pack, RoundState] | None) -> Standing | None:
        """The current player's figures on a pack; None until their file is read, so that
        nothing is said of them before it is known."""
        session = self.session
        if not session.loaded:
            return None
        if entry.error is not None:
            return Standing()
        progress = session.progress
        answers = correct = 0
        tallies = progress.players.get(session.player, {}).get(entry.id)
        if tallies is not None:
            for tally in tallies.kinds.values():
                answers += tally.answers
                correct += tally.correct
        unfinished = None
        if found is not None and found[0].id == entry.id:
            unfinished = (len(found[1].answers), len(found[1].order))
        return Standing(
            best=progress.best(entry.id),
            answers=answers,
            correct=correct,
            due=session.due_count(entry.id),
            unfinished=unfinished,
        )

    def _first_frame_up(self) -> None:
        """From now on the list is built whole."""
        self._painted = True

    def _add_rest(
        self,
        shown: object,
        rest: list[tuple[PackEntry, Standing | None]],
        tutorial: PackEntry | None,
    ) -> None:
        """The options below the first screenful, unless the list was rebuilt since."""
        if shown is self._shown:
            self.query_one(OptionList).add_options(
                _pack_option(entry, standing, entry is tutorial) for entry, standing in rest
            )

    def on_resize(self) -> None:
        """The detail beside the list on a wide terminal, below it on a narrow one, and
        none on a short one, where the pack list needs every row."""
        self.set_class(self.size.width >= WIDE, "-wide")
        self.query_one("#detail", Static).set_class(self.size.height < SHORT, "-short")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Describe the highlighted pack."""
        self._show_detail()

    def _show_detail(self) -> None:
        """Describe the highlighted pack (for the resume row, the round's pack)."""
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        option_id = options.get_option_at_index(options.highlighted).id
        if option_id == RESUME:
            option_id = next(
                (key for key, standing in self._standings.items() if standing.unfinished), None
            )
        entry = self._entry(option_id)
        detail = self.query_one("#detail", Static)
        detail.update(pack_detail(entry, self._standings.get(option_id or "")))
        detail.set_class(entry is None or entry.error is not None, "-empty")

    def _entry(self, option_id: str | None) -> PackEntry | None:
        for entry in self.session.library.packs():
            if option_id == f"pack:{entry.path}":
                return entry
        return None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a pack starts it."""
        event.stop()
        self._start(event.option.id)

    def action_start(self) -> None:
        """Start the highlighted pack."""
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._start(options.get_option_at_index(options.highlighted).id)

    def help_keys(self) -> list[tuple[str, str]]:
        """The keys of the pack list, which the bindings table does not show."""
        return [
            ("\u2191 \u2193", "Choose a pack, or the round to resume"),
            ("Enter", "Play it"),
            ("q", "Quit"),
        ]

    def highlighted_pack(self) -> Pack | None:
        """The pack under the cursor, if the cursor is on a loaded pack."""
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        for entry in self.session.library.packs():
            if option_id == f"pack:{entry.path}":
                return entry.pack
        return None

    def action_review(self) -> None:
        """Review the highlighted pack's questions that are due."""
        pack = self.highlighted_pack()
        if pack is None:
            return
        if not self.session.due(pack):
            waiting, first = self.session.upcoming(pack)
            message = "Nothing in this pack is due for review."
            if waiting and first is not None:
                days = (first - self.session.today()).days
                when = "tomorrow" if days == 1 else f"in {days} days ({first.isoformat()})"
                message = (
                    f"Nothing is due today. {waiting} question{'s' if waiting != 1 else ''} "
                    f"you missed come{'s' if waiting == 1 else ''} back {when}."
                )
            self.notify(message, markup=False)
            return
        self.post_message(self.Review(pack))

    def action_scores(self) -> None:
        """Show the scores."""
        self.post_message(self.ShowScores())

    def action_player(self) -> None:
        """Ask who is playing."""
        # Imported here: it brings Textual's Input, which the first frame does not need.
        from quiz.screens.ask import AskScreen

        def chosen(name: str | None) -> None:
            if name is not None:
                try:
                    self.session.set_player(name)
                except AlreadyPlaying as refused:
                    self.notify(str(refused), severity="error", markup=False)
                self.refresh_packs()

        self.app.push_screen(AskScreen("Who is playing?", self.session.player), chosen)

    def action_confidence(self) -> None:
        """Turn confidence mode on or off for the next rounds.

        Turned on by a player it was never explained to, it is explained now, once:
        the first confidence question then need not stop to explain it again.
        """
        self.session.set_confidence(not self.session.confidence)
        self.refresh_packs()
        if self.session.confidence and not self.session.confidence_explained:
            self.notify(EXPLANATION, title="Confidence mode on", markup=False, timeout=15)
            self.session.mark_confidence_explained()

    def _start(self, option_id: str | None) -> None:
        if option_id == RESUME:
            self.post_message(self.Resume())
            return
        for entry in self.session.library.packs():
            if option_id == f"pack:{entry.path}" and entry.pack is not None:
                self.post_message(self.Start(entry.pack))
                return
