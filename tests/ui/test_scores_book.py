"""The scores screen's book filter: every round, open-book rounds only, closed-book only."""

from __future__ import annotations

from quiz.screens.scores import ScoresScreen

SIZE = (100, 40)


def shown(screen: ScoresScreen) -> str:
    return " ".join(str(widget.render()) for widget in screen.query("Static"))


async def test_b_cycles_all_open_and_closed_book_rounds(make_app, clock):
    app = make_app()
    session = app.session
    pack = session.library.find_pack("iran-quds-force-iraq")
    for seed, closed_book in ((1, False), (2, True), (3, False)):
        play = session.start_round(pack, seed=seed, count=2, closed_book=closed_book)
        while (question := play.current) is not None:
            clock.advance(20)
            session.answer(play, question.answer)
        session.finish(play)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = ScoresScreen(session)
        await app.push_screen(screen)
        await pilot.pause()
        assert screen.closed_book is None
        text = shown(screen)
        assert "Scores of ana" in text and "rounds only" not in text
        assert [r.closed_book for r in screen.scores.history] == [False, True, False]

        await pilot.press("b")
        await pilot.pause()
        assert screen.closed_book is False
        assert "Scores of ana, open-book rounds only" in shown(screen)
        assert [r.closed_book for r in screen.scores.history] == [False, False]

        await pilot.press("b")
        await pilot.pause()
        assert screen.closed_book is True
        assert "Scores of ana, closed-book rounds only" in shown(screen)
        assert [r.closed_book for r in screen.scores.history] == [True]

        # The filter holds when switching to everyone, and b comes back to all rounds.
        await pilot.press("a")
        await pilot.pause()
        assert "Scores of everyone, closed-book rounds only" in shown(screen)
        await pilot.press("b")
        await pilot.pause()
        assert screen.closed_book is None
        assert len(screen.scores.history) == 3 and "rounds only" not in shown(screen)
        assert [b.id for b in ScoresScreen.BINDINGS if b.key == "b"] == ["scores.book"]


async def test_no_closed_book_rounds_yet_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = ScoresScreen(app.session)
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.press("b", "b")
        await pilot.pause()
        assert "No finished closed-book rounds yet" in shown(screen)
