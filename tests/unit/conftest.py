"""Unit-test fixtures: the real pack, a small hand-made pack, clocks that move on demand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quiz.model.pack import Pack
from quiz.model.validate import parse_pack
from quiz.store.packs import load_pack

ROOT = Path(__file__).resolve().parents[2]
REAL_PACK_PATH = ROOT / "questions" / "iran-quds-force-iraq.toml"
REAL_PACK_ID = "iran-quds-force-iraq"

# Five questions, one of each shape the rules care about. Tests that need a
# fixed order build a Round from ``list(pack.questions)`` or look at ``current``.
SMALL_PACK = """\
format = 1

[pack]
id = "small"
title = "Small pack"

[pack.source]
title = "A report"
publisher = "A paper"

[[questions]]
id = "v-supported"
kind = "verdict"
prompt = "The report says it rained."
answer = "supported"
evidence = ["It rained."]
explanation = "It says so."
difficulty = 1
tags = ["weather"]

[[questions]]
id = "c-who"
kind = "choice"
prompt = "Who said it?"
answer = "Bob"
choices = ["Alice", "Bob", "Carol", "Dave"]
evidence = ["Bob said it."]
explanation = "Bob is quoted."
difficulty = 2
tags = ["sourcing"]

[[questions]]
id = "n-troops"
kind = "number"
prompt = "How many troops?"
answer = 1600
unit = "troops"
evidence = ["1,600 troops"]
explanation = "The report gives the number."
difficulty = 3

[[questions]]
id = "n-about"
kind = "number"
prompt = "About how many?"
answer = 100
tolerance = 5
evidence = ["about a hundred"]
explanation = "Roughly a hundred."
difficulty = 1

[[questions]]
id = "v-contradicted"
kind = "verdict"
prompt = "The report says it was sunny."
answer = "contradicted"
evidence = ["It rained."]
explanation = "It rained instead."
difficulty = 2
"""


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeNow:
    """A wall clock that advances one second every time it is read."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment


@pytest.fixture
def clock() -> FakeClock:
    """A fresh fake monotonic clock."""
    return FakeClock()


@pytest.fixture
def fake_now() -> FakeNow:
    """A fresh fake wall clock."""
    return FakeNow()


@pytest.fixture(scope="session")
def real_pack() -> Pack:
    """The article pack that ships with the game."""
    return load_pack(REAL_PACK_PATH)


@pytest.fixture(scope="session")
def small_pack() -> Pack:
    """Five questions: two verdicts, a choice, an exact number and a number with tolerance."""
    return parse_pack(SMALL_PACK.encode(), "small.toml")


@pytest.fixture
def small_pack_file(tmp_path: Path) -> Path:
    """The small pack written to a file."""
    path = tmp_path / "small.toml"
    path.write_text(SMALL_PACK, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def real_pack_path() -> Path:
    """Where the article pack lives in the repository."""
    return REAL_PACK_PATH


@pytest.fixture(scope="session")
def small_pack_text() -> str:
    """The TOML text of the small pack."""
    return SMALL_PACK


@pytest.fixture
def make_clock() -> type[FakeClock]:
    """The fake clock class, for tests that need a second clock."""
    return FakeClock
