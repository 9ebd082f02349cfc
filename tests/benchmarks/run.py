"""The benchmark suite of issue 6: every budget, measured beside its floor in the same run.

Run it from the repository::

    uv run python tests/benchmarks/run.py            # full sizes, for the README
    uv run python tests/benchmarks/run.py --quick    # small sizes, for CI

It generates its own data in a temporary folder (never the player's data
folder), prints the machine and the date, then one Markdown table of medians,
min–max and ratios against each budget. A missed budget says ``over`` in the
table; the exit code is 1 for that only with ``--strict``. A measurement that
cannot be taken at all says ``error`` and makes the exit code 2.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bench_answers
import bench_cli
import bench_data
import bench_disk
import bench_keys
import bench_pty
from bench_table import (
    ERROR,
    OVER,
    Row,
    Sample,
    beside_floor,
    failed,
    info,
    machine,
    number,
    render,
    versus_budget,
    versus_floor,
)

from quiz.store.packs import load_pack

FRAME_MS = 16.0
SAVE_MS = 30.0
PROGRESS_BYTES = 1_000_000


@dataclass(frozen=True)
class Plan:
    """How big and how often: the full run and the quick one differ only here."""

    runs: int
    answers: int
    saves: int
    packs: tuple[int, ...]
    parses: int
    days: int
    keys: int


FULL = Plan(runs=11, answers=30, saves=15, packs=(1_000, 10_000), parses=21, days=3_650, keys=3)
QUICK = Plan(runs=3, answers=8, saves=5, packs=(100, 1_000), parses=3, days=3_650, keys=2)


def say(text: str) -> None:
    """Progress, on standard error so the table alone goes to standard output."""
    print(text, file=sys.stderr, flush=True)


def ms(seconds: list[float]) -> Sample:
    """Seconds as a sample in milliseconds."""
    return Sample([value * 1000 for value in seconds])


def home_and_memory(history: bench_data.History, work: Path, plan: Plan) -> list[Row]:
    """Start-up to the home screen and peak memory there, against a one-Label app."""
    years = f"{plan.days / 365:.0f}-year history"
    floor_app = bench_pty.write_floor_app(work)
    env = bench_pty.environment(history.data_dir, work / "pycache")
    say(f"home screen in a pty: {plan.runs} starts each of the floor and the game")
    floors, games = bench_pty.interleaved(
        plan.runs,
        [sys.executable, str(floor_app)],
        [*bench_pty.quiz_command(), "--data-dir", str(history.data_dir)],
        bench_pty.FLOOR_TEXT,
        history.first_title,
        env,
    )
    label = "one-Label app"
    home = versus_floor(
        f"home screen visible in a pty, {years}",
        ms([start.seconds for start in floors]),
        ms([start.seconds for start in games]),
        1.2,
        floor_label=label,
    )
    memory = versus_floor(
        "peak RSS (VmHWM) at the home screen",
        Sample([start.peak_kib / 1024 for start in floors], "MiB"),
        Sample([start.peak_kib / 1024 for start in games], "MiB"),
        1.25,
        floor_label=label,
    )
    return [home, memory]


def key_frames(history: bench_data.History, work: Path, plan: Plan) -> list[Row]:
    """Answer → feedback and Enter → next question in a pty, against a bare app's key → Label."""
    env = bench_pty.environment(history.data_dir, work / "pycache")
    pack = load_pack(history.pack_files[0])
    say(f"keys in a pty: {plan.runs} games of {plan.keys} answers, and as many floor keys")
    times = bench_keys.keys(history.data_dir, pack, env, work, plan.runs, plan.keys)
    label = "bare app, key → Label"
    return [
        versus_floor(
            "answer → feedback visible in a pty, 10-year history",
            ms(times.floor),
            ms(times.feedback),
            1.3,
            floor_label=label,
        ),
        versus_floor(
            "Enter → next question visible in a pty",
            ms(times.floor),
            ms(times.next_question),
            1.3,
            floor_label=label,
        ),
        beside_floor(
            "  a bare app swapping three Buttons for four Statics per key (no game)",
            ms(times.floor),
            ms(times.swap),
            floor_label=label,
        ),
    ]


