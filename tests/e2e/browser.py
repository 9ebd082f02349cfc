"""A browser tab of ``quiz serve``, as textual.js drives one, read back through pyte.

textual.js opens ``/ws?width=W&height=H``, sends ``["resize", {...}]`` and then
``["stdin", keys]`` as JSON text messages; the server sends the game's terminal
output as binary messages and its own notices (a file to download) as JSON text.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pyte

COLUMNS, LINES = 100, 30


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """``quiz serve`` in its own process, on a free loopback port."""

    def __init__(self, data: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "quiz", "--data-dir", str(data), "serve"]
        command += ["--port", str(self.port), *args]
        environment = {k: v for k, v in os.environ.items() if k != "TEXTUAL"}
        self.process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=True,
        )
        self.output = ""

    def wait_ready(self, timeout: float = 20.0) -> None:
        """Wait until the server answers on its port."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"quiz serve stopped: {self.stop()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("quiz serve never listened")

    def stop(self, timeout: float = 30.0) -> str:
        """Stop it as Ctrl+C in its terminal does, and return everything it printed.

        The terminal sends SIGINT to the whole foreground process group: the server
        and every game it started.
        """
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGINT)
        try:
            out, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
            raise AssertionError(
                f"quiz serve did not stop:\n{out.decode(errors='replace')}"
            ) from None
        self.output = out.decode(errors="replace")
        return self.output


class Tab:
    """One browser tab: a websocket to the server and a pyte screen of what it drew."""

    def __init__(
        self, client: aiohttp.ClientSession, server_url: str, screen: tuple[int, int] | None = None
    ) -> None:
        """A tab of ``COLUMNS`` × ``LINES``; ``screen`` sizes its emulator otherwise."""
        self.client = client
        self.url = server_url.replace("http:", "ws:") + f"/ws?width={COLUMNS}&height={LINES}"
        self.screen = pyte.Screen(*(screen or (COLUMNS, LINES)))
        self.stream = pyte.ByteStream(self.screen)
        self.notices: list[list[object]] = []
        self.closed = False
        self._socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None

    async def open(self, width: int = COLUMNS, height: int = LINES) -> Tab:
        """Connect, tell the game the size of the terminal and give it focus, as textual.js does."""
        self._socket = await self.client.ws_connect(self.url)
        await self._socket.send_str(json.dumps(["resize", {"width": width, "height": height}]))
        self._reader = asyncio.create_task(self._read())
        await self._socket.send_str(json.dumps(["focus"]))  # the page has the keyboard
        return self

    async def _read(self) -> None:
        assert self._socket is not None
        async for message in self._socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.notices.append(json.loads(message.data))
        self.closed = True

    def text(self) -> str:
        """The screen as lines of text."""
        return "\n".join(self.screen.display)

    async def send(self, keys: str) -> None:
        """Type keys."""
        assert self._socket is not None
        await self._socket.send_str(json.dumps(["stdin", keys]))

    async def wait_for(self, condition: Callable[[str], bool], timeout: float = 20.0) -> str:
        """Wait until the screen satisfies ``condition``; fail with the screen if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.text()
            if condition(text):
                return text
            if self.closed:
                break
            await asyncio.sleep(0.05)
        raise AssertionError(f"the screen never matched (closed: {self.closed}):\n{self.text()}")

    async def wait_text(self, needle: str, timeout: float = 20.0) -> str:
        """Wait until ``needle`` is on the screen."""
        return await self.wait_for(lambda text: needle in text, timeout)

    async def close(self) -> None:
        """Close the tab, as a browser does."""
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await self._reader
