"""The game's commands in Textual's command palette (Ctrl+P): play a pack, switch player,
confidence mode, the round length, a dark or a light theme.

Only what applies now is offered: the commands that start a round or change the
player work from the home screen, so mid-round the palette offers the theme and
Textual's own commands (screenshot, keys, quit) alone. Pack titles are untrusted
text, shown as :class:`~textual.content.Content`, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from quiz.model.round_length import ROUND_LENGTHS, length_label
from quiz.screens.home import HomeScreen

if TYPE_CHECKING:
    from quiz.app import QuizApp

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"

Command = tuple[str, str, Callable[[], object]]


class GameCommands(Provider):
    """The game's own commands, for the screen the palette was opened on."""

    def commands(self) -> Iterator[Command]:
        """Each command that applies now: its name, its help, and what it does."""
        app: QuizApp = self.app  # type: ignore[assignment]
        screen = self.screen
        if app.theme != DARK_THEME:
            yield (
                "Theme: dark",
                "Light text on a dark background",
                partial(setattr, app, "theme", DARK_THEME),
            )
        if app.theme != LIGHT_THEME:
            yield (
                "Theme: light",
                "Dark text on a light background",
                partial(setattr, app, "theme", LIGHT_THEME),
            )
        if not isinstance(screen, HomeScreen):
            return
        session = app.session
        yield "Switch player", f"Playing as {session.player}", screen.action_player
        state = "off" if session.confidence else "on"
        yield (
            f"Confidence mode {state}",
            "Say how sure you are of each answer",
            (screen.action_confidence),
        )
        for length in ROUND_LENGTHS:
            if length != session.round_length:
                yield (
                    f"Round length: {length_label(length)}",
                    "How many questions the next rounds ask (remembered)",
                    partial(session.set_round_length, length),
                )
        yield "Scores", "How you are doing, pack by pack", screen.action_scores
        for entry in session.library.packs():
            if entry.pack is not None:
                help_text = f"{len(entry.pack.questions)} questions"
                start = partial(app.start_new, entry.pack, review=False)
                yield f"Play {entry.pack.title}", help_text, start

    async def discover(self) -> Hits:
        """Every command, before anything is typed."""
        for name, help_text, run in self.commands():
            yield DiscoveryHit(Content(name), run, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        """The commands whose names match what is typed."""
        matcher = self.matcher(query)
        for name, help_text, run in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, text=name, help=help_text)
