"""What the frames after a key show."""

from __future__ import annotations

from textual.pilot import Pilot
from ui_helpers import keys_for

from quiz.app import QuizApp
from quiz.screens.play import PlayScreen
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