def first_question(work: Path, plan: Plan) -> list[Row]:
    """The first question of a large pack, against a 20-question pack's plus parsing the large."""
    count = plan.packs[-1]
    env = bench_pty.environment(work / "unused", work / "pycache")
    files: dict[int, Path] = {}
    for size in (20, count):
        data, _ = bench_data.big_pack(size)
        files[size] = work / f"first-{size}.toml"
        files[size].write_bytes(data)
    packs = {size: load_pack(path) for size, path in files.items()}
    say(f"first question of a {count:,}-question pack and of a 20-question one: {plan.runs} each")
    _, loads = bench_disk.parse_times(files[count].read_bytes(), plan.runs)
    small: list[float] = []
    large: list[float] = []
    for run in range(plan.runs + 1):
        pair = [(20, small), (count, large)]
        for size, into in pair if run % 2 == 0 else reversed(pair):
            seconds = bench_keys.first_question(files[size], packs[size], env, work)
            if run:  # the first of each compiles and warms
                into.append(seconds * 1000)
    floor = [start + load for start, load in zip(small, loads, strict=True)]
    return [
        versus_floor(
            f"first question of a {count:,}-question pack visible in a pty",
            Sample(floor),
            Sample(large),
            1.5,
            floor_label=f"a 20-question pack's + parse_pack of the {count:,}",
        ),
        info("  of which the 20-question pack's first question", Sample(small)),
        info(f"  of which parse_pack of the {count:,}-question pack", Sample(loads)),
    ]


def startup_parts(history: bench_data.History, plan: Plan) -> list[Row]:
    """What the game does before its first frame, timed in-process."""
    opened, listed, count = bench_disk.startup(history.data_dir, plan.runs)
    return [
        info(
            "  history read on a thread after the first frame (the whole player's file)",
            Sample(opened),
        ),
        info(f"  before the first frame: packs() loads {count} packs", Sample(listed)),
    ]


def answers(history: bench_data.History, work: Path, plan: Plan) -> list[Row]:
    """UI-thread time per answer in the real app, with the history loaded."""
    folder = work / "play"
    shutil.copytree(history.data_dir, folder)
    say(f"answers under Pilot: {plan.answers}")
    result = bench_answers.measure(folder, "bench-000", plan.answers)
    handler = versus_budget(
        "UI thread per answer: PlayScreen.submit",
        Sample(result.handler),
        FRAME_MS,
        stat="p95",
        floor=f"one frame: {FRAME_MS:g} ms",
        budget_label="≤ 1.0× p95",
    )
    return [
        handler,
        info(
            "  of which Session.answer (judge, count; the save follows the frame)",
            Sample(result.answered),
        ),
        info("  key → first frame showing the feedback", Sample(result.to_feedback)),
        info("  pilot.press + pilot.pause (until the process is idle)", Sample(result.with_pause)),
        *saver_thread(result),
    ]


def saver_thread(result: bench_answers.Answers) -> list[Row]:
    """A row that fails unless every file write ran off the UI thread."""
    threads = sorted(set(result.writes + result.dumps))
    off = bool(result.writes) and result.ui_thread not in threads
    shown = ", ".join(threads) or "none"
    return [
        Row(
            "  saves run off the UI thread (BackgroundSaver)",
            measured=f"{len(result.writes)} writes, {len(result.dumps)} dumps, on: {shown}",
            budget=f"never on {result.ui_thread}",
            status="ok" if off else OVER,
        )
    ]


def saving(history: bench_data.History, work: Path, plan: Plan) -> list[Row]:
    """The saver thread's work per answer, on a copy of the history."""
    folder = work / "save"
    shutil.copytree(history.data_dir, folder)
    say(f"durable saves: {plan.saves}")
    result = bench_disk.saves(folder, plan.saves)
    say(f"reading and writing the player's file: {plan.parses} of each, by library")
    formats = bench_disk.formats(folder, plan.parses)
    size = f"{formats.size / 1e6:.2f} MB"
    return [
        versus_budget(
            f"durable save per answer: render + write_atomic, {history.rounds:,} rounds "
            "(saver thread)",
            Sample(result.total),
            SAVE_MS,
        ),
        info("  of which render (rtoml.dumps of the whole file)", Sample(result.dumps)),
        info("  snapshot of the progress (UI thread)", Sample(result.snapshot)),
        info("  of which write_atomic (two fsyncs)", Sample(result.write)),
        versus_floor(
            f"read the player's file ({size}): rtoml.loads, against tomllib.loads",
            Sample(formats.reads["tomllib"]),
            Sample(formats.reads["rtoml"]),
            1.0,
            floor_label="tomllib.loads",
        ),
        versus_floor(
            f"write the player's file ({size}): rtoml.dumps, against tomli_w.dumps",
            Sample(formats.writes["tomli_w"]),
            Sample(formats.writes["rtoml"]),
            1.0,
            floor_label="tomli_w.dumps",
        ),
    ]


