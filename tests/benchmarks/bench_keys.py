"""Keys to frames in a real pseudo-terminal, and the first question of a large pack.

A key is written to the terminal and the clock stops at the read that brought
the awaited text, escape sequences stripped, among what the program wrote
after the key: the feedback after an answer (``✔ Right``), the next
question after Enter: its prompt and the way to answer it (the last option,
or the number entry), since a question drawn without them cannot be answered
yet. The floor is a bare Textual app that updates one Label on every key, in
the same terminal. Beside it, a bare app swaps three Buttons for four Statics
on every key: the least a frame must change to replace an answer pad with its
feedback, as the game's tests require, with none of the game's work.

The game plays a round of a benchmark pack with a known seed; the model,
given the same seed, says which keys answer each question right and what the
next prompt is. Each run gets its own copy of the data folder, so every start
is the same, and the game is killed when the run is over.
"""

from __future__ import annotations

import os
import select
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from bench_pty import _ESCAPES, COLUMNS, LINES, _kill, _tail, quiz_command
from ptyprocess import PtyProcess

from quiz.model.pack import Pack, Question
from quiz.model.round import Round
from quiz.widgets.number_entry import PLACEHOLDER

ENTER = "\r"
FLOOR_KEYS_TEXT = "bare Label waiting for a key"
FLOOR_KEYS_APP = f'''"""The floor: a bare Textual app whose one Label says how many keys arrived."""

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Label


class Floor(App[None]):
    keys = 0

    def compose(self) -> ComposeResult:
        yield Label("{FLOOR_KEYS_TEXT}")

    def on_key(self, event: events.Key) -> None:
        self.keys += 1
        self.query_one(Label).update(f"key number {{self.keys}} arrived")


Floor().run()
'''

SWAP_KEYS_APP = f'''"""The least an answer's frame can hold: a bare Textual app whose every key
swaps three Buttons for a container of four one-line Statics (a verdict, why, a
quote, how to go on), and back, as the game swaps its answer pad and feedback."""

from textual import events
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Label, Static


class Swap(App[None]):
    CSS = "Button {{ border: none; height: 1; min-width: 10; }}"
    keys = 0

    def compose(self) -> ComposeResult:
        yield Label("{FLOOR_KEYS_TEXT}")
        yield Vertical(Button("Supported"), Button("Contradicted"), Button("Not stated"))

    def on_key(self, event: events.Key) -> None:
        self.keys += 1
        said = f"key number {{self.keys}} arrived"
        shown = self.query_one(Vertical)
        if shown.query(Button):
            swapped = Vertical(
                Static(said), Static("Why: it says so."), Static("a quote"), Static("Go on.")
            )
        else:
            swapped = Vertical(Button(said), Button("Contradicted"), Button("Not stated"))
        shown.remove()
        self.mount(swapped)


Swap().run()
'''


class Live:
    """A program running in a pty, read as it draws."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.argv = argv
        self.output = bytearray()
        self.began = time.perf_counter()
        self.child = PtyProcess.spawn(argv, env=env, dimensions=(LINES, COLUMNS))

    def wait(self, needle: str | tuple[str, ...], since: int = 0, timeout: float = 120.0) -> float:
        """When ``needle`` (every one of them) was drawn in what came after byte ``since``:
        the read's clock.

        Raises:
            RuntimeError: It never was, or the program ended first.
        """
        wanted = [
            text.encode("utf-8") for text in ((needle,) if isinstance(needle, str) else needle)
        ]

        def drawn() -> bool:
            shown = _ESCAPES.sub(b"", bytes(self.output[since:]))
            return all(text in shown for text in wanted)

        deadline = time.perf_counter() + timeout
        while True:
            if drawn():
                return time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0:
                shown = _tail(self.output)
                raise RuntimeError(f"{needle!r} not drawn within {timeout:.0f} s: {shown}")
            ready, _, _ = select.select([self.child.fd], [], [], min(left, 0.5))
            if not ready:
                if not self.child.isalive():
                    raise RuntimeError(f"{self.argv[-1]} ended: {_tail(self.output)}")
                continue
            try:
                chunk = os.read(self.child.fd, 1 << 20)
            except OSError:
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{self.argv[-1]} closed the terminal: {_tail(self.output)}")
            arrived = time.perf_counter()
            self.output.extend(chunk)
            if drawn():
                return arrived

    def press(self, keys: str, needle: str | tuple[str, ...]) -> float:
        """Seconds from writing ``keys`` to ``needle`` drawn after them."""
        mark = len(self.output)
        began = time.perf_counter()
        os.write(self.child.fd, keys.encode("utf-8"))
        return self.wait(needle, mark) - began

    def settle(self, seconds: float = 0.15) -> None:
        """Read whatever the program still draws for a moment, so the next key starts clean."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.child.fd], [], [], left)
            if ready:
                try:
                    self.output.extend(os.read(self.child.fd, 1 << 20))
                except OSError:
                    return


@contextmanager
def running(argv: list[str], env: dict[str, str]) -> Iterator[Live]:
    """A program in a pty for the ``with`` block, killed after it."""
    live = Live(argv, env)
    try:
        yield live
    finally:
        _kill(live.child)


