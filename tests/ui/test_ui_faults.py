"""The game keeps going and loses nothing: full disks, damaged files, tiny terminals, any keys."""

from __future__ import annotations

import errno

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ui_helpers import answer, play_through

from quiz.screens.home import HomeScreen
from quiz.screens.play import PlayScreen
from quiz.screens.results import ResultsScreen
from quiz.store import player_file

SIZE = (100, 30)


async def test_a_full_disk_is_reported_the_round_goes_on_and_the_old_file_survives(
    make_app, monkeypatch
):
    app = make_app(seed=2, count=3)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True])
        assert app.session.flush()
        before = app.session.progress_path.read_bytes()

        def full(path, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(player_file, "write_atomic", full)
        await play_through(pilot, [True])
        assert app.session.flush()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("No space left on device" in m and "goes on" in m for m in messages)
        assert isinstance(app.screen, PlayScreen)
        assert app.session.progress_path.read_bytes() == before
        monkeypatch.undo()
        await play_through(pilot, [True])
        assert isinstance(app.screen, ResultsScreen)
    assert app.session.close()
    assert app.session.save_error is None
    assert b"rounds = [[" in app.session.progress_path.read_bytes()


async def test_a_disk_that_stays_full_shows_one_notice_not_one_per_answer(make_app, monkeypatch):
    app = make_app(seed=2, count=4)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True])
        assert app.session.flush()

        def full(path, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(player_file, "write_atomic", full)
        for _ in range(2):
            await play_through(pilot, [True])
            assert app.session.flush()
            await pilot.pause()
        shown = [n.message for n in app._notifications if "No space left" in n.message]
        assert len(shown) == 1, shown
        monkeypatch.undo()


async def test_a_corrupt_progress_file_is_backed_up_and_the_player_told(make_app, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    garbage = b"format = 1\n[packs\x00 this is not toml"
    (data / "progress.toml").write_bytes(garbage)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notices = " ".join(str(w.render()) for w in app.screen.query(".notice"))
        assert "could not be read" in notices and "corrupt" in notices
    [backup] = data.glob("progress.toml.corrupt-*")
    assert backup.read_bytes() == garbage


async def test_a_progress_file_from_a_newer_game_is_left_alone(make_app, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    newer = b"format = 2\n[future]\nthing = 1\n"
    (data / "progress.toml").write_bytes(newer)
    app = make_app(seed=1, count=2)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True, True])
        assert isinstance(app.screen, ResultsScreen)
    app.session.close()
    assert (data / "progress.toml").read_bytes() == newer
    assert any("newer version" in notice for notice in app.session.notices)


async def test_a_tiny_terminal_and_resizing_mid_round_keep_everything_reachable(make_app):
    app = make_app(seed=4, count=3)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape")  # back from the source, opened at the marked paragraph
        await answer(pilot, right=True)
        body = app.screen.query_one("#body")
        assert body.max_scroll_y > 0, "the feedback is taller than 12 rows and must scroll"
        body.scroll_end(animate=False)
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.resize_terminal(40, 12)
        await pilot.press("enter")
        await play_through(pilot, [False, True])
        assert isinstance(app.screen, ResultsScreen)
        await pilot.resize_terminal(30, 8)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


KEYS = [
    *"0123456789sqynrvpca?",
    "enter",
    "space",
    "escape",
    "tab",
    "up",
    "down",
    "left",
    "right",
    "backspace",
    "comma",
    "full_stop",
    "minus",
    "home",
    "end",
    "pageup",
    "pagedown",
]


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(keys=st.lists(st.sampled_from(KEYS), min_size=5, max_size=60), seed=st.integers(0, 99))
async def test_random_keys_never_raise(make_app, keys, seed):
    app = make_app(seed=seed, count=4)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in keys:
            await pilot.press(key)
            if not app.is_running:
                break
        await pilot.pause()
    assert app.crash is None, app.crash_report
    assert app.return_code in (0, None)


async def test_arrow_keys_scroll_a_question_taller_than_the_terminal(make_app):
    app = make_app(seed=5, count=2)
    # A verdict: its feedback opens at the top, so paging back up returns there.
    assert app.start.current.kind == "verdict"
    async with app.run_test(size=(40, 12)) as pilot:
        await answer(pilot, right=False)
        body = app.screen.query_one("#body")
        assert body.max_scroll_y > 0
        await pilot.press("pagedown", "pagedown", "down")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("pageup", "pageup", "up")
        await pilot.pause()
        assert body.scroll_y == 0