def progress_size(history: bench_data.History, plan: Plan) -> list[Row]:
    """The size of the player's file the game wrote for the history."""
    size = history.progress_bytes
    return [
        Row(
            f"progress saved after {plan.days / 365:.0f} years ({history.rounds:,} rounds, "
            f"{history.questions:,} questions)",
            measured=f"{size:,} bytes",
            ratio=size / PROGRESS_BYTES,
            budget="≤ 1 MB (10⁶ bytes)",
            status="ok" if size <= PROGRESS_BYTES else OVER,
        )
    ]


def commands(history: bench_data.History, work: Path, plan: Plan) -> list[Row]:
    """``quiz packs``, ``quiz check FILE`` and ``quiz scores`` against Python plus Rich."""
    env = bench_pty.environment(history.data_dir, work / "pycache")
    file = str(history.pack_files[0])
    return [
        bench_cli.row(command, history.data_dir, env, plan.runs, say)
        for command in (
            bench_cli.Command("packs", ["packs"], "`quiz packs`"),
            bench_cli.Command("check", ["check", file], "`quiz check FILE` (20 questions)"),
            bench_cli.Command("scores", ["scores"], "`quiz scores`"),
        )
    ]


def packs(plan: Plan) -> list[Row]:
    """``parse_pack`` on generated packs against a bare ``tomllib.loads``."""
    rows = []
    for count in plan.packs:
        say(f"pack of {count:,} questions: generating, then {plan.parses} parses each")
        data, note = bench_data.big_pack(count)
        floors, measured = bench_disk.parse_times(data, plan.parses)
        row = versus_floor(
            f"load + validate a {count:,}-question pack ({len(data) / 1e6:.2f} MB)",
            Sample(floors),
            Sample(measured),
            1.15,
            floor_label="tomllib.loads",
        )
        row.notes += [note] if note else []
        rows.append(row)
    return rows


def guarded(name: str, measure: Callable[[], list[Row]]) -> list[Row]:
    """Run one measurement; if it breaks, an ``error`` row says why and the rest go on."""
    try:
        return measure()
    except Exception as error:  # noqa: BLE001 - one broken measure must not hide the others
        traceback.print_exc()
        return [failed(name, f"{name}: {type(error).__name__}: {error}")]


def main(argv: list[str] | None = None) -> int:
    """Generate the data, measure everything, print the report.

    Returns:
        0, or 1 under ``--strict`` when a budget is missed, or 2 when a measure failed.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and few repeats (CI)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is missed")
    parser.add_argument("--work-dir", type=Path, help="where to make the temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the generated data")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    began = time.perf_counter()
    if args.work_dir is not None:
        args.work_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="quiz-bench-", dir=args.work_dir))
    try:
        say(f"generating {plan.days:,} rounds over 100 packs in {work}")
        history = bench_data.build_history(work / "data", days=plan.days)
        rows: list[Row] = []
        for name, measure in (
            ("home screen", lambda: home_and_memory(history, work, plan)),
            ("start-up parts", lambda: startup_parts(history, plan)),
            ("answers", lambda: answers(history, work, plan)),
            ("keys in a pty", lambda: key_frames(history, work, plan)),
            ("first question of a large pack", lambda: first_question(work, plan)),
            ("saving", lambda: saving(history, work, plan)),
            ("commands", lambda: commands(history, work, plan)),
            ("pack loading", lambda: packs(plan)),
            ("progress size", lambda: progress_size(history, plan)),
        ):
            rows += guarded(name, measure)
        mode = "quick" if args.quick else "full"
        print(f"## quiz benchmarks ({mode} run)\n")
        header = [
            *machine(work),
            f"bytecode: cached in {work / 'pycache'} for every child process; "
            "one unmeasured start of each warms it",
        ]
        print("\n".join(f"    {line}" for line in header))
        print()
        print(render(rows))
        took = time.perf_counter() - began
        print(f"\n{mode} run took {number(took)} s")
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if any(row.status == ERROR for row in rows):
        return 2
    return 1 if args.strict and any(row.status == OVER for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
