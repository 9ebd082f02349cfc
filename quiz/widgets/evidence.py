"""The quoted evidence for a question, with its source and where each quote is in it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quiz.model.article import Article
from quiz.model.pack import Source
from quiz.model.wording import quoted


def quote_content(quote: str, article: Article | None = None) -> Content:
    """One quote in quotation marks (marked once), and where it is in the source.

    Args:
        quote: Untrusted text, shown literally.
        article: The source text, to say where the quote is (``paragraph 4``);
            the place is a link that shows the paragraph in the reader.
    """
    parts: list[str | tuple[str, str]] = [(quoted(quote), "italic")]
    passage = article.locate(quote) if article is not None else None
    if passage is not None and article is not None:
        place = article.label(passage.paragraph)
        parts += [
            " \u2014 ",
            (place, f"underline @click=screen.read_paragraph({passage.paragraph})"),
        ]
    return Content.assemble(*parts)


class EvidencePanel(Vertical):
    """Shows the quotes that settle a question, each on lines of its own.

    The quotes share one indented widget, each from a new line, so a quote that
    wraps keeps its indent on every line.
    """

    DEFAULT_CSS = """
    EvidencePanel {
        height: auto;
        padding: 0 1;
        margin: 1 0 0 0;
        border-left: outer $accent;
    }
    EvidencePanel > .title {
        text-style: bold;
    }
    EvidencePanel > .quotes {
        padding: 0 0 0 2;
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
            source: The pack's source, cited under the quotes.
            article: The source text, to say where each quote is.
            id: The widget's id.
        """
        super().__init__(id=id)
        self.quotes = quotes
        self.source = source
        self.article = article

    def compose(self) -> ComposeResult:
        """A heading that cites the source, then the quotes."""
        title = Content("Evidence")
        if self.source is not None:
            # The publisher alone keeps the heading on one line; the reader shows the title.
            cited = self.source.publisher or self.source.title
            title = Content.assemble(title, ("  \u00b7  " + cited, "not bold $text-muted"))
        yield Static(title, classes="title", markup=False)
        if self.quotes:
            quotes = Content("\n").join(quote_content(quote, self.article) for quote in self.quotes)
            yield Static(quotes, classes="quotes", markup=False)

    @property
    def text(self) -> str:
        """Everything the panel says, as plain text."""
        return "\n".join(str(static.render()) for static in self.query(Static))
