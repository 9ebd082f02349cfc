"""The footer of every screen: its keys, with ``?`` held at the right edge.

Textual's footer lists the screen's keys before the app's, and cuts what does
not fit: on a terminal of 60 columns ``?`` (the keys of this screen, and the
scoring rules) fell off the end. Here it is docked right in place of the command
palette's key (which follows the screen's keys; the help names it), so a
newcomer can always find it.

Textual's footer remakes its keys whenever the bindings change (after every
answer), and each key it makes watches the footer's ``compact`` setting.
Textual forgets the watchers of removed keys only when that setting changes,
which in this game it never does: every old key would stay in memory with its
render caches, and the garbage collector's full passes would grow slower with
every answer. After each remake the footer says the setting changed, which
makes Textual let the old keys go.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

HELP_KEY = "question_mark"


class QuizFooter(Footer):
    """A footer that always shows ``?``."""

    DEFAULT_CSS = """
    QuizFooter FooterKey.-help {
        dock: right;
        border-left: vkey $foreground 20%;
    }
    QuizFooter FooterKey.-command-palette {
        dock: none;
        border-left: none;
    }
    """

    async def recompose(self) -> None:
        """Remake the keys, then let the removed ones go (see the module docstring)."""
        await super().recompose()
        self.mutate_reactive(Footer.compact)

    def compose(self) -> ComposeResult:
        """Textual's keys, the help key marked to stay in view."""
        for widget in super().compose():
            if getattr(widget, "key", None) == HELP_KEY:
                widget.add_class("-help")
            yield widget
