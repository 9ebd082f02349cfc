"""Hostile packs: each is refused with a located message, or played with its text made safe.

Every file of the corpus (see ``hostile_corpus.py``) goes through the loader,
``quiz check`` and ``quiz add``; three loadable ones are played in a real
pseudo-terminal, and the bytes the game writes there are searched for the
control sequences the packs carry.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import signal
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hostile_corpus import (
    CORPUS,
    GENERATED,
    TRAVERSAL,
    Entry,
    committed,
    generated,
    pack,
    write_corpus,
)

from quiz.__main__ import main
from quiz.model.pack import Pack, PackError
from quiz.model.round import Round
from quiz.store import paths
from quiz.store.packs import StoreError, install, installed_path, load_pack

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ENTRIES = committed()
E2E = Path(__file__).resolve().parents[1] / "e2e"
FORBIDDEN = (
    b"\x1b]0;",
    b"\x1b]52;",
    b"\x1b]8;",
    "\u009b".encode(),
    "\u009d".encode(),
    "\u202e".encode(),
    "\u2066".encode(),
    "\u200f".encode(),
    "\u061c".encode(),
    b"\x00",
)


def corpus_params() -> list[object]:
    params: list[object] = []
    for entry in ENTRIES:
        marks = (
            [pytest.mark.xfail(reason=f"bug: {entry.xfail}", strict=True)] if entry.xfail else []
        )
        params.append(pytest.param(entry.name, id=entry.name, marks=marks))
    return params + [pytest.param(name, id=name) for name in GENERATED]


@pytest.fixture(scope="module")
def special(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Entry]]:
    """The generated entries: huge and deep files, links, a named pipe, a folder."""
    made = {
        path.name: (path, entry) for path, entry in generated(tmp_path_factory.mktemp("special"))
    }
    assert tuple(made) == GENERATED
    return made


@pytest.fixture
def case(request: pytest.FixtureRequest, special) -> tuple[Path, Entry]:
    """The file and entry named by the test's parameter."""
    name = request.param
    if name in special:
        return special[name]
    entry = next(entry for entry in ENTRIES if entry.name == name)
    return CORPUS / name, entry


