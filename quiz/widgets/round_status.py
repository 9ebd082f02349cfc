"""The line above a question: where the player is and how they are doing."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static


class RoundStatus(Static):
    """Question number, score and streak, updated as the round goes."""

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
    score: reactive[int] = reactive(0)
    """Points so far."""
    streak: reactive[int] = reactive(0)
    """Current run of right answers."""
    mode: reactive[str] = reactive("")
    """How the round is played, such as ``Review``; empty for a plain round."""

    def render(self) -> Content:
        """One line of plain facts."""
        parts: list[str | tuple[str, str]] = [
            (f"Question {min(self.number, self.total)} of {self.total}", "bold"),
            f"   Score {self.score}",
        ]
        if self.streak > 1:
            parts.append(f"   Streak {self.streak}")
        if self.mode:
            parts.append((f"   {self.mode}", "italic"))
        return Content.assemble(*parts)
