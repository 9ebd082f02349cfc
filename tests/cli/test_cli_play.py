"""``quiz play FILE``: a pack file is played without being installed."""

from __future__ import annotations

import pytest

from quiz import app as app_module
from quiz.app import build_app


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

    monkeypatch.setattr(app_module, "build_app", fake_build_app)

    result = quiz("play", "some-pack", "--review", *extra)

    assert result.code == 1 and "not started in this test" in result.err
    assert asked["closed_book"] is closed_book
    assert (asked["pack"], asked["review"]) == ("some-pack", True)
