"""The home screen's layout: the first frame already fits the terminal, and nothing is
drawn for notices when there are none."""

from __future__ import annotations

import pytest
from conftest import BUILTIN, fixed_now
from textual import events
from textual.message import Message
from textual.widgets import OptionList, Static

from quiz.app import QuizApp
from quiz.screens.home import HomeScreen
from quiz.session import Session


def record_layouts(monkeypatch, seen: list[tuple[int, int]]) -> None:
    """Record the size of every layout given to the pack list (each sends it a Resize)."""
    post = OptionList.post_message

    def posted(self: OptionList, message: Message) -> bool:
        if isinstance(message, events.Resize) and self.id == "packs":
            seen.append((message.size.width, message.size.height))
        return post(self, message)

    monkeypatch.setattr(OptionList, "post_message", posted)


@pytest.mark.parametrize(
    ("size", "wide", "short"),
    [
        pytest.param((100, 30), True, False, id="wide"),
        pytest.param((70, 30), False, False, id="narrow"),
        pytest.param((100, 16), True, True, id="wide-short"),
        pytest.param((70, 16), False, True, id="narrow-short"),
    ],
)
async def test_the_first_layout_of_the_pack_list_is_the_one_for_the_terminal(
    make_app, monkeypatch, size, wide, short
):
    seen: list[tuple[int, int]] = []
    record_layouts(monkeypatch, seen)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.has_class("-wide") == wide
        detail = home.query_one("#detail", Static)
        assert detail.has_class("-short") == short
        packs = home.query_one("#packs", OptionList)
        if wide and not short:
            assert packs.outer_size.width < size[0] // 2  # the detail is beside it
        # Laid out once at its final size: never first drawn in the other layout.
        assert seen and set(seen) == {tuple(packs.outer_size)}


async def test_the_layout_follows_a_resize(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        home = app.screen
        await pilot.resize_terminal(70, 16)
        await pilot.pause()
        assert not home.has_class("-wide")
        assert home.query_one("#detail").has_class("-short")
        assert not home.query_one("#detail").display
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert home.has_class("-wide")
        assert not home.query_one("#detail").has_class("-short")


async def test_no_notices_draw_nothing_between_the_status_and_the_packs(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert app.session.loaded and app.session.notices == []
        status = home.query_one("#status")
        panes = home.query_one("#panes")
        assert panes.region.y == status.region.bottom  # no blank line, no border
        shown = [w for w in home.query("#notices, .notice") if w.display and w.region.height]
        assert shown == []


async def test_notices_are_drawn_between_the_status_and_the_packs(make_app, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "progress.toml").write_bytes(b"format = 1\n[packs\x00 this is not toml")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        [notice] = home.query(".notice")
        assert "could not be read" in str(notice.render())
        status = home.query_one("#status")
        assert notice.region.y == status.region.bottom
        # The notice's own line, then one blank line before the packs.
        assert home.query_one("#panes").region.y == notice.region.bottom + 1


async def test_nothing_is_said_of_the_player_before_their_history_is_read(
    tmp_path, clock, monkeypatch
):
    monkeypatch.setattr(HomeScreen, "_load_history", lambda self: None)  # still reading
    session = Session(
        tmp_path / "data",
        clock=clock,
        now=fixed_now,
        builtin_dir=BUILTIN,
        player="ana",
        defer_loading=True,
    )
    app = QuizApp(session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert "Reading your history" in str(home.query_one("#status").render())
        packs = home.query_one("#packs", OptionList)
        labels = [str(packs.get_option_at_index(i).prompt) for i in range(packs.option_count)]
        assert labels and not any("best" in label for label in labels)
        assert "not played" not in str(home.query_one("#detail").render())
