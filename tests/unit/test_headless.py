"""The rules, the store and the session never import Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEADLESS = (
    "quiz.model.article",
    "quiz.model.pack",
    "quiz.model.round",
    "quiz.model.scoring",
    "quiz.model.history",
    "quiz.model.gameable",
    "quiz.model.hints",
    "quiz.store.progress",
    "quiz.store.saver",
    "quiz.session",
)


def test_headless_modules_do_not_import_textual() -> None:
    code = f"import {', '.join(HEADLESS)}, sys; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
