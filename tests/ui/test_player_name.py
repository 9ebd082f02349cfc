"""The name a browser tab of ``quiz serve`` asks for first: cleaned, locked, refused when taken."""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import Input, Static

from quiz.app import QuizApp
from quiz.screens.home import HomeScreen
from quiz.screens.player_name import PlayerNameScreen
from quiz.session import Session
from quiz.store import lock, paths

BUILTIN = Path(__file__).resolve().parents[2] / "questions"
PACK_ID = "iran-quds-force-iraq"


def tab_app(folder: Path, assignment: str | None = None) -> QuizApp:
    session = Session(folder, builtin_dir=BUILTIN, defer_loading=True)
    pack = session.library.find_pack(assignment) if assignment else None
    return QuizApp(session, ask_player=True, assignment=pack)


async def test_the_name_is_asked_first_and_cleaned(tmp_path: Path) -> None:
    app = tab_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, PlayerNameScreen)
        assert not (tmp_path / "players").exists()  # nobody's file is touched before a name
        app.screen.query_one(Input).value = "  Ana\x1b[31m  "
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session.player == "Ana[31m"
        assert app.session.exclusive
    app.session.close()
    assert paths.player_path(tmp_path, "Ana[31m").exists()


async def test_an_empty_name_is_refused_in_words(tmp_path: Path) -> None:
    app = tab_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayerNameScreen)
        refusal = app.screen.query_one("#player-name-refusal", Static)
        assert "Type a name first" in str(refusal.content)


async def test_a_name_already_playing_is_refused(tmp_path: Path) -> None:
    (tmp_path / "players").mkdir()
    held = lock.hold(paths.player_path(tmp_path, "ana"), "ana")
    try:
        app = tab_app(tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("a", "n", "a", "enter")
            await pilot.pause()
            assert isinstance(app.screen, PlayerNameScreen)
            refusal = str(app.screen.query_one("#player-name-refusal", Static).content)
            assert "ana is already playing in another tab or terminal" in refusal
            app.screen.query_one(Input).value = "ben"
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert app.session.player == "ben"
        app.session.close()
    finally:
        os.close(held)


async def test_an_assignment_goes_straight_to_its_pack(tmp_path: Path) -> None:
    app = tab_app(tmp_path, PACK_ID)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Today's pack" in str(app.screen.query(Static).first().content)
        await pilot.press("c", "y", "enter")
        await pilot.pause()
        await pilot.pause()
        # The built-in pack has a source text: its start screen offers to read it first.
        assert type(app.screen).__name__ == "StartScreen"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PlayScreen"
        assert app.session.progress.current is not None
    app.session.close()


async def test_a_tab_changes_nothing_in_the_machines_settings(tmp_path: Path) -> None:
    app = tab_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("z", "o", "e", "enter")
        await pilot.pause()
        await pilot.press("c")  # confidence mode on, for this game
        await pilot.pause()
        assert app.session.confidence
    assert app.session.close()
    assert not (tmp_path / "settings.toml").exists()
