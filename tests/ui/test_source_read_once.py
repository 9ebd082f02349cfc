"""A round reads its pack's source text from disk once, however it starts."""

from __future__ import annotations

import pytest
from ui_helpers import highlight_pack

from quiz.app import QuizApp
from quiz.screens.play import PlayScreen
from quiz.screens.reader import ReaderScreen
from quiz.screens.start import StartScreen
from quiz.store.library import Library, LoadedArticle


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The packs whose source text was read, one entry per read."""
    seen: list[str] = []
    article = Library.article

    def counted(self: Library, pack) -> LoadedArticle:
        seen.append(pack.id)
        return article(self, pack)

    monkeypatch.setattr(Library, "article", counted)
    return seen


async def test_starting_from_home_through_the_dialog_reads_the_text_once(make_app, reads):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await highlight_pack(pilot, "iran-quds-force-iraq")  # a newcomer starts on the tutorial
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("r")  # read first: the same text, not read again
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.screen.article is not None
    assert reads == ["iran-quds-force-iraq"]


async def test_a_closed_book_round_on_the_command_line_reads_the_text_once(make_session, reads):
    session = make_session()
    pack = session.library.find_pack("iran-quds-force-iraq")
    app = QuizApp(session, start=session.start_round(pack, seed=2, count=1, closed_book=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.screen.article is not None
    assert reads == ["iran-quds-force-iraq"]
