"""``quiz play PACK`` with a round left unfinished asks first, as the home screen does:
resume it, start the new round, or cancel with nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from quiz.app import build_app
from quiz.screens.confirm import ConfirmScreen
from quiz.screens.play import PlayScreen
from quiz.session import Session

SIZE = (100, 30)
PACK_ID = "iran-quds-force-iraq"


@pytest.fixture
def left(tmp_path: Path) -> Path:
    """A data folder whose player left a round of the built-in pack after one answer."""
    data = tmp_path / "data"
    session = Session(data, exclusive=True, player="ana")
    play = session.start_round(session.library.find_pack(PACK_ID), seed=5, count=6)
    assert play.current is not None
    session.answer(play, play.current.answer)
    session.leave(play)
    assert session.close()
    return data


def question(app) -> str:
    assert isinstance(app.screen, ConfirmScreen)
    return str(app.screen.query_one(Static).render())


async def test_resume_continues_the_round_left(left: Path) -> None:
    app = build_app(left, pack=PACK_ID, seed=9, player="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "You left a round of" in question(app) and "1 of 6 answered" in question(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.play.state().seed == 5 and len(app.screen.play.outcomes) == 1
    app.session.close()


async def test_start_new_gives_the_old_round_up_only_when_told(left: Path) -> None:
    app = build_app(left, pack=PACK_ID, seed=9, questions=3, player="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "will be given up" in question(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.play.state().seed == 9 and not app.screen.play.outcomes
        assert app.session.progress.current is not None
        assert app.session.progress.current.seed == 9
    app.session.close()


async def test_cancel_quits_and_keeps_the_round_left(left: Path) -> None:
    player_file = next((left / "players").glob("*.toml"))
    before = player_file.read_bytes()
    app = build_app(left, pack=PACK_ID, seed=9, player="ana")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
    assert app.return_code in (None, 0)
    assert app.session.close()
    assert player_file.read_bytes() == before
    again = Session(left, player="ana")
    found = again.resumable()
    assert found is not None and found[1].seed == 5
