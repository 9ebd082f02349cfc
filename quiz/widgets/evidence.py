"""The quoted evidence for a question, with its source."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quiz.model.pack import Source


def evidence_content(quotes: tuple[str, ...], source: Source | None) -> Content:
    """Build the evidence as plain content: each quote in quotation marks, then the source.

    Args:
        quotes: The quotes, untrusted text shown literally.
        source: Where they come from, if the pack says.

    Returns:
        Content with no markup interpreted.
    """
    parts: list[str | tuple[str, str] | Content] = [("Evidence", "bold")]
    for quote in quotes:
        parts.extend(["\n  \u201c", (quote, "italic"), "\u201d"])
    if source is not None:
        parts.extend(["\n  \u2014 ", (source.describe(), "dim")])
    return Content.assemble(*parts)


class EvidencePanel(Static):
    """Shows the quotes that settle a question."""

    DEFAULT_CSS = """
    EvidencePanel {
        height: auto;
        padding: 0 1;
        margin: 1 0 0 0;
        border-left: outer $accent;
    }
    """

    def __init__(
        self, quotes: tuple[str, ...], source: Source | None, *, id: str | None = None
    ) -> None:
        """Create the panel.

        Args:
            quotes: The quotes.
            source: The pack's source.
            id: The widget's id.
        """
        super().__init__(evidence_content(quotes, source), id=id, markup=False)
