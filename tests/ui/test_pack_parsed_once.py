"""``quiz play FILE`` parses a pack file that is not installed once, however many
screens ask for the round's pack before its first question."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.app import build_app
from quiz.model import validate
from quiz.model.pack import Pack
from quiz.screens.play import PlayScreen

PACK = """\
format = 1

[pack]
id = "own-pack"
title = "A pack of one's own"

[[questions]]
id = "q1"
kind = "verdict"
prompt = "The report says it rained."
answer = "supported"
evidence = ["It rained."]
explanation = "It says so."

[[questions]]
id = "q2"
kind = "verdict"
prompt = "The report says it snowed."
answer = "not-stated"
evidence = ["It rained."]
explanation = "Snow is not mentioned."
"""


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The names of the pack files parsed, one entry per parse."""
    seen: list[str] = []
    parse = validate.parse_pack

    def counted(data: bytes, name: str, path: Path | None = None) -> Pack:
        seen.append(name)
        return parse(data, name, path)

    monkeypatch.setattr(validate, "parse_pack", counted)
    return seen


async def test_play_file_parses_it_once_up_to_the_first_question(tmp_path: Path, parses) -> None:
    pack_file = tmp_path / "own.toml"
    pack_file.write_text(PACK, encoding="utf-8")
    app = build_app(tmp_path / "data", pack=str(pack_file), seed=3, player="ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.play.current is not None
        assert app.screen.play.pack.id == "own-pack"
    app.session.close()
    assert len(parses) == 1, parses
