"""The commands that need no terminal UI: wall time against Python plus Rich, and no Textual.

Each command runs with its output captured, alternating with the floor,
``python -c "import rich.console, rich.table, tomllib"``: the listings print
Rich tables, so the floor imports what printing one takes. A separate run under
``python -X importtime -m quiz`` lists every module the command imported;
no line may mention ``textual``.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench_pty import quiz_command
from bench_table import MISSING, OVER, Row, Sample, versus_floor

FLOOR = [sys.executable, "-c", "import rich.console, rich.table, tomllib"]
BUDGET = 1.5


@dataclass(frozen=True)
class Command:
    """A subcommand to time, with the arguments that follow ``quiz --data-dir DIR``."""

    name: str
    args: list[str]
    label: str


@dataclass
class Timing:
    """Side-by-side wall times, and what the import probe found."""

    floor: list[float]
    measured: list[float]
    textual_lines: list[str]
    exit_codes: set[int]


def implemented(name: str, env: dict[str, str]) -> bool:
    """Whether ``quiz NAME --help`` is accepted (argparse refuses an unknown command)."""
    probe = subprocess.run(
        [*quiz_command(), name, "--help"], env=env, capture_output=True, timeout=60
    )
    return probe.returncode == 0


def wall(argv: list[str], env: dict[str, str], timeout: float = 120.0) -> tuple[float, int]:
    """Seconds from spawning ``argv`` to its exit, and its exit code.

    ``subprocess.run(timeout=...)`` polls with sleeps of up to 50 ms, which
    would swamp a 30 ms floor; a blocking wait is exact, and a timer kills a
    hung child instead.
    """
    began = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watchdog = threading.Timer(timeout, child.kill)
    watchdog.start()
    try:
        code = child.wait()
    finally:
        watchdog.cancel()
    return time.perf_counter() - began, code


def textual_imports(command: Command, data_dir: Path, env: dict[str, str]) -> list[str]:
    """The ``-X importtime`` lines of one run that mention textual (none, we hope)."""
    argv = [
        sys.executable,
        "-X",
        "importtime",
        "-m",
        "quiz",
        "--data-dir",
        str(data_dir),
        *command.args,
    ]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    return [line for line in done.stderr.splitlines() if "textual" in line.lower()]


def measure(command: Command, data_dir: Path, env: dict[str, str], runs: int) -> Timing:
    """Time a command against the floor, alternating, after one warm-up run of each."""
    argv = [*quiz_command(), "--data-dir", str(data_dir), *command.args]
    wall(FLOOR, env)
    wall(argv, env)
    floors: list[float] = []
    measured: list[float] = []
    codes: set[int] = set()
    for run in range(runs):
        order = [(FLOOR, floors), (argv, measured)]
        for program, into in order if run % 2 == 0 else reversed(order):
            seconds, code = wall(program, env)
            into.append(seconds)
            if program is argv:
                codes.add(code)
    return Timing(floors, measured, textual_imports(command, data_dir, env), codes)


def row(
    command: Command, data_dir: Path, env: dict[str, str], runs: int, say: Callable[[str], None]
) -> Row:
    """One subcommand's row, or ``not implemented`` when ``quiz`` does not know it."""
    if not implemented(command.name, env):
        refused = f"`quiz {command.name} --help` is refused: no such subcommand yet"
        return Row(command.label, status=MISSING, notes=[refused])
    say(f"quiz {command.name}: {runs} runs each of it and the floor")
    timing = measure(command, data_dir, env, runs)
    result = versus_floor(
        command.label,
        Sample([seconds * 1000 for seconds in timing.floor]),
        Sample([seconds * 1000 for seconds in timing.measured]),
        BUDGET,
        floor_label="python -c 'import rich.console, rich.table, tomllib'",
    )
    result.budget += ", no Textual"
    if timing.textual_lines:
        result.status = OVER
        found = "; ".join(line.strip() for line in timing.textual_lines[:3])
        result.notes.append(f"`quiz {command.name}` imports Textual: {found}")
    else:
        result.notes.append(
            f"`python -X importtime -m quiz {command.name}`: Textual never imported"
        )
    if timing.exit_codes - {0, 1}:
        result.notes.append(f"`quiz {command.name}` exit codes: {sorted(timing.exit_codes)}")
    return result
