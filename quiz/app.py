"""QuizApp: global keys, screen routing, and the factory the CLI and the tests share."""

from __future__ import annotations

import asyncio
import contextlib
import io
import signal
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeGuard, runtime_checkable

from rich.console import Console
from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message

from quiz.commands import GameCommands
from quiz.model.pack import Pack
from quiz.model.round_length import question_count
from quiz.screens.home import HomeScreen
from quiz.session import Session
from quiz.store.library import LoadedArticle
from quiz.store.lock import AlreadyPlaying

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.screen import Screen
    from textual.theme import Theme

    from quiz.model.round import Round
    from quiz.model.round_state import RoundState
    from quiz.screens.play import PlayScreen
    from quiz.screens.player_name import PlayerNameScreen
    from quiz.screens.results import ResultsScreen


def play_screen(session: Session, play: Round, source: LoadedArticle | None = None) -> PlayScreen:
    """The screen of a round.

    The screens after the home screen are imported when first shown, not at start:
    the home screen is the only one the first frame needs.

    Args:
        session: The player's rounds.
        play: The round.
        source: The pack's source text as :meth:`Library.article` read it, if it
            was read before the round (for the start dialog or closed-book
            reading); else it is read now. Either way, once per round.
    """
    from quiz.screens.play import PlayScreen

    if source is None:
        source = session.library.article(play.pack)
    return PlayScreen(session, play, source)


def resume_question(pack: Pack, state: RoundState) -> Content:
    """Whether to resume the round left unfinished."""
    return Content.assemble(
        "You left a round of ",
        (pack.title, "bold"),
        f" unfinished ({len(state.answers)} of {len(state.order)} answered). Resume it?",
    )


def give_up_question(pack: Pack, state: RoundState) -> Content:
    """Whether to give the unfinished round up for a new one."""
    return Content.assemble(
        "Start a new round? Your unfinished round of ",
        (pack.title, "bold"),
        f" ({len(state.answers)} of {len(state.order)} answered) will be given up; "
        "its answers stay counted in your scores.",
    )


class Playing(Protocol):
    """A screen with a round in progress, as the play screen is."""

    play: Round

    @property
    def answering(self) -> bool:
        """Whether a question is waiting for an answer."""


@runtime_checkable
class ExplainsKeys(Protocol):
    """A screen with keys its bindings cannot describe, such as digits that mean what is asked."""

    def help_keys(self) -> list[tuple[str, str]]:
        """The keys and what they do, for the help screen."""


SERVED_SIZES = (Size(20, 8), Size(400, 150))
"""The least and the most a browser tab's game draws: the size comes from the page,
which anyone on the network can write, and a screen of a billion cells would take the
machine's memory."""


def same_key(label: str) -> str:
    """A key's label as the help compares them: "⏎" and "Enter", "1–3" and "1-3",
    "5–9 0" and "5-9, 0" are one key."""
    folded = label.replace("\u23ce", "enter").replace("\u2013", "-").replace(",", " ")
    return "".join(folded.split()).casefold()


def is_playing(screen: object) -> TypeGuard[Playing]:
    """Whether a screen is a round in progress (without importing the play screen)."""
    play = getattr(screen, "play", None)
    return getattr(screen, "answering", None) is not None and play is not None


