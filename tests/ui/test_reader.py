"""Reading the source: beside the question, on its own screen, highlighted, closed book."""

from __future__ import annotations

from pathlib import Path

from ui_helpers import answer, highlight_pack, play_through

from quiz.app import QuizApp
from quiz.screens.home import HomeScreen
from quiz.screens.play import PlayScreen
from quiz.screens.reader import ReaderScreen
from quiz.screens.results import ResultsScreen
from quiz.screens.start import StartScreen
from quiz.widgets.evidence import EvidencePanel
from quiz.widgets.reader import ReaderParagraph, SourceReader

ROOT = Path(__file__).resolve().parents[2] / "questions"
WIDE = (120, 40)
NARROW = (80, 24)


def _reader(screen) -> SourceReader:
    return screen.query_one(SourceReader)


def _paragraph(reader: SourceReader, index: int) -> ReaderParagraph:
    return next(p for p in reader.query(ReaderParagraph) if p.index == index)


async def test_a_wide_terminal_shows_the_source_beside_the_question(make_app):
    app = make_app(seed=0, count=3)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen) and screen.wide
        reader = _reader(screen)
        body = screen.query_one("#body")
        assert reader.display and reader.region.width > 40
        assert reader.region.x >= body.region.right  # beside, not below
        shown = str(_paragraph(reader, 0).render())
        assert "Iran Orders Elite Troops" in shown
        assert "%" in reader.border_subtitle or reader.border_subtitle == "all shown"


async def test_after_an_answer_the_evidence_is_highlighted_and_scrolled_to(make_app):
    app = make_app(seed=3, count=3)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        question = screen.play.current
        await answer(pilot, right=False)
        await pilot.pause()
        reader = _reader(screen)
        expected = screen.article.locate_all(question.evidence)
        assert reader.passages == expected and expected
        first = expected[0].paragraph
        paragraph = _paragraph(reader, first)
        assert paragraph.has_class("-evidence")
        assert reader.scrollable_content_region.contains_region(paragraph.region) or (
            paragraph.region.y <= reader.scrollable_content_region.y + 1
        )
        feedback = " ".join(panel.text for panel in screen.query(EvidencePanel))
        assert screen.article.label(first) in feedback
        # The next question clears the highlight.
        await pilot.press("enter")
        await pilot.pause()
        assert reader.passages == [] and not paragraph.has_class("-evidence")


async def test_r_moves_the_focus_to_the_source_and_back_on_a_wide_terminal(make_app):
    app = make_app(seed=0, count=3)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        await pilot.press("r")
        await pilot.pause()
        reader = _reader(screen)
        assert reader.has_focus
        await pilot.press("end")
        await pilot.pause()
        assert reader.scroll_y == reader.max_scroll_y > 0
        assert reader.border_subtitle.startswith("100 %")
        await pilot.press("home")
        await pilot.pause()
        assert reader.scroll_y == 0
        await pilot.press("r")
        await pilot.pause()
        assert not reader.has_focus


async def test_a_narrow_terminal_reads_the_source_on_its_own_screen(make_app):
    app = make_app(seed=3, count=3)
    async with app.run_test(size=NARROW) as pilot:
        screen = app.screen
        assert not screen.wide and not _reader(screen).display
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        reader = _reader(app.screen)
        assert "Iran Orders Elite Troops" in str(_paragraph(reader, 0).render())
        await pilot.press("pagedown")
        await pilot.pause()
        assert reader.scroll_y > 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.answering
        question = screen.play.current
        await answer(pilot, right=False)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.passages == screen.article.locate_all(question.evidence)
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is screen


async def test_the_layout_follows_the_terminal_width(make_app):
    app = make_app(seed=0, count=3)
    async with app.run_test(size=NARROW) as pilot:
        screen = app.screen
        assert not screen.wide
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert screen.wide and _reader(screen).display
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert not screen.wide


