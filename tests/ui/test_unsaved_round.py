"""A round that cannot be saved says so when it starts, and no dialog says it is saved."""

from __future__ import annotations

from textual.widgets import Static

from quiz.screens.confirm import ConfirmScreen
from quiz.screens.play import PlayScreen
from quiz.store import paths

SIZE = (100, 30)
NEWER = b'format = 99\nplayer = "ana"\n'


def dialog_text(app) -> str:
    assert isinstance(app.screen, ConfirmScreen)
    return str(app.screen.query_one(Static).render())


async def test_a_round_that_cannot_be_saved_never_claims_it_is(make_app, tmp_path):
    player = paths.player_path(tmp_path / "data", "ana")
    player.parent.mkdir(parents=True)
    player.write_bytes(NEWER)
    app = make_app(seed=1, count=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("This round will not be saved: ") for m in messages), messages
        assert any("newer version of quiz" in m for m in messages), messages
        for key in ("escape", "ctrl+q"):
            await pilot.press(key)
            await pilot.pause()
            text = dialog_text(app)
            assert "are saved" not in text and "not saved" in text, text
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, PlayScreen)
    assert app.session.unsaved() is not None
    assert player.read_bytes() == NEWER


async def test_a_round_that_saves_says_its_answers_are_saved(make_app):
    app = make_app(seed=1, count=3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not [n for n in app._notifications if "not be saved" in n.message]
        await pilot.press("escape")
        await pilot.pause()
        assert "Your answers so far are saved" in dialog_text(app)
        await pilot.press("n")
    assert app.session.close()
    assert app.session.unsaved() is None
