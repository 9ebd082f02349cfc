"""SIGKILL in the middle of saving: the player's file is always the old or the new version.

A real process (``kill_child.py``) plays the built-in pack through the real
:class:`~quiz.session.Session`, saving after every answer. The test kills it
at moments drawn from a seeded ``random.Random``, synchronised with its saves:

* ``answered``: just after an answer was handed to the background saver, so
  the write is usually in flight, plus 0-5 ms;
* ``durable``: just after a save reached the disk, plus 0-5 ms;
* ``change``: at the first sign of the save on disk (a new temporary file, or
  the progress file replaced or changed), the tightest moment there is;
* ``start``: just after the process started, while it saves the new round.

After every kill the folder is read back: the file must load without a notice
(no corrupt backup), and it must hold every answer the child saw reach the disk
and none it had not yet given; so at most the answer in flight is lost, and
the count never goes back. The child is then restarted on the same folder,
resumes the interrupted round, and is killed again.

``QUIZ_KILL_RUNS=1000 uv run pytest tests/e2e/test_kill.py -q -s`` runs the
long version; ``QUIZ_KILL_SEED`` picks another sequence of moments.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from quiz.model.history import Progress
from quiz.session import Session
from quiz.store import paths
from quiz.store.player_file import PlayerFile

CHILD = Path(__file__).with_name("kill_child.py")
PACK_ID = "iran-quds-force-iraq"
PLAYER = "killer"  # as kill_child.py plays
RUNS = int(os.environ.get("QUIZ_KILL_RUNS", "25"))
SEED = int(os.environ.get("QUIZ_KILL_SEED", "5"))
MODES = ("answered", "durable", "change", "start")
WEIGHTS = (4, 2, 4, 1)
LINE_TIMEOUT = 20.0
CHANGE_TIMEOUT = 0.2


def recorded(state: Progress) -> int:
    """Answers counted in the progress: the sum of ``seen`` over the pack's questions."""
    stats = state.packs.get(PACK_ID)
    return 0 if stats is None else sum(q.seen for q in stats.questions.values())


def temporary_files(folder: Path) -> set[str]:
    if not folder.exists():
        return set()  # before the first game made the players' folder
    return {name for name in os.listdir(folder) if name.endswith(".tmp")}


def spin(seconds: float) -> None:
    """Wait without giving up the CPU: sleep is too coarse for a few milliseconds."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        pass


class Child:
    """The child process and the lines it printed."""

    def __init__(self, folder: Path, errors: Path) -> None:
        self.errors = errors
        with open(errors, "wb") as stream:
            self.process = subprocess.Popen(
                [sys.executable, str(CHILD), str(folder)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=stream,
                bufsize=0,
            )
        assert self.process.stdout is not None
        self.fd = self.process.stdout.fileno()
        self.buffer = b""
        self.lines: list[str] = []

    def read_line(self) -> str:
        """The next line; fails when the child goes quiet or ends on its own."""
        deadline = time.monotonic() + LINE_TIMEOUT
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(self.fd, 65536) if ready else b""
            if not chunk:
                self.process.kill()
                self.process.wait()
                raise AssertionError(
                    f"the child {'ended' if ready else 'went quiet'} "
                    f"(exit {self.process.returncode}); its last lines: {self.lines[-5:]}; "
                    f"stderr:\n{self.errors.read_text('utf-8', 'replace')}"
                )
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        text = line.decode()
        self.lines.append(text)
        if text.split()[0] in ("notice", "error", "stuck"):
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"the child reported: {text}")
        return text

    def wait_for(self, wanted: str) -> None:
        while self.read_line() != wanted:
            pass

    def kill(self) -> None:
        """SIGKILL, reap, and keep every line it managed to print."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        assert self.process.stdout is not None
        self.buffer += self.process.stdout.read()
        self.process.stdout.close()
        self.lines += [line.decode() for line in self.buffer.splitlines()]
        self.buffer = b""
        assert self.process.returncode == -signal.SIGKILL, (
            f"the child ended by itself (exit {self.process.returncode}):\n"
            f"{self.errors.read_text('utf-8', 'replace')}"
        )

    def last(self, word: str, default: int) -> int:
        """N of the last ``word N`` line printed, or ``default``."""
        for line in reversed(self.lines):
            name, _, number = line.partition(" ")
            if name == word:
                return int(number)
        return default


