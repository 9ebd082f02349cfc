"""Output that cannot hold every character degrades, never crashes: the issue's commands.

``quiz packs``, ``quiz scores``, ``quiz check`` and ``quiz add`` run as
subprocesses under ``PYTHONIOENCODING=latin-1``, ``ascii`` and a C locale with
UTF-8 mode off, on a history of a player named "Zoë 李" and a pack titled with a
dash, an emoji and Chinese, and on pack files whose names are not ASCII.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_corpus import pack, question

from quiz.session import Session

PLAYER = "Zo\u00eb \u674e"
TITLE = "Fact \u2014 check \U0001f3af \u674e"
NAME = "pack-\u00e9\u674e\u2014.toml"
ENVIRONMENTS = {
    "latin-1": {"PYTHONIOENCODING": "latin-1"},
    "ascii": {"PYTHONIOENCODING": "ascii"},
    "C": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"},
}
# What the encoding makes of the player's name and the pack file's name.
SHOWN = {
    "latin-1": ("Zo\u00eb ?", "pack-\u00e9??.toml"),
    "ascii": ("Zo? ?", "pack-???.toml"),
    "C": ("Zo? ?", "pack-???.toml"),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with one finished round of a user pack, and two pack files."""
    root = tmp_path_factory.mktemp("encodings")
    packs = root / "data" / "packs"
    packs.mkdir(parents=True)
    (packs / "mine.toml").write_text(pack("mine", TITLE), "utf-8")
    session = Session(root / "data", exclusive=True, player=PLAYER)
    play = session.start_round(session.library.find_pack("mine"), seed=1)
    while not play.finished:
        assert play.current is not None
        session.answer(play, play.current.answer)
    session.finish(play)
    assert session.close()
    (root / NAME).write_text(pack("broken", TITLE, question(answer='"maybe"')), "utf-8")
    (root / f"good-{NAME}").write_text(pack("good", TITLE), "utf-8")
    return root


def quiz(folder: Path, encoding: str, *args: str | Path) -> tuple[int, str, str]:
    """Run the real command in a subprocess under the encoding; its code, stdout and stderr."""
    environment = {**os.environ, **ENVIRONMENTS[encoding]}
    for name in ("PYTHONIOENCODING", "LC_ALL", "LANG", "LC_CTYPE", "PYTHONUTF8"):
        if name not in ENVIRONMENTS[encoding]:
            environment.pop(name, None)
    command = [sys.executable, "-m", "quiz", "--data-dir", str(folder / "data")]
    # A C locale passes file names as bytes; so does this, as a shell would.
    arguments = [os.fsencode(str(arg)) for arg in args]
    done = subprocess.run(
        [os.fsencode(part) for part in command] + arguments,
        capture_output=True,
        env=environment,
        timeout=60,
        check=False,
    )
    charset = "ascii" if encoding == "C" else encoding
    out, err = done.stdout.decode(charset), done.stderr.decode(charset)
    assert "Traceback" not in err, err
    return done.returncode, out, err


@pytest.mark.parametrize("encoding", ENVIRONMENTS)
def test_packs_and_scores_draw_ascii_rules_and_question_marks(folder, encoding) -> None:
    player, _ = SHOWN[encoding]
    code, out, _ = quiz(folder, encoding, "packs")
    assert code == 0
    assert "-----+" in out and "\u2500" not in out
    assert "Fact ? check ?" in out
    code, out, _ = quiz(folder, encoding, "scores")
    assert code == 0
    assert "-----+" in out
    assert f"1. {player}" in out
    code, out, _ = quiz(folder, encoding, "scores", "--player", PLAYER)
    assert code == 0
    assert f"Scores of {player}" in out  # the name typed is the name kept, in any locale


@pytest.mark.parametrize("encoding", ENVIRONMENTS)
def test_messages_name_a_file_the_encoding_cannot_hold_with_question_marks(
    folder, encoding
) -> None:
    _, name = SHOWN[encoding]
    code, out, _ = quiz(folder, encoding, "check", folder / NAME)
    assert code == 1
    assert f"{name}:" in out and "not a verdict" in out, out
    code, _, err = quiz(folder, encoding, "add", folder / NAME)
    assert code == 1
    assert f"{name}: not installed" in err, err
    code, out, _ = quiz(folder, encoding, "check", folder / f"good-{NAME}")
    assert code == 0
    assert f"good-{name}: ok" in out, out
    code, _, err = quiz(folder, encoding, "play", folder / f"missing-{NAME}")
    assert code == 1
    assert f"missing-{name}: does not exist" in err, err
    assert len(err.splitlines()) == 1
