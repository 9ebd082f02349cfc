"""A real pseudo-terminal running the real ``quiz`` command, read back through pyte."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte

COLUMNS, LINES = 100, 30


def player_file(folder: Path) -> Path:
    """The one player's file the game left in a data folder (the player is the login name)."""
    [path] = (folder / "players").glob("*.toml")
    return path


def quiz_command() -> list[str]:
    """The installed console script, or ``python -m quiz`` when it is not on PATH."""
    script = Path(sys.executable).with_name("quiz")
    if script.exists():
        return [str(script)]
    found = shutil.which("quiz")
    return [found] if found else [sys.executable, "-m", "quiz"]


class Terminal:
    """Runs a command in a pty and keeps a pyte screen of what it drew."""

    def __init__(
        self, args: list[str], env: dict[str, str], command: list[str] | None = None
    ) -> None:
        command = (command or quiz_command()) + args
        environment = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS),
            "LINES": str(LINES),
            **env,
        }
        environment.pop("TEXTUAL", None)
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.child = pexpect.spawn(
            command[0], command[1:], env=environment, dimensions=(LINES, COLUMNS), timeout=15
        )

    def text(self) -> str:
        """The screen as lines of text."""
        return "\n".join(self.screen.display)

    def pump(self, seconds: float = 0.05) -> None:
        """Read whatever the program wrote within a short time."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.02)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return
            self.raw.extend(data)
            self.stream.feed(data)

    def wait_for(self, condition: Callable[[str], bool], timeout: float = 15.0) -> str:
        """Read until the screen satisfies ``condition``; fail with the screen if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            text = self.text()
            if condition(text):
                return text
            if not self.child.isalive():
                self.pump()
                break
        raise AssertionError(f"screen never matched; it shows:\n{self.text()}")

    def wait_text(self, needle: str, timeout: float = 15.0) -> str:
        """Read until ``needle`` is on screen."""
        return self.wait_for(lambda text: needle in text, timeout)

    def send(self, keys: str) -> None:
        """Type keys as a person would."""
        self.child.send(keys)

    def close(self) -> int | None:
        """Wait for the program to end and return its exit code."""
        deadline = time.monotonic() + 10
        while self.child.isalive() and time.monotonic() < deadline:
            self.pump()
        if self.child.isalive():
            self.child.terminate(force=True)
        self.child.close()
        return self.child.exitstatus
