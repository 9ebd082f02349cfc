"""``quiz play FILE``: a pack file is played without being installed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from quiz.__main__ import main
from quiz.app import build_app
from quiz.cli import play as play_command


def test_play_file_builds_a_round_without_installing(make_pack, data_dir, user_packs):
    path = make_pack(questions=("a", "b", "c"))

    app = build_app(data_dir, pack=str(path), seed=7, questions=2)
    try:
        assert app.start is not None
        assert app.start.pack.id == "mine"
        assert app.start.pack.path == path
    finally:
        assert app.session.close()
    assert not user_packs.exists()


def test_play_builtin_id(builtin_id, data_dir):
    app = build_app(data_dir, pack=builtin_id, seed=1)
    try:
        assert app.start is not None and app.start.pack.id == builtin_id
    finally:
        app.session.close()


def test_play_invalid_file_exits_1_with_every_problem(quiz, files):
    path = files / "bad.toml"
    path.write_text('format = 1\n[pack]\nid = "Bad"\n', encoding="utf-8")

    result = quiz("play", path)

    assert result.code == 1
    assert f"{path}:3: pack.id: 'Bad' is not a slug" in result.err
    assert "pack.title: missing" in result.err


def test_play_symlink_is_refused(quiz, make_pack, files):
    link = files / "link.toml"
    link.symlink_to(make_pack())

    result = quiz("play", link)

    assert result.code == 1
    assert "is a symbolic link" in result.err


def test_play_closed_book_starts_a_closed_book_round(make_pack, data_dir):
    path = make_pack(questions=("a", "b"))

    app = build_app(data_dir, pack=str(path), seed=7, closed_book=True)
    try:
        assert app.start is not None and app.start.mode.closed_book is True
        current = app.session.progress.current
        assert current is not None and current.mode.closed_book is True
    finally:
        assert app.session.close()
    again = build_app(data_dir, pack=str(path), seed=7, review=False)
    try:
        assert again.start is not None and again.start.mode.closed_book is False
    finally:
        assert again.session.close()


@pytest.mark.parametrize(("extra", "closed_book"), [([], False), (["--closed-book"], True)])
def test_the_closed_book_option_reaches_the_game(quiz, monkeypatch, extra, closed_book):
    asked: dict[str, object] = {}

    def fake_build_app(folder, **options):
        asked.update(options)
        raise ValueError("not started in this test")

    monkeypatch.setattr(play_command, "build_app", fake_build_app)

    result = quiz("play", "some-pack", "--review", *extra)

    assert result.code == 1 and "not started in this test" in result.err
    assert asked["closed_book"] is closed_book
    assert (asked["pack"], asked["review"]) == ("some-pack", True)


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--seed", "abc", "argument --seed: must be a whole number, not 'abc'"),
        ("--seed", "-1", "argument --seed: must be 0 or more"),
        ("--seed", str(2**63), f"argument --seed: must be {2**63 - 1} or less"),
        ("--questions", "1.5", "argument --questions: must be a whole number, not '1.5'"),
        ("--questions", "0", "argument --questions: must be 1 or more"),
    ],
)
def test_bad_numbers_are_refused_in_words_a_player_reads(builtin_id, capsys, option, value, words):
    with pytest.raises(SystemExit) as exited:
        main(["play", builtin_id, f"{option}={value}"])
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert words in err
    assert "_seed" not in err and "_positive" not in err


def test_the_game_without_a_terminal_says_so_and_exits_2(tmp_path):
    """``quiz < /dev/null`` once spun at full speed forever."""
    result = subprocess.run(
        [sys.executable, "-m", "quiz"],
        env={**os.environ, "QUIZ_HOME": str(tmp_path)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "quiz: the game needs a terminal for its keys and screen; "
        "quiz packs, scores, check, new, add and remove work without one"
    )
