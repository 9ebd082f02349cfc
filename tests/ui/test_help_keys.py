"""The help lists the keys a screen explains itself before its bindings."""

from __future__ import annotations

from quiz.app import same_key
from quiz.screens.help import HelpScreen
from quiz.screens.play import PlayScreen


async def test_the_help_of_a_question_starts_with_the_screens_own_keys(make_app):
    app = make_app(seed=1, count=2)
    async with app.run_test(size=(100, 30)) as pilot:
        own = app.screen.help_keys()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert own and list(app.screen.keys)[: len(own)] == own


async def test_each_close_key_closes_the_help(make_app):
    app = make_app(seed=1, count=2)
    async with app.run_test(size=(100, 30)) as pilot:
        under = app.screen
        for key in ("question_mark", "escape", "q"):
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert app.screen.query_one("#dialog").size.width <= 80
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is under, key


async def test_the_help_lists_each_key_once(make_app):
    app = make_app(seed=1, count=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        labels = [same_key(key) for key, _ in app.screen.keys]
        assert len(labels) == len(set(labels)), app.screen.keys


async def test_the_help_on_the_confidence_pad_lists_each_key_once(make_app):
    app = make_app(seed=1, count=2)
    app.session.set_confidence(True)
    app.start = app.session.start_round(app.start.pack, seed=1, count=2)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        question = screen.play.current
        assert question is not None
        if question.kind == "number":
            await pilot.press(*str(question.answer).replace(".", ""), "enter")
        else:
            await pilot.press("1")
        await pilot.pause()
        assert screen.pending is not None  # asking how sure
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        labels = [same_key(key) for key, _ in app.screen.keys]
        assert len(labels) == len(set(labels)), app.screen.keys
        sure = [description for _, description in app.screen.keys if "sure" in description]
        assert len(sure) == 1, sure
