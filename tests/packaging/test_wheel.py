"""The built-in packs travel inside the wheel, not only in a source checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def uv_command() -> list[str]:
    found = os.environ.get("UV") or shutil.which("uv")
    if found:
        return [found]
    pytest.skip("uv is needed to build the wheel")


def test_wheel_carries_the_packs_and_finds_them(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    subprocess.run(
        [*uv_command(), "build", "--wheel", "--out-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = out.glob("quiz-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(name).name for name in names if name.startswith("quiz/questions/")}
    expected = {path.name for path in (ROOT / "questions").glob("*.toml")}
    texts = {path.name for path in (ROOT / "questions").glob("*.txt")}
    assert expected and texts and expected | texts <= shipped

    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    probe = (
        "import quiz, sys\n"
        "from quiz.store.paths import builtin_packs_dir\n"
        "from quiz.session import discover\n"
        "from quiz.store.packs import read_source_text, source_text_path\n"
        "folder = builtin_packs_dir()\n"
        "entries = discover(folder, builtin=True)\n"
        "print(folder.relative_to(sys.argv[1]))\n"
        "print(*sorted(e.pack.id for e in entries if e.pack), sep=',')\n"
        "texts = [source_text_path(e.pack) for e in entries if e.pack]\n"
        "print(all(read_source_text(p) for p in texts if p is not None))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    result = subprocess.run(
        [sys.executable, "-c", probe, str(unpacked)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    folder, ids, texts_read = result.stdout.split()
    assert folder == "quiz/questions"
    assert {"iran-quds-force-iraq", "tutorial"} <= set(ids.split(","))
    assert texts_read == "True"
