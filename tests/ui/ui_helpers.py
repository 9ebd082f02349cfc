"""Driving a round from a Pilot test."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList

from quiz.screens.play import PlayScreen

KEY_NAMES = {".": "full_stop", ",": "comma", "-": "minus", " ": "space"}


def keys_for(text: str) -> list[str]:
    """The key names that type this text."""
    return [KEY_NAMES.get(character, character) for character in text]


async def answer(pilot: Pilot, *, right: bool = True) -> None:
    """Answer the current question right or wrong, by keys only."""
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    question = screen.play.current
    assert question is not None
    if question.kind == "number":
        text = question.answer if right else "987654"
        await pilot.press(*keys_for(text), "enter")
    else:
        options = screen.play.options(question)
        number = next(i for i, o in enumerate(options, 1) if (o.value == question.answer) == right)
        await pilot.press(str(number))
    await pilot.pause()


async def play_through(pilot: Pilot, answers: list[bool]) -> None:
    """Answer several questions, pressing Enter after each verdict."""
    for right in answers:
        await answer(pilot, right=right)
        await pilot.press("enter")
        await pilot.pause()


async def highlight_pack(pilot: Pilot, pack_id: str) -> None:
    """Move the home screen's cursor to a pack with the arrow keys, as a player would."""
    options = pilot.app.screen.query_one(OptionList)
    ids = [options.get_option_at_index(i).id or "" for i in range(options.option_count)]
    [target] = [i for i, option_id in enumerate(ids) if option_id.endswith(f"/{pack_id}.toml")]
    while options.highlighted != target:
        await pilot.press("down" if (options.highlighted or 0) < target else "up")
    await pilot.pause()
