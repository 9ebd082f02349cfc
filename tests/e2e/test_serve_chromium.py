"""``quiz serve`` in a real browser: headless Chromium opens the page and draws the game.

Chromium is driven through its DevTools protocol (a websocket, with aiohttp):
``--screenshot`` alone shoots the page as soon as it has loaded, before the
game's process has started and drawn anything. With ``QUIZ_SAVE_SCREENSHOT=1`` the
picture replaces ``docs/serve.png``, the README's.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from browser import Server, free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOT = ROOT / "docs" / "serve.png"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1000,640",
]


class DevTools:
    """One page of Chromium, through the DevTools protocol."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.next_id = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        await self.socket.send_str(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        async for message in self.socket:
            reply = json.loads(message.data)
            if reply.get("id") == self.next_id:
                return dict(reply.get("result", {}))
        raise AssertionError(f"Chromium closed the connection during {method}")

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")


async def page_socket(client: aiohttp.ClientSession, port: int) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            async with client.get(f"http://127.0.0.1:{port}/json/list") as response:
                pages = [p for p in await response.json() if p.get("type") == "page"]
            if pages:
                return str(pages[0]["webSocketDebuggerUrl"])
        except aiohttp.ClientError:
            pass
        await asyncio.sleep(0.2)
    raise AssertionError("Chromium never offered its page")


async def shoot(port: int, name: str) -> bytes:
    async with aiohttp.ClientSession() as client:
        url = await page_socket(client, port)
        async with client.ws_connect(url, max_msg_size=0) as socket:
            tools = DevTools(socket)
            deadline = time.monotonic() + 30
            # textual.js marks the page once the game's first bytes arrive.
            while not await tools.evaluate("document.body.classList.contains('-first-byte')"):
                assert time.monotonic() < deadline, "the game never drew in the page"
                await asyncio.sleep(0.2)
            await asyncio.sleep(1.5)  # the page fades the terminal in
            await tools.evaluate("document.querySelector('textarea')?.focus()")
            for key in name:
                await tools.call("Input.insertText", text=key)
            await tools.call(
                "Input.dispatchKeyEvent",
                type="keyDown",
                key="Enter",
                code="Enter",
                windowsVirtualKeyCode=13,
                text="\r",
            )
            await asyncio.sleep(3)
            shot = await tools.call("Page.captureScreenshot", format="png")
            return base64.b64decode(shot["data"])


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop a process that leads its own group, and every process of that group."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
def test_headless_chromium_plays_in_the_page(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    data = tmp_path / "data"
    server = Server(data)
    port = free_port()
    try:
        server.wait_ready()
        # Chromium's helper processes can still write to the profile after the main
        # one exits: it lives in the test's folder, which pytest removes later, and
        # the whole process group is stopped.
        browser = subprocess.Popen(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={tmp_path / 'profile'}",
                f"--remote-debugging-port={port}",
                server.url,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            png = asyncio.run(shoot(port, "ana"))
        finally:
            stop_group(browser)
    finally:
        output = server.stop()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000, "a drawn page, not a blank one"
    # Keys typed in the page reached the game: it took the name and locked the file.
    assert (data / "players" / "ana.toml").exists(), output
    if os.environ.get("QUIZ_SAVE_SCREENSHOT"):  # the README's picture, when asked for
        SHOT.write_bytes(png)