class QuizApp(App[None]):
    """The fact-checking quiz."""

    CSS_PATH = "quiz.tcss"
    TITLE = "quiz"
    COMMANDS = App.COMMANDS | {GameCommands}

    BINDINGS = [
        Binding("question_mark", "help", "Keys", id="app.help", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        # In a browser (quiz serve) the SVG is offered as a download; in a terminal it
        # goes to the downloads folder.
        Binding("ctrl+s", "screenshot", "Screenshot", id="app.screenshot", show=False),
    ]

    def __init__(
        self,
        session: Session,
        *,
        start: Round | Callable[[], Round] | None = None,
        ask_player: bool = False,
        assignment: Pack | None = None,
    ) -> None:
        """Create the app.

        Args:
            session: The player's packs and progress.
            start: A round to go straight into, as ``quiz play`` asks; or what starts
                it, once the player has said what becomes of the round left unfinished.
            ask_player: Ask for the player's name first (each browser tab of
                ``quiz serve``); the session has no player until then.
            assignment: The pack to go to once the name is given (``quiz serve --pack``).
        """
        super().__init__()
        self.session = session
        self.start = start
        self.ask_player = ask_player
        self.served = ask_player
        self.assignment = assignment
        self._starting = False
        self._save_notice = ("", 0.0)
        """The last save failure shown, and until when (monotonic) its notice is on screen."""
        self.crash: BaseException | None = None
        self.crash_report = ""
        session.on_save_error = self._save_failed
        session.schedule_save = self.call_after_refresh

    def get_default_screen(self) -> HomeScreen | PlayerNameScreen:
        """The home screen is always at the bottom of the stack, once the player is known."""
        if self.ask_player:
            # Imported here: it brings Textual's Input, which a terminal's first frame lacks.
            from quiz.screens.player_name import PlayerNameScreen

            heading = f"Today's pack: {self.assignment.title}" if self.assignment else ""
            return PlayerNameScreen(heading)
        return HomeScreen(self.session)

    async def on_event(self, event: events.Event) -> None:
        """Keep a browser tab's screen to a size a person can use (:data:`SERVED_SIZES`)."""
        if self.served and isinstance(event, events.Resize):
            least, most = SERVED_SIZES
            width = min(max(event.size.width, least.width), most.width)
            height = min(max(event.size.height, least.height), most.height)
            if (width, height) != tuple(event.size):
                event = events.Resize(Size(width, height), Size(width, height))
        await super().on_event(event)

    def on_player_name_screen_chosen(self, message: PlayerNameScreen.Chosen) -> None:
        """Play as the player named, unless another game already does."""
        from quiz.screens.player_name import PlayerNameScreen

        screen = self.screen
        try:
            self.session.join(message.player)
        except AlreadyPlaying:
            if isinstance(screen, PlayerNameScreen):
                screen.refuse(
                    f"{message.player} is already playing in another tab or terminal. "
                    "Finish that game first, or type another name."
                )
            return
        self.ask_player = False
        # Over the name screen, which stays below: the home screen is never popped.
        self.push_screen(HomeScreen(self.session))
        pack = self.assignment
        if pack is None:
            return
        found = self.session.resumable()
        if found is not None and found[0].id == pack.id:
            self.resume_round()
        else:
            self.start_new(pack, review=False)

    def on_mount(self) -> None:
        """Apply the saved theme; go straight into a round, as ``quiz play`` asks.

        A closed-book round of a pack with a source text opens on the text: it
        is the one chance to read it before the questions.
        """
        saved = self.session.settings.theme
        if saved in self.available_themes:
            self.theme = saved
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.ask_player:
            # A browser tab's game: a hang-up ends it as SIGTERM does (Textual's web driver
            # handles that one), with every answer saved, rather than killing it mid-save.
            with contextlib.suppress(NotImplementedError, AttributeError):
                asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.exit)
        start = self.start
        if start is None:
            return
        if callable(start):
            self._ask_before_starting(start)
            return
        self._open_round(start)

    @work(exclusive=True, group="resume")
    async def _ask_before_starting(self, begin: Callable[[], Round]) -> None:
        """Ask, as the home screen does, before a new round gives the unfinished one up:
        resume it, start the new one, or neither (quit with nothing changed)."""
        from quiz.screens.confirm import ConfirmScreen

        found = self.session.resumable()
        if found is not None:
            resume = ConfirmScreen(resume_question(*found), yes="Resume", no="No")
            if await self.push_screen_wait(resume):
                self.resume_round()
                return
            give_up = ConfirmScreen(give_up_question(*found), yes="Start new", no="Cancel")
            if not await self.push_screen_wait(give_up):
                self.exit()
                return
        try:
            play = begin()
        except ValueError as error:  # a review with nothing due
            self.exit(return_code=1, message=f"quiz: {error}")
            return
        self.start = play
        self._open_round(play)

    def _open_round(self, start: Round) -> None:
        """Show a round given on the command line."""
        source = self.session.library.article(start.pack) if start.mode.closed_book else None
        article = None if source is None else source[0]
        if article is None or start.index > 0:
            self.push_screen(play_screen(self.session, start, source))
            return
        from quiz.screens.reader import ReaderScreen, source_title

        note = "Closed book: read now; the text is hidden once the round starts. Enter starts."
        self.push_screen(
            ReaderScreen(article, source_title(start.pack), before_round=True, note=note),
            lambda _: self.push_screen(play_screen(self.session, start, source)),
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands, with "Keys" showing this game's keys and rules."""
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command
        yield SystemCommand(
            "Keys", "The keys of this screen, and the scoring rules", self.action_help
        )

    def _theme_changed(self, theme: Theme) -> None:
        """Remember the theme chosen (from the palette) for the next start."""
        self.session.set_theme(theme.name)

    def on_home_screen_loaded(self, message: HomeScreen.Loaded) -> None:
        """With the history read, offer to resume the round left unfinished last time."""
        if self.start is not None or not isinstance(self.screen, HomeScreen):
            return  # a round is already under way: nothing to offer
        if self.assignment is not None:
            return  # the assigned pack's round was resumed, or started, with the name
        if self.session.resumable() is not None:
            self.offer_resume()

    @work(exclusive=True, group="resume")
    async def offer_resume(self) -> None:
        """Ask whether to resume the round left unfinished last time."""
        found = self.session.resumable()
        if found is None:
            return
        from quiz.screens.confirm import ConfirmScreen  # not needed for the first frame

        question = resume_question(*found)
        if await self.push_screen_wait(ConfirmScreen(question, yes="Resume", no="Not now")):
            self.resume_round()

    def resume_round(self) -> None:
        """Continue the interrupted round."""
        play = self.session.resume()
        if play is not None:
            self.push_screen(play_screen(self.session, play))

    def on_home_screen_start(self, message: HomeScreen.Start) -> None:
        """A pack was chosen on the home screen."""
        if isinstance(self.screen, HomeScreen):  # a second Enter must not start two rounds
            self.start_new(message.pack, review=False)

    def on_home_screen_review(self, message: HomeScreen.Review) -> None:
        """Review the questions of a pack that are due."""
        if isinstance(self.screen, HomeScreen):
            self.start_new(message.pack, review=True)

    def start_new(self, pack: Pack, *, review: bool) -> None:
        """Start a round, once however often Enter is pressed."""
        if not self._starting:
            self._starting = True
            self._start_new(pack, review=review)

    @work(group="start")
    async def _start_new(self, pack: Pack, *, review: bool) -> None:
        try:
            await self._ask_then_start(pack, review=review)
        finally:
            self._starting = False

    async def _ask_then_start(self, pack: Pack, *, review: bool) -> None:
        """Start a round; if one is unfinished, ask before it is given up.

        A pack with a source text first offers to read it, and closed book.
        """
        from quiz.screens.reader import ReaderScreen, source_title
        from quiz.screens.start import StartScreen, offers_length

        source = self.session.library.article(pack)
        article = source[0]
        choice = None
        length = self.session.round_length
        while article is not None or offers_length(pack):
            dialog = StartScreen(pack, length=length, article=article is not None)
            choice = await self.push_screen_wait(dialog)
            if choice is None:
                return
            length = choice.length
            if not choice.read_first or article is None:
                break
            note = "Read as long as you like, then press Enter to start the round."
            reading = ReaderScreen(article, source_title(pack), before_round=True, note=note)
            if await self.push_screen_wait(reading):
                break  # Enter: start; Esc: back to the choice
        found = self.session.resumable()
        if found is not None:
            from quiz.screens.confirm import ConfirmScreen

            question = give_up_question(*found)
            if not await self.push_screen_wait(
                ConfirmScreen(question, yes="Start new", no="Go back")
            ):
                return
        closed_book = choice is not None and choice.closed_book
        self.session.set_round_length(length)
        available = len(self.session.due(pack)) if review else len(pack.questions)
        play = self.session.start_round(
            pack, count=question_count(length, available), review=review, closed_book=closed_book
        )
        await self.push_screen(play_screen(self.session, play, source))

    def on_home_screen_show_scores(self, message: HomeScreen.ShowScores) -> None:
        """Show the scores screen."""
        from quiz.screens.scores import ScoresScreen

        self.push_screen(ScoresScreen(self.session))

    def on_home_screen_resume(self, message: HomeScreen.Resume) -> None:
        """The interrupted round was chosen on the home screen."""
        if isinstance(self.screen, HomeScreen):
            self.resume_round()

    def on_play_screen_finished(self, message: PlayScreen.Finished) -> None:
        """Show the results in place of the finished round."""
        from quiz.screens.results import ResultsScreen

        self.switch_screen(ResultsScreen(message.end))

    def on_results_screen_play_again(self, message: ResultsScreen.PlayAgain) -> None:
        """Another round of the same pack, in place of the results."""
        # Played the same way again: closed book stays closed.
        count = question_count(self.session.round_length, len(message.pack.questions))
        play = self.session.start_round(message.pack, count=count, closed_book=message.closed_book)
        self.switch_screen(play_screen(self.session, play))

    def on_results_screen_retry_missed(self, message: ResultsScreen.RetryMissed) -> None:
        """A review round of the questions just missed, in place of the results."""
        play = self.session.start_round(
            message.pack, retry=message.questions, closed_book=message.closed_book
        )
        self.switch_screen(play_screen(self.session, play))

    def action_help(self) -> None:
        """Show the keys that work on the current screen."""
        from quiz.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        # Keys the screen explains itself (digits, Enter on a list), then its bindings.
        screen = self.screen
        keys = list(screen.help_keys()) if isinstance(screen, ExplainsKeys) else []
        seen: set[str] = {description for _, description in keys}
        named = {same_key(key) for key, _ in keys}
        for active in self.active_bindings.values():
            binding = active.binding
            hidden = binding.id is None or not binding.show or not active.enabled
            display = self.get_key_display(binding)
            if hidden or binding.description in seen or same_key(display) in named:
                continue
            seen.add(binding.description)
            named.add(same_key(display))
            keys.append((display, binding.description))
        self.push_screen(HelpScreen(keys, confidence=self.session.confidence))

    async def action_quit(self) -> None:
        """Quit; mid-round, ask first and keep the round to resume."""
        self.confirm_quit()

    @work(exclusive=True, group="quit")
    async def confirm_quit(self) -> None:
        """Quit, once the player agrees if a round is in progress."""
        from quiz.screens.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return  # A question is open (perhaps this one): it is answered with y or n.
        # The round may be under the help or another dialog: look down the stack.
        playing = [s for s in self.screen_stack if is_playing(s)]
        screen = playing[-1] if playing else None
        if screen is not None and not screen.play.finished:
            screen.play.pause()
            problem = self.session.save_problem()
            question = (
                "Quit quiz? Your answers so far are saved, and the next start offers "
                "to resume this round."
                if problem is None
                else f"Quit quiz? This round is not saved ({problem}): quitting loses it."
            )
            leave = await self.push_screen_wait(
                ConfirmScreen(question, yes="Quit", no="Keep playing")
            )
            if not leave:
                screen.play.unpause()
                return
            self.session.leave(screen.play)
        self.exit()

    def _handle_exception(self, error: Exception) -> None:
        # Textual 8 calls this private method with every unhandled exception and has no
        # public hook for one (no event, no callback): the override is the only way to
        # keep the traceback for the crash log. tests/ui/test_crash.py fails if Textual
        # renames it. Textual's own report, a Rich traceback with locals, goes to its
        # public error_console when the app closes; a console that prints nowhere keeps
        # that wall of text from the player, who gets one line from the command line.
        self.crash = error
        self.crash_report = "".join(traceback.format_exception(error))
        self.error_console = Console(file=io.StringIO())
        super()._handle_exception(error)

    class SaveFailed(Message):
        """A save failed on the saver thread."""

        def __init__(self, text: str) -> None:
            """Create the message.

            Args:
                text: What to tell the player.
            """
            super().__init__()
            self.text = text

    def _save_failed(self, error: Exception) -> None:
        # On the saver thread: post, never wait for the UI (it may be shutting down).
        reason = getattr(error, "strerror", None) or error
        text = (
            f"This round will not be saved: {reason}. "
            "The round goes on; each answer tries to save it again."
        )
        with contextlib.suppress(Exception):
            self.post_message(self.SaveFailed(text))

    def on_quiz_app_save_failed(self, message: SaveFailed) -> None:
        """Tell the player a save failed, once for as long as that notice is on screen.

        Each answer tries the save again, so a full disk fails at every answer; the
        same words again would only stack up copies of the notice still showing.
        """
        now = time.monotonic()
        text, until = self._save_notice
        if message.text == text and now < until:
            return
        self._save_notice = (message.text, now + self.NOTIFICATION_TIMEOUT)
        self.notify(message.text, severity="error", markup=False)


def build_app(
    data_dir: Path,
    *,
    pack: str | None = None,
    seed: int | None = None,
    questions: int | None = None,
    review: bool = False,
    player: str | None = None,
    confidence: bool | None = None,
    closed_book: bool = False,
    ask_player: bool = False,
) -> QuizApp:
    """Build the app the way the ``quiz`` command does.

    Args:
        data_dir: Where progress and user packs live.
        pack: A pack id or file to play at once.
        seed: Fixes the question order of that round.
        questions: How many questions that round asks.
        review: Make that round a review of the questions due.
        player: Who plays, for this session.
        confidence: Confidence mode for this session; the saved setting when None.
        closed_book: Make that round closed-book: the source text is hidden
            during the round (it can be read before the first question).
        ask_player: Ask each game for its player's name first, and send it to
            ``pack`` then (a browser tab of ``quiz serve``).

    Returns:
        The app, ready to run.

    Raises:
        PackError: The pack cannot be found or loaded.
        ValueError: A review was asked for and nothing is due.
        AlreadyPlaying: Another game is playing as the same player.
    """
    if ask_player:
        session = Session(data_dir, confidence=confidence, defer_loading=True)
        chosen = session.library.find_pack(pack) if pack is not None else None
        return QuizApp(session, ask_player=True, assignment=chosen)
    session = Session(
        data_dir,
        player=player,
        confidence=confidence,
        exclusive=True,
        defer_loading=pack is None,
    )
    if pack is None:
        return QuizApp(session)
    chosen = session.library.find_pack(pack)

    def begin() -> Round:
        return session.start_round(
            chosen, seed=seed, count=questions, review=review, closed_book=closed_book
        )

    # A round left unfinished is not given up unasked: the game asks first, as home does.
    return QuizApp(session, start=begin if session.resumable() is not None else begin())
