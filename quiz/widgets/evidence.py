"""The quoted evidence for a question, with its source and where each quote is in it."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quiz.model.article import Article
from quiz.model.pack import Source


def evidence_content(
    quotes: tuple[str, ...], source: Source | None, article: Article | None = None
) -> Content:
    """Build the evidence as plain content: each quote in quotation marks, then the source.

    Args:
        quotes: The quotes, untrusted text shown literally.
        source: Where they come from, if the pack says.
        article: The source text, to say where each quote is (``paragraph 4``);
            the place is a link that shows the paragraph in the reader.

    Returns:
        Content with no markup interpreted.
    """
    parts: list[str | tuple[str, str] | Content] = [("Evidence", "bold")]
    for quote in quotes:
        parts.extend(["\n  \u201c", (quote, "italic"), "\u201d"])
        passage = article.locate(quote) if article is not None else None
        if passage is not None and article is not None:
            place = article.label(passage.paragraph)
            parts.extend(
                [
                    " \u2014 ",
                    (place, f"underline @click=screen.read_paragraph({passage.paragraph})"),
                ],
            )
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
        self,
        quotes: tuple[str, ...],
        source: Source | None,
        *,
        article: Article | None = None,
        id: str | None = None,
    ) -> None:
        """Create the panel.

        Args:
            quotes: The quotes.
            source: The pack's source.
            article: The source text, to say where each quote is.
            id: The widget's id.
        """
        super().__init__(evidence_content(quotes, source, article), id=id, markup=False)