class Hung(BaseException):
    """Raised by :func:`deadline`; not an OSError, so no ``except OSError`` can swallow it."""


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (a named pipe opened without O_NONBLOCK blocks forever)."""

    def expired(signum: int, frame: object) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def texts(loaded: Pack) -> list[str]:
    """Every string of a loaded pack that the game may show."""
    found = [loaded.id, loaded.title, loaded.description]
    if loaded.source is not None:
        found += [loaded.source.title, loaded.source.publisher, loaded.source.url or ""]
    for question in loaded.questions:
        found += [
            question.id,
            question.kind,
            question.prompt,
            question.answer,
            question.answer_label,
            question.explanation,
            question.unit,
            *question.evidence,
            *question.choices,
            *question.tags,
        ]
    return found


def tree(*roots: Path) -> dict[str, tuple[str, str]]:
    """Every entry under the roots: its type and its content hash or link target."""
    found: dict[str, tuple[str, str]] = {}
    for root in roots:
        for folder, names, files in os.walk(root):
            for name in names + files:
                path = Path(folder, name)
                mode = path.lstat().st_mode
                if stat.S_ISREG(mode):
                    found[str(path)] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
                elif stat.S_ISLNK(mode):
                    found[str(path)] = ("link", os.readlink(path))
                else:
                    found[str(path)] = ("dir" if stat.S_ISDIR(mode) else "special", "")
    return found


def changes(before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def run_quiz(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    capsys.readouterr()
    with deadline(30):
        code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def assert_clean_output(output: str) -> None:
    assert "Traceback" not in output, output
    assert not UNSAFE.search(output), f"a control character reached the output: {output!r}"


def test_the_corpus_matches_its_generator(tmp_path: Path) -> None:
    write_corpus(tmp_path)
    expected = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    actual = {path.name: path.read_bytes() for path in CORPUS.glob("*.toml")}
    assert actual.keys() == expected.keys(), "run: python tests/hostile/hostile_corpus.py"
    assert [name for name in actual if actual[name] != expected[name]] == []
    assert sum(map(len, actual.values())) < 200 * 1024


@pytest.mark.parametrize("case", corpus_params(), indirect=True)
def test_load_refuses_with_a_located_message_or_makes_every_text_safe(case) -> None:
    path, entry = case
    try:
        with deadline(10):
            loaded = load_pack(path)
    except PackError as error:
        assert entry.refused, f"refused a pack that should load:\n{error}"
        assert len(error.problems) == len(entry.lines), str(error)
        for problem in error.problems:
            shown = str(problem)
            assert shown.startswith(str(path)), shown
            assert not UNSAFE.search(shown) and "\n" not in shown, repr(shown)
        lines = sorted((problem.line or 0) for problem in error.problems)
        assert lines == sorted(line or 0 for line in entry.lines), str(error)
        for problem in error.problems:
            if problem.line is not None:
                assert str(problem).startswith(f"{path}:{problem.line}: ")
        assert entry.says in str(error), str(error)
        return
    assert not entry.refused, f"loaded a pack that should be refused: {loaded.id!r}"
    for text in texts(loaded):
        assert not UNSAFE.search(text), repr(text)


@pytest.mark.parametrize("case", corpus_params(), indirect=True)
def test_quiz_check_reports_without_a_traceback(case, capsys) -> None:
    path, entry = case
    code, output = run_quiz(capsys, "check", path)
    assert code == (1 if entry.refused else 0), output
    assert_clean_output(output)
    for line in entry.lines or ():
        assert (f"{path}:{line}: " if line else str(path)) in output, output


@pytest.mark.parametrize("case", corpus_params(), indirect=True)
def test_quiz_add_writes_only_the_pack_inside_the_pack_folder(case, tmp_path, capsys) -> None:
    path, entry = case
    data = tmp_path / "data"
    watched = (tmp_path, path.parent)
    before = tree(*watched)

    code, output = run_quiz(capsys, "--data-dir", data, "add", path)

    assert_clean_output(output)
    changed = changes(before, tree(*watched))
    if entry.refused:
        assert code == 1, output
        assert changed <= {str(data), str(paths.user_packs_dir(data))}, changed
        assert not [p for p in changed if not Path(p).is_dir()], changed
        if entry.name in TRAVERSAL:
            assert f"{path}:{entry.lines[0]}: " in output, output
        return
    assert code == 0, output
    installed = paths.user_packs_dir(data) / f"{load_pack(path).id}.toml"
    assert changed <= {str(data), str(installed.parent), str(installed)}, changed
    assert installed.read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    "pack_id",
    [
        "../../evil",
        "a/b",
        "..",
        ".",
        "/etc/passwd",
        "",
        "evil.toml",
        "a\u2215b",
        "evil\n",
    ],
)
def test_the_store_refuses_traversal_ids_on_its_own(pack_id: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    before = tree(tmp_path)
    with pytest.raises(StoreError):
        installed_path(data, pack_id)
    with pytest.raises(StoreError):
        install(data, pack_id, pack("valid").encode())
    assert tree(tmp_path) == before


@pytest.mark.parametrize("pack_id", ["../../evil", "../evil", "..", "a/../../evil"])
def test_remove_never_deletes_outside_the_pack_folder(pack_id, tmp_path, capsys) -> None:
    data = tmp_path / "data"
    packs = paths.user_packs_dir(data)
    packs.mkdir(parents=True)
    for bait in (tmp_path / "evil.toml", data / "evil.toml", packs / "..toml"):
        bait.write_text(pack("evil"), "utf-8")
    before = tree(tmp_path)

    code, output = run_quiz(capsys, "--data-dir", data, "remove", pack_id)

    assert code == 1, output
    assert_clean_output(output)
    assert tree(tmp_path) == before


@pytest.mark.parametrize("kind", ["link", "dangling link", "fifo", "folder"])
def test_add_never_writes_through_what_sits_at_the_installed_name(kind, tmp_path, capsys):
    data = tmp_path / "data"
    packs = paths.user_packs_dir(data)
    packs.mkdir(parents=True)
    outside = tmp_path / "outside.toml"
    outside.write_text("precious\n", "utf-8")
    target = packs / "hostile-markup.toml"
    if kind == "link":
        target.symlink_to(outside)
    elif kind == "dangling link":
        target.symlink_to(tmp_path / "not-yet.toml")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    before = tree(tmp_path)

    for extra in ((), ("--replace",)):
        code, output = run_quiz(capsys, "--data-dir", data, "add", *extra, CORPUS / "markup.toml")
        assert code == 1, output
        assert "not installed" in output
        assert_clean_output(output)
    assert tree(tmp_path) == before


def quit_game(term) -> None:
    """Ctrl+Q, confirmed when the game asks (it does not once the round is over)."""
    term.send("\x11")
    end = time.monotonic() + 15
    while term.child.isalive() and time.monotonic() < end:
        term.pump()
        if "Quit quiz?" in term.text():
            term.send("y")
            return


@pytest.fixture(scope="module")
def terminal_module():
    """``tests/e2e/terminal.py``, loaded by path under a name of its own."""
    spec = importlib.util.spec_from_file_location("hostile_e2e_terminal", E2E / "terminal.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", [entry.name for entry in ENTRIES if entry.shows])
def test_playing_in_a_real_terminal_shows_text_literally_and_no_control_bytes(
    name: str, tmp_path: Path, terminal_module
) -> None:
    path = CORPUS / name
    entry = next(entry for entry in ENTRIES if entry.name == name)
    first = Round.new(load_pack(path), seed=1, clock=lambda: 0.0).current
    assert first is not None
    term = terminal_module.Terminal(
        ["play", str(path), "--seed", "1"], {"QUIZ_HOME": str(tmp_path / "data")}
    )
    try:
        screen = term.wait_text(entry.shows)
        term.send("1\r" if first.kind == "number" else "1")
        screen = term.wait_text("Press Enter or Space")
        quit_game(term)
    finally:
        code = term.close()
    assert code == 0
    assert entry.shows in screen
    raw = bytes(term.raw)
    for sequence in FORBIDDEN:
        assert sequence not in raw, f"{sequence!r} reached the terminal"
    visible = entry.shows.encode()
    assert visible in raw or entry.shows.split()[-1].encode() in raw
