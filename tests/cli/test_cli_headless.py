"""The commands never import Textual, nor Rich: their tables are drawn by quiz.tables.

Each check runs in a fresh interpreter, since this test process has long
since imported both.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

HEADLESS_MODULES = [
    "quiz.__main__",
    "quiz.cli.add",
    "quiz.cli.check",
    "quiz.cli.output",
    "quiz.cli.packs",
    "quiz.cli.remove",
    "quiz.model.evidence",
    "quiz.model.quotes",
    "quiz.session",
    "quiz.store.packs",
    "quiz.tables",
    "quiz.report_tables",
    "quiz.cli.scores",
]

# Runs ``python -m quiz ARGS`` and then reports which UI libraries it loaded.
RUNNER = textwrap.dedent(
    """
    import json, runpy, sys
    sys.argv = ["quiz", *sys.argv[1:]]
    try:
        runpy.run_module("quiz", run_name="__main__")
    except SystemExit as exit:
        code = exit.code
    loaded = sorted({name.split(".")[0] for name in sys.modules} & {"textual", "rich"})
    slow = sorted({"difflib", "tempfile", "dataclasses", "quiz.model.history"} & set(sys.modules))
    print(json.dumps({"code": code, "loaded": loaded, "slow": slow}), file=sys.stderr)
    """
)


def _python(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=60, check=False
    )


def _run_quiz(*args: str) -> tuple[int, list[str], str]:
    done = _python("-c", RUNNER, *args)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], report["loaded"], done.stdout


def test_headless_modules_import_no_textual():
    code = f"import sys, {', '.join(HEADLESS_MODULES)}; print('textual' in sys.modules)"
    assert _python("-c", code).stdout.strip() == "False"


def test_evidence_and_quotes_import_neither_textual_nor_rich():
    code = (
        "import sys, quiz.model.evidence, quiz.model.quotes; "
        "print(sorted(m for m in ('textual', 'rich') if m in sys.modules))"
    )
    assert _python("-c", code).stdout.strip() == "[]"


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
@pytest.mark.parametrize("command", ["packs", "scores"])
def test_listings_load_neither_textual_nor_rich(command, json_flag, data_dir):
    code, loaded, out = _run_quiz("--data-dir", str(data_dir), command, *json_flag)

    assert code == 0
    assert loaded == []
    if command == "packs" and json_flag:
        assert json.loads(out)[0]["builtin"] is True


@pytest.mark.parametrize("command", ["check", "add", "remove"])
def test_other_commands_load_neither(command, data_dir, make_pack, source):
    pack = str(make_pack())
    args = {
        "check": ["check", pack, "--source", str(source)],
        "add": ["add", pack],
        "remove": ["remove", "nothing-here"],
    }[command]

    code, loaded, _ = _run_quiz("--data-dir", str(data_dir), *args)

    assert code == (1 if command == "remove" else 0)
    assert loaded == []


def test_data_dir_may_follow_the_command(tmp_path, make_pack):
    folder = tmp_path / "after"

    code, _, out = _run_quiz("add", str(make_pack()), "--data-dir", str(folder))

    assert code == 0
    assert (folder / "packs" / "mine.toml").is_file()
    assert str(folder) in out


def test_check_without_a_source_skips_the_quote_matcher_and_tempfile(make_pack):
    """difflib, tempfile (with shutil, random, bz2, lzma) and dataclasses (with inspect)
    cost milliseconds per start."""
    done = _python("-c", RUNNER, "check", str(make_pack()))
    report = json.loads(done.stderr.strip().splitlines()[-1])

    assert report["code"] == 0
    assert report["slow"] == []


def test_listings_of_the_files_the_game_left_load_neither(tmp_path, make_pack):
    """Packs and scores read the players' files the game wrote, without Textual or Rich."""
    from quiz.session import Session

    data = tmp_path / "played"
    session = Session(data, exclusive=True, builtin_dir=make_pack().parent, player="ana")
    pack = session.library.find_pack("mine")
    play = session.start_round(pack, seed=1)
    while not play.finished:
        session.answer(play, play.current.answer)
    session.finish(play)
    assert session.close()

    for command in ("packs", "scores"):
        code, loaded, out = _run_quiz("--data-dir", str(data), command)
        assert (code, loaded) == (0, []), command
    assert "ana" in out


def test_check_with_a_source_still_matches_quotes(make_pack, source):
    done = _python("-c", RUNNER, "check", str(make_pack()), "--source", str(source))
    report = json.loads(done.stderr.strip().splitlines()[-1])

    assert report["code"] == 0
    assert "found in" in done.stdout


def test_help_still_fits_the_terminal_without_shutil(monkeypatch):
    """argparse imports shutil (with bz2 and lzma) to ask the width; quiz tells it."""
    monkeypatch.setenv("COLUMNS", "50")
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys, runpy\nsys.argv = ['quiz', 'check', '--help']\n"
         "try:\n    runpy.run_module('quiz', run_name='__main__')\n"
         "except SystemExit:\n    pass\n"
         "print('shutil' in sys.modules, file=sys.stderr)"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.stderr.strip().splitlines()[-1] == "False"
    assert "--source TEXT_FILE" in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 50