async def test_clicking_a_highlighted_passage_brings_the_explanation_into_view(make_app):
    app = make_app(seed=3, count=3)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        await answer(pilot, right=False)
        await pilot.pause()
        reader = _reader(screen)
        first = reader.passages[0].paragraph
        body = screen.query_one("#body")
        body.scroll_home(animate=False)
        await pilot.click(_paragraph(reader, first))
        await pilot.pause()
        feedback = screen.query_one("#feedback")
        assert body.scrollable_content_region.overlaps(feedback.region)


async def test_closed_book_hides_the_source_during_the_round_and_shows_it_after(make_session):
    session = make_session()
    pack = session.library.find_pack("iran-quds-force-iraq")
    play = session.start_round(pack, seed=2, count=2, closed_book=True)
    app = QuizApp(session, start=play)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")  # past the text, readable before the first question
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        assert not screen.wide and not _reader(screen).display
        assert screen.check_action("read", ()) is False
        assert screen.check_action("check_source", ()) is False
        await pilot.press("r", "s")
        await pilot.pause()
        assert app.screen is screen and not screen.play.checked_current
        await play_through(pilot, [True])
        await answer(pilot, right=False)
        await pilot.pause()
        # The round is over: the source and its highlighted evidence are back.
        assert screen.wide and _reader(screen).display and _reader(screen).passages
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen) and app.screen.record.closed_book
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.passages


async def test_home_offers_to_read_first_and_closed_book(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("c", "r")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.before_round
        assert app.session.progress.current is None  # reading first starts nothing
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.play.mode.closed_book


async def test_backing_out_of_the_start_dialog_or_the_reading_starts_nothing(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter", "r")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("r")  # the key that opened the text does not leave it
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("escape")  # back to the choice, not past it
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session.progress.current is None


async def test_a_double_press_on_the_start_dialog_does_not_check_the_source(make_app):
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "enter", "s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        # "s" is check the source on the question, never a key of the start dialog.
        start = StartScreen(screen.play.pack)
        assert "s" not in {binding.key for binding in start.BINDINGS}


async def test_r_twice_on_a_number_question_gives_the_keys_back_to_the_number(make_app):
    app = make_app(seed=4, count=2)
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert screen.play.current.kind == "number"
        await pilot.press("r", "r")
        await pilot.pause()
        await pilot.press(*screen.play.current.answer, "enter")
        await pilot.pause()
        assert screen.outcome is not None and screen.outcome.correct


async def test_play_again_after_closed_book_stays_closed_book(make_session):
    session = make_session()
    pack = session.library.find_pack("iran-quds-force-iraq")
    app = QuizApp(session, start=session.start_round(pack, seed=2, count=1, closed_book=True))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await play_through(pilot, [True])
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.screen.play.mode.closed_book


async def test_a_short_terminal_keeps_the_pack_list_and_the_start_dialog_scrolls(make_app):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("OptionList")
        assert options.region.height >= 3
        assert not app.screen.query_one("#detail").display
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_home_describes_the_highlighted_pack_and_its_source(make_app):
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await highlight_pack(pilot, "iran-quds-force-iraq")
        detail = str(app.screen.query_one("#detail").render())
        assert "Fact-check claims against one news report" in detail
        assert "Iran Orders Elite Troops" in detail and "The Daily Beast" in detail


def _pack_copy(tmp_path: Path, *, text: str | None) -> Path:
    """The built-in pack in a folder of its own, with another source text or none."""
    folder = tmp_path / "packs"
    folder.mkdir()
    pack = (ROOT / "iran-quds-force-iraq.toml").read_text("utf-8")
    if text is None:
        pack = pack.replace('text = "iran-quds-force-iraq.txt"\n', "")
    else:
        (folder / "iran-quds-force-iraq.txt").write_text(text, "utf-8")
    (folder / "iran-quds-force-iraq.toml").write_text(pack, "utf-8")
    return folder


async def test_a_pack_without_a_source_text_still_quotes_the_evidence(make_app, tmp_path):
    app = make_app(seed=5, count=2, builtin_dir=_pack_copy(tmp_path, text=None))
    async with app.run_test(size=WIDE) as pilot:
        screen = app.screen
        assert screen.article is None and not screen.query(SourceReader)
        assert screen.check_action("read", ()) is False
        question = screen.play.current
        await pilot.press("s")
        await pilot.pause()
        panel = screen.query_one("#evidence", EvidencePanel)
        assert question.evidence[0][:30] in panel.text.replace("\n", " ")


async def test_an_unreadable_source_text_is_reported_and_the_round_goes_on(make_app, tmp_path):
    folder = _pack_copy(tmp_path, text="x")
    (folder / "iran-quds-force-iraq.txt").write_bytes(b"\xff\xfe not UTF-8")
    app = make_app(seed=5, count=2, builtin_dir=folder)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen) and screen.article is None
        messages = [n.message for n in app._notifications]
        assert any("iran-quds-force-iraq.txt" in m and "UTF-8" in m for m in messages)
        await play_through(pilot, [True, True])
        assert isinstance(app.screen, ResultsScreen)


async def test_source_text_is_never_markup_and_loses_its_control_characters(make_app, tmp_path):
    hostile = "# [bold red]Head[/]\n\nBody \x1b]0;pwned\x07 [link=http://x]click[/link]\n"
    app = make_app(seed=5, count=2, builtin_dir=_pack_copy(tmp_path, text=hostile))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        reader = _reader(app.screen)
        head, body = (str(p.render()) for p in reader.query(ReaderParagraph))
        assert head == "[bold red]Head[/]"
        assert "\x1b" not in body and "\x07" not in body and "[link=http://x]click[/link]" in body


async def test_quiz_play_closed_book_opens_on_the_text_then_hides_it(make_session):
    session = make_session()
    pack = session.library.find_pack("iran-quds-force-iraq")
    app = QuizApp(session, start=session.start_round(pack, seed=2, count=2, closed_book=True))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.before_round
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.screen.closed_book
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


def closed_book_app(make_session) -> QuizApp:
    """A game that starts a closed-book round of two questions of the built-in pack."""
    session = make_session()
    pack = session.library.find_pack("iran-quds-force-iraq")
    return QuizApp(session, start=session.start_round(pack, seed=2, count=2, closed_book=True))


async def into_the_round(pilot) -> PlayScreen:
    """Past the text, readable before the first question of a closed-book round."""
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen) and screen.closed_book
    return screen


