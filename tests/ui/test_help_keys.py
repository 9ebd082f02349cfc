"""The help lists the keys a screen explains itself before its bindings."""

from __future__ import annotations

from quiz.app import same_key
from quiz.screens.help import HelpScreen


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
