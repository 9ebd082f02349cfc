"""Pack text reaches the screen literally: never markup, never a control sequence."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.screens.play import PlayScreen
from quiz.screens.results import ResultsScreen

HOSTILE = [
    "a [/] b",
    "[@click=app.quit]click me[/]",
    "[bold red",
    "[link=https://example.com]x[/link]",
    "a[0] and $accent and [b]bold[/b]",
]
PACK = """format = 1
[pack]
id = "hostile"
title = "[@click=app.quit]Hostile[/] \\u001b]0;pwned\\u0007 title"
[pack.source]
title = "[/] source \\u009b2J"
publisher = "[red"
"""
QUESTION = """
[[questions]]
id = "q{n}"
kind = "choice"
prompt = {text!r}
answer = {text!r}
choices = [{text!r}, "plain \\u202e reversed"]
evidence = [{text!r}]
explanation = {text!r}
"""


@pytest.fixture
def hostile_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "packs"
    folder.mkdir()
    body = PACK + "".join(
        QUESTION.format(n=n, text=text).replace("'", '"') for n, text in enumerate(HOSTILE)
    )
    (folder / "hostile.toml").write_text(body, "utf-8")
    return folder


def shown_text(screen) -> str:
    return "\n".join(str(widget.render()) for widget in screen.query("Static"))


async def test_markup_in_a_pack_is_shown_literally_and_does_nothing(make_app, hostile_dir):
    app = make_app(seed=1, builtin_dir=hostile_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, PlayScreen)
        seen = set()
        while isinstance(app.screen, PlayScreen):
            question = app.screen.play.current
            seen.add(question.prompt)
            assert question.prompt in shown_text(app.screen)
            buttons = [str(b.label) for b in app.screen.query("AnswerPad Button")]
            assert any(question.prompt in label for label in buttons)
            await pilot.click(".prompt")
            await pilot.click("#option-1")
            await pilot.pause()
            assert app.screen.outcome is not None
            text = shown_text(app.screen)
            assert question.explanation in text
            await pilot.press("enter")
            await pilot.pause()
        assert seen == set(HOSTILE)
        assert isinstance(app.screen, ResultsScreen)
        assert app.is_running


def test_control_characters_never_survive_loading(hostile_dir):
    from quiz.store.packs import load_pack

    pack = load_pack(hostile_dir / "hostile.toml")
    texts = [pack.title, pack.source.title, pack.source.publisher]
    for question in pack.questions:
        texts += [question.prompt, question.explanation, *question.choices, *question.evidence]
    for text in texts:
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in text), text
    assert pack.title == "[@click=app.quit]Hostile[/] ]0;pwned title"