@dataclass
class Keys:
    """Key-to-frame times, in seconds, of the floor and of the game."""

    floor: list[float] = field(default_factory=list)
    swap: list[float] = field(default_factory=list)
    feedback: list[float] = field(default_factory=list)
    next_question: list[float] = field(default_factory=list)


def write_floor_app(folder: Path, text: str = FLOOR_KEYS_APP) -> Path:
    """Write the one-Label key floor app (or another bare app) into ``folder`` and
    return its path."""
    path = folder / ("floor_keys_app.py" if text == FLOOR_KEYS_APP else "swap_keys_app.py")
    path.write_text(text, encoding="utf-8")
    return path


def answer_keys(play: Round, question: Question) -> tuple[str, str]:
    """The keys typed before the answer is given, and the key that gives it (right)."""
    if question.kind == "number":
        return question.answer, ENTER
    options = play.options(question)
    return "", str(next(i for i, o in enumerate(options, 1) if o.value == question.answer))


def prompt_needle(question: Question) -> str:
    """The start of a prompt, short enough to sit on the first line it is drawn on."""
    return question.prompt[:40]


def question_needles(play: Round, question: Question) -> tuple[str, str]:
    """The start of a prompt and of the last way to answer it: the question is
    drawn whole when both are."""
    if question.kind == "number":
        return prompt_needle(question), PLACEHOLDER
    return prompt_needle(question), play.options(question)[-1].label[:20]


def game_run(
    argv: list[str], env: dict[str, str], pack: Pack, seed: int, answers: int, into: Keys
) -> None:
    """One game: answer ``answers`` questions right, timing each answer and each Enter."""
    play = Round.new(pack, seed=seed, count=answers + 1, clock=lambda: 0.0)
    with running(argv, env) as game:
        first = play.current
        assert first is not None
        game.wait(prompt_needle(first))
        for _ in range(answers):
            question = play.current
            assert question is not None
            typed, key = answer_keys(play, question)
            game.settle()
            if typed:
                mark = len(game.output)
                os.write(game.child.fd, typed.encode("utf-8"))
                game.wait(typed, mark)
                game.settle()
            into.feedback.append(game.press(key, "\u2714 Right"))
            play.answer(question.answer)
            upcoming = play.current
            assert upcoming is not None
            game.settle()
            into.next_question.append(game.press(ENTER, question_needles(play, upcoming)))


def floor_run(argv: list[str], env: dict[str, str], presses: int, into: list[float]) -> None:
    """One floor app (or the swapping app): ``presses`` keys, each timed to the text
    that counts it."""
    with running(argv, env) as floor:
        floor.wait(FLOOR_KEYS_TEXT)
        for number in range(1, presses + 1):
            floor.settle()
            into.append(floor.press("x", f"key number {number} arrived"))


def keys(
    data_dir: Path, pack: Pack, env: dict[str, str], work: Path, runs: int, answers: int
) -> Keys:
    """Key-to-frame times of the game on ``pack``, of the floor and of the swapping
    app, runs alternating.

    The floor and the swapping app press as many keys per run as the game
    answers, so the n-th time of each is one of three taken side by side.
    """
    floor_app = write_floor_app(work)
    floor_argv = [sys.executable, str(floor_app)]
    swap_argv = [sys.executable, str(write_floor_app(work, SWAP_KEYS_APP))]
    result = Keys()
    warm = Keys()
    for run in range(runs + 1):
        copy = Path(tempfile.mkdtemp(prefix="keys-", dir=work))
        folder = copy / "data"
        shutil.copytree(data_dir, folder)
        game_argv = [
            *quiz_command(),
            "--data-dir",
            str(folder),
            "play",
            pack.id,
            "--seed",
            str(run),
            "--questions",
            str(answers + 1),
            "--no-confidence",
        ]
        into = warm if run == 0 else result  # the first run of each compiles and warms
        side_by_side = [
            partial(floor_run, floor_argv, env, answers, into.floor),
            partial(game_run, game_argv, env, pack, run, answers, into),
            partial(floor_run, swap_argv, env, answers, into.swap),
        ]
        for action in side_by_side if run % 2 == 0 else reversed(side_by_side):
            action()
        shutil.rmtree(copy, ignore_errors=True)
    return result


def first_question(
    pack_file: Path, pack: Pack, env: dict[str, str], work: Path, timeout: float = 300.0
) -> float:
    """Seconds from starting ``quiz play FILE`` in a fresh data folder to its first prompt."""
    folder = Path(tempfile.mkdtemp(prefix="first-", dir=work))
    play = Round.new(pack, seed=1, count=1, clock=lambda: 0.0)
    question = play.current
    assert question is not None
    argv = [
        *quiz_command(),
        "--data-dir",
        str(folder),
        "play",
        str(pack_file),
        "--seed",
        "1",
        "--questions",
        "1",
        "--no-confidence",
    ]
    try:
        with running(argv, env) as game:
            return game.wait(prompt_needle(question), timeout=timeout) - game.began
    finally:
        shutil.rmtree(folder, ignore_errors=True)
