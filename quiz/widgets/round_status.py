"""The line above a question: where the player is and how they are doing."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

BAR_WIDTH = (10, 30)
"""The progress bar's narrowest and widest, in cells."""


def progress_bar(done: int, total: int, width: int) -> Content:
    """A bar of ``width`` cells, the share of ``done`` out of ``total`` filled.

    The filled and the empty part differ in shape as well as colour, so the bar
    reads without colour too.
    """
    filled = 0 if total <= 0 else round(width * min(done, total) / total)
    return Content.assemble(
        ("\u2501" * filled, "$accent"), ("\u2500" * (width - filled), "$foreground 30%")
    )


class RoundStatus(Static):
    """Question number, a progress bar, score and streak, updated as the round goes."""

    DEFAULT_CSS = """
    RoundStatus {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    """

    number: reactive[int] = reactive(1)
    """The 1-based number of the question being asked."""
    total: reactive[int] = reactive(0)
    """How many questions the round asks."""
    answered: reactive[int] = reactive(0)
    """How many questions have been answered: the filled part of the bar."""
    score: reactive[int] = reactive(0)
    """Points so far."""
    streak: reactive[int] = reactive(0)
    """Current run of right answers."""
    mode: reactive[str] = reactive("")
    """How the round is played, such as ``Review``; empty for a plain round."""

    def render(self) -> Content:
        """One line: the question number, the bar, the score, the streak and the mode."""
        heading = f"Question {min(self.number, self.total)} of {self.total}"
        facts: list[str | tuple[str, str]] = [f"   Score {self.score}"]
        if self.streak > 1:
            facts.append((f"   Streak {self.streak}", "bold $text-success"))
        if self.mode:
            facts.append((f"   {self.mode}", "italic"))
        text = Content.assemble((heading, "bold"), *facts)
        # The bar takes what the facts leave, within bounds; a narrow line keeps the facts.
        room = self.content_size.width - text.cell_length - 2
        width = min(max(room, 0), BAR_WIDTH[1])
        if width < BAR_WIDTH[0]:
            return text
        bar = progress_bar(self.answered, self.total, width)
        return Content.assemble((heading, "bold"), "  ", bar, *facts)
