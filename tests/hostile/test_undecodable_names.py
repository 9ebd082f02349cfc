"""A pack file whose name is not UTF-8 (``pack-\\xff.toml``): checked, installed and
played, every save succeeds, and the name is stored and printed in a printable form."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from hostile_corpus import pack, question

from quiz.__main__ import main
from quiz.session import Session
from quiz.store import paths

E2E = Path(__file__).resolve().parents[1] / "e2e"
BODY = "".join(question(f"q{n}", f"Claim {n}?") for n in range(1, 4))


@pytest.fixture
def odd(tmp_path: Path) -> Path:
    """A valid pack of three questions in a file named with the byte 0xff."""
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/pack-\xff.toml"))
    path.write_text(pack("odd", "Odd", BODY), "utf-8")
    return path


def test_the_printable_form_replaces_bad_bytes_and_is_found_again(tmp_path: Path) -> None:
    assert paths.printable(os.fsdecode(b"a-\xff-\xc3\xa9")) == "a-\ufffd-\u00e9"
    assert paths.printable("caf\u00e9") == "caf\u00e9"
    assert paths.printable("lone \ud800") == "lone ?"
    named = Path(os.fsdecode(os.fsencode(tmp_path) + b"/x-\xff.toml"))
    named.write_bytes(b"")
    assert paths.find_printable(f"{tmp_path}/x-\ufffd.toml") == str(named)
    Path(os.fsdecode(os.fsencode(tmp_path) + b"/x-\xfe.toml")).write_bytes(b"")
    ambiguous = f"{tmp_path}/x-\ufffd.toml"
    assert paths.find_printable(ambiguous) == ambiguous  # two files print so: neither is taken


def test_a_round_of_it_is_saved_and_resumed(odd: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    session = Session(data, exclusive=True, player="ana")
    play = session.start_round(session.library.find_pack(str(odd)), seed=1)
    assert play.current is not None
    session.answer(play, play.current.answer)
    session.leave(play)
    assert session.close()
    assert session.unsaved() is None, session.unsaved()
    text = session.progress_path.read_text("utf-8")
    assert 'pack_path = "' in text and "pack-\ufffd.toml" in text

    again = Session(data, exclusive=True, player="ana")
    found = again.resumable()
    assert found is not None and found[0].id == "odd"
    resumed = again.resume()
    assert resumed is not None and len(resumed.outcomes) == 1
    again.close()


def test_check_and_add_print_the_name_and_install_it(odd: Path, tmp_path: Path, capsys) -> None:
    assert main(["check", str(odd)]) == 0
    assert "pack-\ufffd.toml: ok, 3 questions" in capsys.readouterr().out
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "add", str(odd)]) == 0
    out = capsys.readouterr().out
    assert "installed pack 'odd'" in out
    assert (paths.user_packs_dir(data) / "odd.toml").read_bytes() == odd.read_bytes()
    broken = odd.with_name(odd.name.replace(".toml", "-broken.toml"))
    broken.write_text(pack("odd", "Odd", question(answer='"maybe"')), "utf-8")
    assert main(["check", str(broken)]) == 1
    assert "pack-\ufffd-broken.toml:" in capsys.readouterr().out


def test_playing_it_in_a_real_terminal_saves_and_the_next_start_offers_it(
    odd: Path, tmp_path: Path
) -> None:
    spec = importlib.util.spec_from_file_location("undecodable_terminal", E2E / "terminal.py")
    assert spec is not None and spec.loader is not None
    terminal = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(terminal)
    env = {"QUIZ_HOME": str(tmp_path / "data")}
    term = terminal.Terminal(["--player", "ana", "play", str(odd), "--seed", "1"], env)
    try:
        term.wait_text("Claim")
        term.send("1")
        term.wait_text("Press Enter or Space")
        term.send("\x11")
        term.wait_text("Your answers so far are saved")
        term.send("y")
    finally:
        code = term.close()
    output = bytes(term.raw).decode("utf-8", "replace")
    assert code == 0, output[-500:]
    assert "not saved" not in output
    term = terminal.Terminal(["--player", "ana"], env)
    try:
        screen = term.wait_text("You left a round of")
        term.send("\x11")
    finally:
        term.close()
    assert "Odd" in screen
