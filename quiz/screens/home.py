"""The home screen: the packs, the player's best on each, and a round to resume."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from quiz.model.pack import Pack
from quiz.session import PackEntry, Session

RESUME = "resume"


def pack_label(entry: PackEntry, best: int | None) -> Content:
    """One line per pack: title, question count and best score, or why it is broken."""
    if entry.pack is None:
        return Content.assemble(
            (entry.path.name, "bold"), ("   broken: ", "$text-error"), entry.error or ""
        )
    pack = entry.pack
    count = len(pack.questions)
    parts: list[str | tuple[str, str]] = [
        (pack.title, "bold"),
        f"\n  {count} question{'s' if count != 1 else ''}",
        "   best " + (str(best) if best is not None else "\u2014"),
    ]
    if pack.source is not None:
        parts.append(("   source: " + pack.source.describe(), "dim"))
    if not entry.builtin:
        parts.append(("   (your pack)", "dim"))
    return Content.assemble(*parts)


class HomeScreen(Screen[None]):
    """Lists the installed packs; Enter starts a round of the highlighted one."""

    BINDINGS = [
        Binding("enter", "start", "Play", id="home.play", show=True),
        Binding("q", "app.quit", "Quit", id="home.quit"),
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

    def __init__(self, session: Session) -> None:
        """Create the screen.

        Args:
            session: The packs and progress to show.
        """
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        """Title, notices, the pack list and the footer."""
        with Vertical(id="home"):
            yield Static(
                Content.assemble(
                    ("quiz", "bold $accent"),
                    "  \u2014  fact-check claims against the source: supported, contradicted, "
                    "or not stated?",
                ),
                id="banner",
                markup=False,
            )
            for notice in self.session.notices:
                yield Static(Content(notice), classes="notice", markup=False)
            yield OptionList(id="packs")
        yield Footer()

    def on_mount(self) -> None:
        """Fill the list and focus it."""
        self.title = "quiz"
        self.refresh_packs()
        self.query_one(OptionList).focus()

    def on_screen_resume(self) -> None:
        """Scores and the resumable round may have changed while away."""
        self.refresh_packs()

    def refresh_packs(self) -> None:
        """Rebuild the list from the session."""
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        found = self.session.resumable()
        if found is not None:
            pack, state = found
            label = Content.assemble(
                ("\u21bb Resume: ", "bold $text-success"),
                (pack.title, "bold"),
                f"\n  {len(state.answers)} of {len(state.order)} answered",
            )
            options.add_option(Option(label, id=RESUME))
        for entry in self.session.packs():
            best = self.session.progress.best(entry.id)
            label = pack_label(entry, best)
            options.add_option(Option(label, id=f"pack:{entry.path}", disabled=entry.pack is None))
        if options.option_count:
            options.highlighted = min(highlighted or 0, options.option_count - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a pack starts it."""
        event.stop()
        self._start(event.option.id)

    def action_start(self) -> None:
        """Start the highlighted pack."""
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._start(options.get_option_at_index(options.highlighted).id)

    def _start(self, option_id: str | None) -> None:
        if option_id == RESUME:
            self.post_message(self.Resume())
            return
        for entry in self.session.packs():
            if option_id == f"pack:{entry.path}" and entry.pack is not None:
                self.post_message(self.Start(entry.pack))
                return
