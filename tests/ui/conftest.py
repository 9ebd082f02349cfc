"""Fixtures for Pilot and snapshot tests: a session on a temporary folder with fixed time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from quiz.app import QuizApp
from quiz.session import Session

ROOT = Path(__file__).resolve().parents[2]
BUILTIN = ROOT / "questions"
PACK_ID = "iran-quds-force-iraq"


class ManualClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def fixed_now() -> datetime:
    return datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def make_session(tmp_path: Path, clock: ManualClock):
    """Build sessions on one data folder, as successive starts of the game would."""

    def make(builtin_dir: Path = BUILTIN) -> Session:
        return Session(
            tmp_path / "data", clock=clock, now=fixed_now, builtin_dir=builtin_dir, player="ana"
        )

    return make


@pytest.fixture
def make_app(make_session):
    """Build an app, optionally straight into a round of the built-in pack."""

    def make(*, seed: int | None = None, count: int | None = None, builtin_dir: Path = BUILTIN):
        session = make_session(builtin_dir)
        start = None
        if seed is not None:
            library = session.library
            pack = library.find_pack(PACK_ID) if builtin_dir == BUILTIN else library.packs()[0].pack
            start = session.start_round(pack, seed=seed, count=count)
        app = QuizApp(session, start=start)
        # No timed effects (the brief reveal of the right answer): a snapshot is the same
        # however long the machine takes to draw it.
        app.animation_level = "none"
        return app

    return make
