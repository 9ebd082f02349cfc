"""What the frames after a key show, and what the play screen keeps in memory."""

from __future__ import annotations

import gc

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input
from ui_helpers import answer, keys_for

from quiz.app import QuizApp
from quiz.screens.play import PlayScreen
from quiz.widgets.confidence_pad import ConfidencePad
from quiz.widgets.feedback import Feedback

SIZE = (100, 30)


def watch_frames(app: QuizApp) -> list[tuple[bool, bool]]:
    """After every frame: whether it showed a way to answer, and whether a verdict."""
    frames: list[tuple[bool, bool]] = []

    def seen() -> None:
        screen = app.screen
        frames.append((bool(screen.query("#pad, #entry")), bool(screen.query(Feedback))))

    app.post_display_hook = seen  # type: ignore[method-assign]
    return frames


async def give_answer(pilot: Pilot[None], frames: list[tuple[bool, bool]]) -> None:
    """Answer the current question right; ``frames`` starts with the last key."""
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    question = screen.play.current
    assert question is not None
    if question.kind == "number":
        await pilot.press(*keys_for(question.answer))
        await pilot.pause()
        key = "enter"
    else:
        options = screen.play.options(question)
        key = str(next(i for i, o in enumerate(options, 1) if o.value == question.answer))
    frames.clear()
    await pilot.press(key)
    await pilot.pause()
    # A frame already due when the key was sent shows the question as it was, with
    # a way to answer: the key's own frames come after it.
    while frames and frames[0][0] and not frames[0][1]:
        del frames[0]


async def test_the_first_frame_after_a_key_shows_the_verdict_or_the_question_whole(make_app):
    app = make_app(seed=3, count=4)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        frames = watch_frames(app)
        for _ in range(3):
            await give_answer(pilot, frames)
            assert frames and frames[0] == (False, True)  # never a frame with neither
            frames.clear()
            await pilot.press("enter")
            await pilot.pause()
            assert frames and frames[0] == (True, False)


async def test_in_confidence_mode_the_first_frame_after_a_key_asks_how_sure(make_app):
    app = make_app(seed=3, count=2)
    app.session.set_confidence(True)
    app.start = app.session.start_round(app.start.pack, seed=3, count=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        asked: list[tuple[bool, bool]] = []

        def seen() -> None:
            screen = app.screen
            asked.append((bool(screen.query("#pad, #entry")), bool(screen.query(ConfidencePad))))

        app.post_display_hook = seen  # type: ignore[method-assign]
        await give_answer(pilot, asked)
        assert asked and asked[0] == (False, True)
        frames = watch_frames(app)
        await pilot.press("7")
        await pilot.pause()
        assert frames and frames[0] == (False, True)


def footer_keys_let_go(app: QuizApp) -> int:
    """Footer keys still in memory that no screen shows any more."""
    gc.collect()
    shown: set[Widget] = set()
    for screen in app.screen_stack:
        shown.update(screen.walk_children(with_self=False))
    return sum(
        1
        for thing in gc.get_objects()
        if isinstance(thing, Widget) and type(thing).__name__ == "FooterKey" and thing not in shown
    )


async def test_the_footer_lets_the_keys_it_replaced_go(make_app):
    app = make_app(seed=1, count=10)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(2):
            await answer(pilot)
            await pilot.press("enter")
            await pilot.pause()
        before = footer_keys_let_go(app)
        for _ in range(6):  # each answer and each question remakes the footer's keys
            await answer(pilot)
            await pilot.press("enter")
            await pilot.pause()
        assert footer_keys_let_go(app) <= before


async def test_the_body_takes_no_focus_that_an_answer_would_take_away(make_app):
    app = make_app(seed=0, count=36)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        assert screen.play.current.kind != "number"
        assert screen.focused is None  # the screen's bindings answer and scroll
        await pilot.press("question_mark")  # the help screen, and back: nothing refocused
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.focused is None
        while screen.play.current.kind != "number":
            await answer(pilot)
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(screen.focused, Input)  # the number box has the cursor
        await answer(pilot)
        assert screen.outcome is not None and screen.focused is None
