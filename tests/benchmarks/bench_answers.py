"""UI-thread time per answer: the real QuizApp under Textual's Pilot, with years of history.

Three spans are timed for every answer:

* **handler**: ``PlayScreen.submit``, the work the UI thread does between the
  key and the feedback being in place, ready for the next frame (the round,
  ``Session.answer``, removing the answer pad and mounting the feedback);
* **key → feedback frame**: from handing the key to the driver until the app
  renders the first frame in which the ``Feedback`` widget is mounted and laid
  out (``App._display`` is wrapped to see it; headless, the frame is computed
  but not written);
* **press + pause**: ``await pilot.press`` then ``await pilot.pause()``, which
  also waits until the whole process is idle, the saver thread included, in
  steps of Pilot's 20 ms polls.

The player file's ``write_atomic`` and ``rtoml.dumps`` are wrapped to record
which thread runs them, to confirm that neither the serialising nor the
writing happens on the UI thread. The save itself starts once the frame with
the feedback is drawn (:attr:`quiz.session.Session.schedule_save`).
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import rtoml

from quiz.app import QuizApp
from quiz.screens.play import PlayScreen
from quiz.screens.results import ResultsScreen
from quiz.session import Session
from quiz.store import paths
from quiz.store import player_file as player_file_module
from quiz.widgets.feedback import Feedback

KEY_NAMES = {".": "full_stop", ",": "comma", "-": "minus"}


@dataclass
class Answers:
    """What the Pilot run measured, in milliseconds."""

    handler: list[float] = field(default_factory=list)
    answered: list[float] = field(default_factory=list)
    to_feedback: list[float] = field(default_factory=list)
    with_pause: list[float] = field(default_factory=list)
    writes: list[str] = field(default_factory=list)
    dumps: list[str] = field(default_factory=list)
    ui_thread: str = ""


def _timed(original: Any, into: list[float]) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            into.append((time.perf_counter() - began) * 1000)

    return wrapper


def _timed_async(original: Any, into: list[float]) -> Any:
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return await original(*args, **kwargs)
        finally:
            into.append((time.perf_counter() - began) * 1000)

    return wrapper


def _thread_noted(original: Any, into: list[str]) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        into.append(threading.current_thread().name)
        return original(*args, **kwargs)

    return wrapper


class FrameProbe:
    """Notes the time of the first frame that shows a Feedback, once armed."""

    def __init__(self) -> None:
        self.armed = False
        self.painted: float | None = None

    def arm(self) -> None:
        """Wait for the next frame that shows feedback."""
        self.armed, self.painted = True, None

    def wrap(self, original: Any) -> Any:
        """Wrap ``App._display``, which every rendered frame passes through."""
        probe = self

        def display(app: QuizApp, screen: Any, renderable: Any) -> Any:
            if (
                probe.armed
                and renderable is not None
                and any(
                    feedback.is_mounted and feedback.size.height > 0
                    for feedback in screen.query(Feedback)
                )
            ):
                probe.painted, probe.armed = time.perf_counter(), False
            return original(app, screen, renderable)

        return display


async def _play(
    app: QuizApp, count: int, rng: random.Random, result: Answers, probe: FrameProbe
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        result.ui_thread = threading.current_thread().name
        while len(result.to_feedback) < count:
            screen = app.screen
            if isinstance(screen, ResultsScreen):
                await pilot.press("a")  # play again
                await pilot.pause()
                continue
            if not isinstance(screen, PlayScreen) or screen.play.current is None:
                raise RuntimeError(f"expected a question, found {type(screen).__name__}")
            question = screen.play.current
            if question.kind == "number":
                text = question.answer if rng.random() < 0.7 else "987654"
                await pilot.press(*[KEY_NAMES.get(c, c) for c in text])
                await pilot.pause()
                key = "enter"
            else:
                key = str(rng.randint(1, len(screen.play.options(question))))
            probe.arm()
            began = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            idle = time.perf_counter()
            if probe.painted is None:
                raise RuntimeError("no frame showed the feedback after the answer")
            result.to_feedback.append((probe.painted - began) * 1000)
            result.with_pause.append((idle - began) * 1000)
            await pilot.press("enter")
            await pilot.pause()


def measure(data_dir: Path, pack_id: str, count: int, seed: int = 3) -> Answers:
    """Answer ``count`` questions of a pack in the real app, playing again after each round.

    Args:
        data_dir: A data folder holding the history (its player's file changes).
        pack_id: The installed pack to play.
        count: How many answers to time.
        seed: Fixes the questions' order and the answers given.

    Returns:
        The times, and the threads the saver wrote on.
    """
    result = Answers()
    probe = FrameProbe()
    session = Session(data_dir, builtin_dir=paths.builtin_packs_dir())
    pack = session.library.find_pack(pack_id)
    app = QuizApp(session, start=session.start_round(pack, seed=seed))
    with ExitStack() as stack:
        for owner, name, wrap in (
            (QuizApp, "_display", probe.wrap(QuizApp._display)),
            (PlayScreen, "submit", _timed_async(PlayScreen.submit, result.handler)),
            (Session, "answer", _timed(Session.answer, result.answered)),
            (
                player_file_module,
                "write_atomic",
                _thread_noted(player_file_module.write_atomic, result.writes),
            ),
            (rtoml, "dumps", _thread_noted(rtoml.dumps, result.dumps)),
        ):
            stack.enter_context(mock.patch.object(owner, name, wrap))
        try:
            asyncio.run(_play(app, count, random.Random(seed), result, probe))
        finally:
            session.close()
    return result
