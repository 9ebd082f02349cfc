"""The commands never import Textual; only the listings, which print Rich tables, import Rich.

Each check runs in a fresh interpreter, since this test process has long
since imported both.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from quiz.store import paths

HEADLESS_MODULES = [
    "quiz.__main__",
    "quiz.cli.add",
    "quiz.cli.check",
    "quiz.cli.new",
    "quiz.cli.output",
    "quiz.cli.packs",
    "quiz.cli.remove",
    "quiz.model.evidence",
    "quiz.model.quotes",
    "quiz.session",
    "quiz.store.packs",
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
def test_listings_load_rich_but_not_textual(command, json_flag, data_dir):
    code, loaded, out = _run_quiz("--data-dir", str(data_dir), command, *json_flag)

    assert code == 0
    assert loaded == ["rich"]
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


def test_check_imports_no_tempfile_dataclasses_or_history(make_pack):
    """tempfile (with shutil, random, bz2, lzma), dataclasses (with inspect) and the
    history model cost milliseconds per start; the quote matcher (with difflib) is
    imported with the command, which checks a pack's own source text by default."""
    done = _python("-c", RUNNER, "check", str(make_pack()))
    report = json.loads(done.stderr.strip().splitlines()[-1])

    assert report["code"] == 0
    assert report["slow"] == ["difflib"]


def test_listings_of_the_files_the_game_left_load_no_textual(tmp_path, make_pack):
    """Packs and scores read the players' files the game wrote, without Textual."""
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
        assert (code, loaded) == (0, ["rich"]), command
    assert "ana" in out


def test_check_with_a_source_still_matches_quotes(make_pack, source):
    done = _python("-c", RUNNER, "check", str(make_pack()), "--source", str(source))
    report = json.loads(done.stderr.strip().splitlines()[-1])

    assert report["code"] == 0
    assert "found in" in done.stdout


def test_help_fits_the_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    done = _python("-m", "quiz", "check", "--help")

    assert done.returncode == 0
    assert "--source TEXT_FILE" in done.stdout
    assert max(len(line) for line in done.stdout.splitlines()) <= 50


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("command", ["packs", "scores"])
def test_listings_degrade_on_an_output_that_is_not_utf8(
    command, encoding, tmp_path, make_pack, monkeypatch
):
    """ASCII boxes, and "?" for what the encoding cannot hold; never a crash."""
    from quiz.session import Session

    data = tmp_path / "played"
    pack = make_pack(title="Caf\u00e9 \u2603")
    session = Session(data, exclusive=True, builtin_dir=pack.parent, player="z\u00f6\u2603")
    play = session.start_round(session.library.find_pack("mine"), seed=1)
    while not play.finished:
        session.answer(play, play.current.answer)
    session.finish(play)
    assert session.close()
    (data / "packs").mkdir()
    (data / "packs" / pack.name).write_bytes(pack.read_bytes())  # installed, so listed
    monkeypatch.setenv("PYTHONIOENCODING", encoding)

    done = subprocess.run(
        [sys.executable, "-m", "quiz", "--data-dir", str(data), command],
        capture_output=True,
        timeout=60,
        check=False,
    )
    out = done.stdout.decode(encoding)

    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert "-----" in out  # the rule under the headers, in ASCII
    shown = {
        ("packs", "latin-1"): "Caf\u00e9 ?",
        ("packs", "ascii"): "Caf? ?",
        ("scores", "latin-1"): "1. z\u00f6?",
        ("scores", "ascii"): "1. z??",
    }
    assert shown[command, encoding] in out


def test_packs_from_the_cache_load_neither_pack_reader_nor_model(data_dir, user_packs, make_pack):
    """When the cache answers for every pack, ``quiz packs`` parses none, so it imports
    neither the pack reader nor the pack model (benchmark row "`quiz packs`")."""
    from quiz.store.catalog import CACHE_FILE, Catalog

    user_packs.mkdir()
    make_pack().replace(user_packs / "mine.toml")
    catalog = Catalog(data_dir / CACHE_FILE)
    catalog.entries(paths.builtin_packs_dir(), builtin=True)
    catalog.entries(user_packs, builtin=False)
    catalog.save()
    probe = (
        "import sys; from quiz.__main__ import main; code = main(sys.argv[1:]); "
        "print(sorted(m for m in ('quiz.model.pack', 'quiz.store.packs') if m in sys.modules))"
    )

    done = _python("-c", probe, "--data-dir", str(data_dir), "packs")

    assert "mine" in done.stdout
    assert done.stdout.splitlines()[-1] == "[]"
