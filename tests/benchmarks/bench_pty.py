"""Start-up in a real pseudo-terminal: time until a text is on screen, and peak memory.

The clock starts just before the child is forked and stops at the read that
brought the awaited text: escape sequences are stripped from everything the
child wrote so far, and the text must appear in what is left (so it is drawn,
not merely mentioned in a title). At that moment ``VmHWM`` in
``/proc/<pid>/status`` gives the child's peak resident memory; then it is
killed, since nothing has been written to the data folder yet.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ptyprocess import PtyProcess

COLUMNS, LINES = 100, 30
FLOOR_TEXT = "benchmark floor: a bare Label"
FLOOR_APP = f'''"""The floor: a one-Label Textual app, the least any Textual app can do."""

from textual.app import App, ComposeResult
from textual.widgets import Label


class Floor(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("{FLOOR_TEXT}")


Floor().run()
'''
# CSI (including private modes), OSC up to BEL or ST, charset choices, two-byte escapes.
_ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[@-_]"
)


@dataclass(frozen=True)
class Start:
    """One start of a program in a pty."""

    seconds: float
    peak_kib: int


def write_floor_app(folder: Path) -> Path:
    """Write the one-Label floor app into ``folder`` and return its path."""
    path = folder / "floor_app.py"
    path.write_text(FLOOR_APP, encoding="utf-8")
    return path


def quiz_command() -> list[str]:
    """The installed ``quiz`` script beside this Python, else ``python -m quiz``."""
    script = Path(sys.executable).with_name("quiz")
    if script.exists():
        return [str(script)]
    found = shutil.which("quiz")
    return [found] if found else [sys.executable, "-m", "quiz"]


def environment(data_dir: Path, pycache: Path) -> dict[str, str]:
    """The same settings for the floor and the game: terminal size, data folder, bytecode.

    Bytecode is cached under ``pycache`` even when ``PYTHONDONTWRITEBYTECODE``
    is set: an installed game starts from cached bytecode, and compiling
    Textual from source on every start would add the same large constant to
    floor and game alike, hiding the ratio.
    """
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)}
    env["QUIZ_HOME"] = str(data_dir)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("TEXTUAL", None)
    return env


def start(argv: list[str], needle: str, env: dict[str, str], timeout: float = 60.0) -> Start:
    """Run ``argv`` in a pty until ``needle`` is drawn, then read its peak memory and kill it.

    Raises:
        RuntimeError: The text never appeared, or the program ended first.
    """
    wanted = needle.encode("utf-8")
    output = bytearray()
    began = time.perf_counter()
    child = PtyProcess.spawn(argv, env=env, dimensions=(LINES, COLUMNS))
    try:
        deadline = began + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RuntimeError(f"{needle!r} not drawn within {timeout:.0f} s: {_tail(output)}")
            ready, _, _ = select.select([child.fd], [], [], min(left, 0.5))
            if not ready:
                if not child.isalive():
                    raise RuntimeError(f"{argv[-1]} ended before drawing: {_tail(output)}")
                continue
            try:
                chunk = os.read(child.fd, 1 << 20)
            except OSError:
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{argv[-1]} closed the terminal: {_tail(output)}")
            arrived = time.perf_counter()
            output.extend(chunk)
            if wanted in _ESCAPES.sub(b"", bytes(output)):
                return Start(arrived - began, peak_kib(child.pid))
    finally:
        _kill(child)


def peak_kib(pid: int) -> int:
    """The peak resident set (VmHWM) of a live process, in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for process {pid}")


def _kill(child: PtyProcess) -> None:
    if child.isalive():
        os.kill(child.pid, signal.SIGKILL)
    child.close(force=True)


def _tail(output: bytearray) -> str:
    text = _ESCAPES.sub(b"", bytes(output)).decode("utf-8", "replace")
    return " ".join(text.split())[-300:] or "(nothing)"


def interleaved(
    runs: int,
    floor: list[str],
    measured: list[str],
    floor_text: str,
    measured_text: str,
    env: dict[str, str],
) -> tuple[list[Start], list[Start]]:
    """Start the floor and the measured program in turn, ``runs`` times each.

    One start of each comes first and is thrown away: it compiles bytecode
    and fills the page cache. The order alternates, so a drift in the
    machine's load falls on both alike.

    Returns:
        The floor's starts and the measured program's starts.
    """
    start(floor, floor_text, env)
    start(measured, measured_text, env)
    floors: list[Start] = []
    measures: list[Start] = []
    for run in range(runs):
        pair = [(floor, floor_text, floors), (measured, measured_text, measures)]
        for argv, text, into in pair if run % 2 == 0 else reversed(pair):
            into.append(start(argv, text, env))
    return floors, measures
