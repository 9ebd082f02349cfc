"""Every dialog shows its own keys in its footer, Enter included where Enter answers."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from textual.widgets._footer import FooterKey

from quiz.screens.ask import AskScreen
from quiz.screens.confirm import ConfirmScreen
from quiz.screens.help import HelpScreen
from quiz.screens.player_name import PlayerNameScreen
from quiz.screens.start import StartScreen
from quiz.widgets.footer import QuizFooter


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


def pinned_help_key(app) -> list[str]:
    """The descriptions of the footer keys held at the right edge: ``?`` and nothing else."""
    footers = app.screen.query(QuizFooter)
    assert len(footers) == 1, f"{type(app.screen).__name__} has no game footer"
    return [key.description for key in footers.first().query(FooterKey) if key.has_class("-help")]


async def test_every_dialog_keeps_the_help_key_in_its_footer(make_app):
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert pinned_help_key(app) == ["Keys"]
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(ConfirmScreen("Sure?"))
        await pilot.pause()
        assert pinned_help_key(app) == ["Keys"]
        await pilot.press("escape")
        await pilot.pause()
        # While a text box has the focus the footer leaves out the keys that type, ? too;
        # the footer is still the game's.
        app.push_screen(AskScreen("Who is playing?", "ana"))
        await pilot.pause()
        assert pinned_help_key(app) == []
        assert ("escape", "Cancel") in footer_keys(app)


async def test_the_help_has_the_game_footer_and_names_the_command_palette(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        pinned_help_key(app)  # the game's footer, with the keys that close the help
        assert ("escape", "Close") in footer_keys(app)
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Ctrl+P opens the command palette" in text
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_the_name_asked_first_keeps_the_help_key_in_its_footer(tmp_path):
    from quiz.app import QuizApp
    from quiz.session import Session

    builtin = Path(__file__).resolve().parents[2] / "questions"
    app = QuizApp(Session(tmp_path, builtin_dir=builtin, defer_loading=True), ask_player=True)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayerNameScreen)
        # The game's footer; the name box has the focus, so it leaves out ? as it types.
        assert pinned_help_key(app) == []