def wait_for_change(folder: Path, path: Path) -> bool:
    """Spin until the save shows on disk: a new temporary file, or the file changed."""

    def signature() -> tuple[int, int] | None:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return None
        return info.st_ino, info.st_size

    before, temporary = signature(), temporary_files(folder)
    deadline = time.perf_counter() + CHANGE_TIMEOUT
    while time.perf_counter() < deadline:
        if signature() != before or temporary_files(folder) - temporary:
            return True
    return False


@dataclass
class Figures:
    """What the kills hit, for the summary line."""

    kills: int = 0
    modes: Counter[str] = field(default_factory=Counter)
    in_flight: int = 0
    resumed: int = 0
    temporary_left: int = 0
    lost: int = 0
    most_lost: int = 0
    corrupt: int = 0

    def line(self, answers: int, size: int, seconds: float) -> str:
        modes = ", ".join(f"{mode} {self.modes[mode]}" for mode in MODES)
        return (
            f"kill test (seed {SEED}): {self.kills} kills ({modes}) in {seconds:.1f} s; "
            f"{self.in_flight} hit with a write in flight (after 'answering', before 'durable'), "
            f"{self.temporary_left} inside write_atomic (temporary file left); "
            f"{answers} answers recorded ({size:,} bytes), {self.resumed} rounds resumed; "
            f"answers lost at most {self.most_lost} per kill "
            f"(the answer in flight was lost in {self.lost}); "
            f"corrupt files found: {self.corrupt}"
        )


def kill_once(
    folder: Path, errors: Path, rng: random.Random, before: int, figures: Figures
) -> tuple[int, int]:
    """Start the child, kill it at a drawn moment, check the folder.

    Returns:
        The answers and finished rounds now recorded.
    """
    path = paths.player_path(folder, PLAYER)
    players = path.parent
    temporary = temporary_files(players)
    mode = rng.choices(MODES, WEIGHTS)[0]
    target = before + rng.randint(1, 30)
    delay = rng.uniform(0.0, 0.005)
    figures.modes[mode] += 1

    child = Child(folder, errors)
    start = child.read_line()
    assert start == f"start {before}", f"the child found {start!r}, {before} were recorded"
    if mode == "start":
        spin(delay)
    elif mode == "change":
        child.wait_for(f"answering {target}")
        wait_for_change(players, path)
    else:
        child.wait_for(f"{mode} {target}")
        spin(delay)
    child.kill()
    figures.kills += 1
    figures.resumed += any(line.startswith("resumed ") for line in child.lines)

    answering = child.last("answering", before)
    durable = child.last("durable", before)
    if durable < answering:
        figures.in_flight += 1
    left = temporary_files(players) - temporary
    figures.temporary_left += bool(left)

    where = f"kill {figures.kills} (seed {SEED}, mode {mode}), last lines {child.lines[-4:]}"
    loaded = PlayerFile(path, PLAYER).load()
    corrupt = sorted(p.name for p in players.iterdir() if ".corrupt-" in p.name)
    if loaded.notice is not None or corrupt or not loaded.writable:
        figures.corrupt += 1
        raise AssertionError(f"{where}: the progress file did not load: {loaded.notice}")
    count = recorded(loaded.progress)
    if not durable <= count <= answering or count < before:
        figures.corrupt += 1
        raise AssertionError(
            f"{where}: the file holds {count} answers; {before} were recorded before this run, "
            f"{durable} had reached the disk and {answering} had been given"
        )
    lost = answering - count
    figures.lost += bool(lost)
    figures.most_lost = max(figures.most_lost, lost)
    return count, len(loaded.progress.rounds)


def test_sigkill_mid_save_never_corrupts_the_file_and_loses_at_most_one_answer(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    errors = tmp_path / "child-stderr.txt"
    rng = random.Random(SEED)
    figures = Figures()
    count = rounds = 0
    started = time.monotonic()
    try:
        for _ in range(RUNS):
            previous = rounds
            count, rounds = kill_once(folder, errors, rng, count, figures)
            assert rounds >= previous, f"finished rounds went back from {previous} to {rounds}"
    finally:
        path = paths.player_path(folder, PLAYER)
        size = path.stat().st_size if path.exists() else 0
        print("\n" + figures.line(count, size, time.monotonic() - started))

    session = Session(folder, exclusive=True, player=PLAYER)
    try:
        assert session.notices == []
        assert recorded(session.progress) == count
        assert session.resume() is not None or session.progress.current is None
    finally:
        session.close()
    assert count > RUNS, "the child answered too little to test anything"
    assert figures.resumed > 0 or RUNS < 10, "no interrupted round was ever resumed"
