"""The pack's source text, to read beside the question or on a screen of its own."""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from quiz.model.article import Article, Passage

HIGHLIGHT = "bold reverse"
"""How an evidence quote stands out in the text: reversed, so it shows in every theme,
the ANSI ones included."""


def paragraph_content(article: Article, index: int, passages: Iterable[Passage] = ()) -> Content:
    """One paragraph as plain content, its number in front and quotes in it highlighted.

    Args:
        article: The source.
        index: The paragraph's index in the article.
        passages: Evidence to highlight; spans in other paragraphs are ignored.

    Returns:
        Content with no markup interpreted.
    """
    paragraph = article.paragraphs[index]
    body = Content(paragraph.text)
    for passage in passages:
        for span in passage.spans:
            if span.paragraph == index:
                body = body.stylize(HIGHLIGHT, span.start, span.end)
    if paragraph.heading:
        return body.stylize("bold")
    return Content.assemble((f"{paragraph.number}. ", "dim"), body)


class ReaderParagraph(Static):
    """One paragraph of the source, clickable when it holds evidence."""

    DEFAULT_CSS = """
    ReaderParagraph {
        height: auto;
        margin: 0 0 1 0;
        padding: 0 0 0 1;
        border-left: blank;
    }
    ReaderParagraph.-heading {
        text-style: bold;
    }
    ReaderParagraph.-marked {
        border-left: thick $warning;
        background: $warning 10%;
    }
    ReaderParagraph.-evidence {
        border-left: thick $success;
    }
    """

    def __init__(self, content: Content, index: int, *, heading: bool) -> None:
        """Create the paragraph.

        Args:
            content: What it shows.
            index: Its index in the article.
            heading: Whether it is a heading.
        """
        super().__init__(content, markup=False, classes="-heading" if heading else "")
        self.index = index


class SourceReader(VerticalScroll):
    """The whole source, scrollable by keyboard and mouse, with evidence highlighted.

    The border's subtitle shows how far the reader has scrolled, as a
    reader of a long article in a terminal expects.
    """

    DEFAULT_CSS = """
    SourceReader {
        border: round $foreground 30%;
        border-title-color: $text-muted;
        border-subtitle-color: $text-muted;
        padding: 0 1;
    }
    SourceReader:focus {
        border: round $accent;
    }
    """

    class PassageClicked(Message):
        """A paragraph holding evidence was clicked."""

        def __init__(self, index: int) -> None:
            """Create the message.

            Args:
                index: The paragraph's index in the article.
            """
            super().__init__()
            self.index = index

    def __init__(self, article: Article, title: str, *, id: str | None = None) -> None:
        """Create the reader.

        Args:
            article: The source text.
            title: The source's citation, shown in the border.
            id: The widget's id.
        """
        super().__init__(id=id)
        self.article = article
        self.border_title = title
        self.passages: list[Passage] = []
        self.marked: tuple[int, ...] = ()
        self._paragraphs = [
            ReaderParagraph(paragraph_content(article, index), index, heading=paragraph.heading)
            for index, paragraph in enumerate(article.paragraphs)
        ]

    def compose(self) -> ComposeResult:
        """A widget per paragraph."""
        yield from self._paragraphs

    def on_mount(self) -> None:
        """Show the position from the start."""
        self._show_position()

    def watch_scroll_y(self, old: float, new: float) -> None:
        """Keep the position in the border up to date."""
        super().watch_scroll_y(old, new)
        self._show_position()

    def on_resize(self) -> None:
        """The position depends on how much fits."""
        self._show_position()

    def on_focus(self) -> None:
        """The keys that scroll work now: say so."""
        self._show_position()

    def on_blur(self) -> None:
        """The keys that scroll no longer reach the reader."""
        self._show_position()

    def _show_position(self) -> None:
        if self.max_scroll_y <= 0:
            self.border_subtitle = "all shown"
            return
        percent = round(100 * self.scroll_y / self.max_scroll_y)
        keys = "\u2191\u2193 PgUp PgDn Home End" if self.has_focus else "r to scroll"
        self.border_subtitle = f"{percent} % \u00b7 {keys}"

    def show(self, passages: list[Passage], marked: tuple[int, ...] = ()) -> None:
        """Highlight evidence and mark paragraphs, replacing what was shown before.

        Args:
            passages: Quotes to highlight word for word.
            marked: Paragraphs to mark as a whole, without highlighting words.
        """
        touched = {span.paragraph for passage in self.passages for span in passage.spans}
        touched.update(self.marked)
        self.passages = passages
        self.marked = marked
        evidence = {span.paragraph for passage in passages for span in passage.spans}
        touched.update(evidence, marked)
        for index in touched:
            paragraph = self._paragraphs[index]
            paragraph.update(paragraph_content(self.article, index, passages))
            paragraph.set_class(index in evidence, "-evidence")
            paragraph.set_class(index in marked, "-marked")

    def clear(self) -> None:
        """Remove every highlight and mark."""
        self.show([], ())

    def scroll_to_paragraph(self, index: int) -> None:
        """Bring a paragraph into view, near the top so what follows it shows too."""
        if 0 <= index < len(self._paragraphs):
            self.scroll_to_widget(self._paragraphs[index], animate=False, top=True)

    def on_click(self, event: events.Click) -> None:
        """A click on a paragraph with evidence says so to the screen."""
        widget = event.widget
        if isinstance(widget, ReaderParagraph) and (
            widget.has_class("-evidence") or widget.has_class("-marked")
        ):
            self.post_message(self.PassageClicked(widget.index))
