"""Every dialog shows its own keys in its footer, Enter included where Enter answers."""

from __future__ import annotations

from quiz.screens.ask import AskScreen
from quiz.screens.confirm import ConfirmScreen
from quiz.screens.start import StartScreen


def footer_keys(app) -> set[tuple[str, str]]:
    """The keys the footer shows: the focused widget's binding of a key hides the screen's."""
    return {
        (key, active.binding.description)
        for key, active in app.screen.active_bindings.items()
        if active.binding.show
    }


async def test_the_start_dialog_offers_enter_to_start(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert {("enter", "Start"), ("r", "Read the article first"), ("escape", "Back")} <= (
            footer_keys(app)
        )
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.progress.current is not None  # Enter started the round


async def test_a_question_shows_yes_and_no_below(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(ConfirmScreen("Sure?"))
        await pilot.pause()
        assert {("y", "Yes"), ("n", "No")} <= footer_keys(app)


async def test_a_text_question_shows_enter_and_escape(make_app):
    app = make_app()
    answers: list[str | None] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(AskScreen("Who is playing?", "ana"), answers.append)
        await pilot.pause()
        assert {("enter", "OK"), ("escape", "Cancel")} <= footer_keys(app)
        await pilot.press("end", "x", "enter")
        await pilot.pause()
    assert answers == ["anax"]