def closed_book_notes(app: QuizApp) -> list[str]:
    """The notices shown so far that say the book is closed."""
    return [n.message for n in app._notifications if "Closed book" in n.message]


async def test_r_in_a_closed_book_round_says_the_source_is_closed_and_opens_nothing(
    make_session,
):
    app = closed_book_app(make_session)
    async with app.run_test(size=NARROW) as pilot:
        screen = await into_the_round(pilot)
        footer_keys = {a.binding.key for a in app.active_bindings.values() if a.binding.show}
        assert "r" not in footer_keys  # the footer does not offer the closed source
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is screen and not screen.wide
        assert closed_book_notes(app) == ["Closed book: the source shows again when the round ends"]
        await answer(pilot, right=False)  # the feedback of a question before the last
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is screen and len(closed_book_notes(app)) == 2
        await pilot.press("enter")
        await pilot.pause()
        await answer(pilot, right=False)  # the last answer: the book opens again
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and len(closed_book_notes(app)) == 2


async def test_r_in_an_open_book_round_reads_without_a_closed_book_notice(make_app):
    app = make_app(seed=5, count=2)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert closed_book_notes(app) == []


async def test_s_in_a_closed_book_round_says_the_source_is_closed_and_checks_nothing(
    make_session,
):
    app = closed_book_app(make_session)
    async with app.run_test(size=NARROW) as pilot:
        screen = await into_the_round(pilot)
        footer_keys = {a.binding.key for a in app.active_bindings.values() if a.binding.show}
        assert "s" not in footer_keys  # the footer does not offer checking the source
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is screen and not screen.play.checked_current
        assert closed_book_notes(app) == ["Closed book: the source shows again when the round ends"]
        await answer(pilot, right=False)
        await pilot.press("s")  # nothing to check once answered: no second notice
        await pilot.pause()
        assert len(closed_book_notes(app)) == 1
