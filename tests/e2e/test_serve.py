"""``quiz serve`` end to end: browsers' websockets, two players at once, a refused name."""

from __future__ import annotations

import asyncio
import os
import time
import tomllib
from pathlib import Path

import aiohttp
from browser import Server, Tab

from quiz.store.schema import ROUND_FIELDS

VERDICT_KEYS = {"supported": "1", "contradicted": "2", "not-stated": "3"}
CLAIMS = {
    "c1": ("The river flooded the library in spring", "supported"),
    "c2": ("The repairs were paid by the mayor", "contradicted"),
    "c3": ("The library will open a second branch", "not-stated"),
}


def class_pack(folder: Path) -> Path:
    """A pack of three claims, one of each verdict, with no source text to read first."""
    parts = ['format = 1\n[pack]\nid = "class"\ntitle = "Class pack"\n']
    for qid, (prompt, answer) in CLAIMS.items():
        parts.append(
            f'[[questions]]\nid = "{qid}"\nkind = "verdict"\nprompt = "{prompt}"\n'
            f'answer = "{answer}"\nevidence = ["quote {qid}"]\nexplanation = "why {qid}"\n'
        )
    path = folder / "class.toml"
    path.write_text("\n".join(parts), "utf-8")
    return path


async def join(tab: Tab, name: str) -> None:
    await tab.wait_text("What is your name?")
    await tab.send(name + "\r")


async def play_round(tab: Tab, wrong: set[str]) -> None:
    """Answer every claim: right, except those in ``wrong`` (answered "not stated")."""
    for number in range(1, len(CLAIMS) + 1):
        text = await tab.wait_text(f"Question {number} of {len(CLAIMS)}")
        [qid] = [q for q, (prompt, _) in CLAIMS.items() if prompt in text]
        answer = CLAIMS[qid][1]
        key = "3" if qid in wrong and answer != "not-stated" else VERDICT_KEYS[answer]
        await tab.send(key)
        await tab.wait_text("why " + qid)
        await tab.send("\r")
    await tab.wait_text("Round complete")


def read_player(data: Path, name: str) -> dict[str, object]:
    return tomllib.loads((data / "players" / f"{name}.toml").read_text("utf-8"))


async def two_players_and_a_refusal(server: Server) -> None:
    async with aiohttp.ClientSession() as client:
        ana, ben = await Tab(client, server.url).open(), await Tab(client, server.url).open()
        await asyncio.gather(join(ana, "ana"), join(ben, "ben"))
        await asyncio.gather(ana.wait_text("Question 1 of 3"), ben.wait_text("Question 1 of 3"))
        # A second tab of a name already playing is refused, and may choose another.
        again = await Tab(client, server.url).open()
        await join(again, "ana")
        await again.wait_text("ana is already playing in another tab")
        await asyncio.gather(play_round(ana, wrong=set()), play_round(ben, wrong={"c1"}))
        await again.send("\x7f" * 3)
        # Textual runs a backspace's binding after the letters that came with it: wait.
        await again.wait_text("\u258a  your name")  # the empty box shows its placeholder
        await again.send("cleo\r")
        await again.wait_text("Question 1 of 3")
        await again.send("1")  # one answer of an unfinished round, kept when the server stops
        await again.wait_text("why ")
        await ana.close()


def test_two_players_play_at_once_in_browsers(tmp_path: Path) -> None:
    data = tmp_path / "data"
    server = Server(data, "--pack", str(class_pack(tmp_path)))
    try:
        server.wait_ready()
        asyncio.run(two_players_and_a_refusal(server))
    finally:
        output = server.stop()
    assert server.process.returncode == 0, output
    assert "Traceback" not in output, output
    ana, ben = read_player(data, "ana"), read_player(data, "ben")
    [ana_round], [ben_round] = (
        [dict(zip(ROUND_FIELDS, row, strict=True)) for row in who["rounds"]]  # type: ignore[attr-defined]
        for who in (ana, ben)
    )
    assert (ana_round["correct"], ana_round["answered"]) == (3, 3)
    assert (ben_round["correct"], ben_round["answered"]) == (2, 3)
    # Stopping the server ended cleo's game with her one answer saved, the round kept.
    cleo = read_player(data, "cleo")
    assert len(cleo["current"]["answers"]) == 1  # type: ignore[index]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def answer_once_and_note_the_game(server: Server, data: Path) -> int:
    async with aiohttp.ClientSession() as client:
        tab = await Tab(client, server.url).open()
        await join(tab, "zoe")
        await tab.wait_text("Question 1 of 3")
        await tab.send("1")
        await tab.wait_text("why ")
        return int((data / "players" / ".zoe.toml.pid").read_text().strip())


def test_a_killed_server_ends_every_game_with_its_answers_saved(tmp_path: Path) -> None:
    data = tmp_path / "data"
    server = Server(data, "--pack", str(class_pack(tmp_path)))
    try:
        server.wait_ready()
        game = asyncio.run(answer_once_and_note_the_game(server, data))
        assert alive(game)
        server.process.kill()  # no chance to tell its games to quit
        deadline = time.monotonic() + 15
        while alive(game) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(game), "the game outlived its server"
    finally:
        server.stop()
    zoe = read_player(data, "zoe")
    assert len(zoe["current"]["answers"]) == 1  # type: ignore[index]


async def ask_for_a_huge_screen(server: Server) -> str:
    async with aiohttp.ClientSession() as client:
        # The emulator is as big as the game may draw: what it asks for is far bigger.
        tab = Tab(client, server.url, screen=(400, 150))
        tab.url = tab.url.split("?")[0] + "?width=1000000&height=1000000"
        await tab.open(width=99_999_999, height=-5)
        await tab.wait_text("What is your name?")
        await tab.send("ana\r")
        return await tab.wait_text("Confidence mode")


def test_a_page_asking_for_a_huge_screen_gets_a_usable_one(tmp_path: Path) -> None:
    server = Server(tmp_path / "data")
    try:
        server.wait_ready()
        asyncio.run(ask_for_a_huge_screen(server))
    finally:
        output = server.stop()
    assert "Traceback" not in output, output
    assert (tmp_path / "data" / "players" / "ana.toml").exists()
