"""Fixtures for the command-line tests: a data folder, pack files and a runner for ``main``.

Helpers are offered as fixtures rather than imported from this module:
several test folders have a ``conftest.py``, so ``import conftest`` would be
ambiguous.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomli_w

from quiz.__main__ import main
from quiz.store import paths
from quiz.store.schema import LEGACY_FORMAT

ROOT = Path(__file__).resolve().parents[2]
BUILTIN_PACK = ROOT / "questions" / "iran-quds-force-iraq.toml"
BUILTIN_ID = "iran-quds-force-iraq"
# The article lives beside the repository, in the shared folder of the
# project; a fresh clone may not have it, and the tests that need it skip.
ARTICLE = ROOT / ".." / "shared" / "source" / "article.txt"

SOURCE = (
    "Riverside Library Reopens\n\n"
    "The library reopened on Monday, eight months after a flood. "
    "Repairs cost $1.2 million, paid mostly by the town\u2019s insurance.\n\n"
    "\u201cWe lost about 4,000 books, but the children\u2019s collection survived,\u201d "
    "said head librarian Ana Costa.\n"
)


def pack_text(
    pack_id: str = "mine",
    questions: Sequence[str] = ("q1",),
    *,
    title: str = "My pack",
    evidence: Sequence[str] = ("The library reopened on Monday",),
    text: str | None = None,
) -> str:
    """A valid pack: one verdict question per id, each quoting ``evidence``.

    With ``text``, the pack has a ``[pack.source]`` table naming that source text.
    """
    quotes = ", ".join(_toml_string(quote) for quote in evidence)
    lines = [
        "format = 1",
        "",
        "[pack]",
        f"id = {_toml_string(pack_id)}",
        f"title = {_toml_string(title)}",
    ]
    if text is not None:
        lines += ["", "[pack.source]", 'title = "Riverside Library Reopens"']
        lines.append(f"text = {_toml_string(text)}")
    for question in questions:
        lines += [
            "",
            "[[questions]]",
            f'id = "{question}"',
            'kind = "verdict"',
            # Said in other words than its evidence, as a supported claim should be.
            'prompt = "The library opened its doors again at the start of the week."',
            'answer = "supported"',
            f"evidence = [{quotes}]",
            'explanation = "The report says so."',
        ]
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    """A TOML basic string: every escape json.dumps writes means the same in TOML."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class Result:
    """What one run of ``quiz`` did."""

    code: int
    out: str
    err: str


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def user_packs(data_dir: Path) -> Path:
    """The user pack folder of ``data_dir`` (not created)."""
    return paths.user_packs_dir(data_dir)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A folder for the author's own pack files, outside the data folder."""
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


@pytest.fixture
def source(files: Path) -> Path:
    """A small article file with typographic quotes."""
    path = files / "article.txt"
    path.write_text(SOURCE, encoding="utf-8")
    return path


@pytest.fixture
def quiz(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``quiz --data-dir DATA ARGS...`` in-process and capture its output."""

    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), *map(str, args)])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def article() -> Path:
    """The real article the built-in pack quotes; skips when it is not there."""
    if not ARTICLE.is_file():
        pytest.skip(f"the shared article is not at {ARTICLE.resolve()}")
    return ARTICLE


@pytest.fixture
def builtin_pack() -> Path:
    """The built-in pack file of this repository."""
    return BUILTIN_PACK


@pytest.fixture
def builtin_id() -> str:
    """The built-in pack's id."""
    return BUILTIN_ID


@pytest.fixture
def make_pack(files: Path) -> Callable[..., Path]:
    """Write a valid pack file (see :func:`pack_text`) into ``files`` and return its path."""

    def make(name: str = "mine.toml", pack_id: str = "mine", **options: object) -> Path:
        path = files / name
        path.write_text(pack_text(pack_id, **options), encoding="utf-8")  # type: ignore[arg-type]
        return path

    return make


@pytest.fixture
def record_progress(data_dir: Path) -> Callable[[str, Sequence[str], int], None]:
    """Write a progress file in which these questions of a pack were answered.

    It is the single file of format 1, which the pack commands read as they
    read the players' files, until a game moves it into the new layout.
    """

    def record(pack_id: str, questions: Sequence[str], best: int = 0) -> None:
        # Format 1 kept each question's figures as a table of named fields.
        stats = {
            "rounds": 1,
            "best": best,
            "last": best,
            "questions": {qid: {"seen": 1, "correct": 1, "last": "2025"} for qid in questions},
        }
        document = {"format": LEGACY_FORMAT, "packs": {pack_id: stats}}
        paths.progress_path(data_dir).write_text(tomli_w.dumps(document), "utf-8")

    return record
