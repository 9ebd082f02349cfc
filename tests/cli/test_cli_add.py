"""``quiz add``: validated bytes installed under the pack's id, and nothing else ever written."""

from __future__ import annotations

import os

import pytest

from quiz.store.packs import load_pack


def _tree(folder):
    """Every path under a folder, to prove that nothing was written."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_new_pack_is_installed_byte_for_byte(quiz, make_pack, user_packs):
    path = make_pack("draft name.toml", "mine")
    path.write_bytes(path.read_bytes() + b"# a comment the author keeps\n")

    result = quiz("add", path)

    assert result.code == 0, result.err
    installed = user_packs / "mine.toml"
    assert result.out == f"installed pack 'mine' (1 question) as {installed}\n"
    assert installed.read_bytes() == path.read_bytes()
    assert load_pack(installed).id == "mine"
    assert _tree(user_packs) == ["mine.toml"]  # no temporary file left behind


def test_identical_pack_is_already_installed(quiz, make_pack, user_packs):
    path = make_pack()
    quiz("add", path)

    result = quiz("add", path)

    assert result.code == 0
    assert result.out == f"pack 'mine' is already installed ({user_packs / 'mine.toml'})\n"


def test_different_pack_with_the_same_id_is_refused(quiz, make_pack, user_packs):
    first = make_pack()
    quiz("add", first)
    second = make_pack("second.toml", "mine", questions=("q1", "q2"))

    result = quiz("add", second)

    assert result.code == 1
    assert "a different pack with id 'mine' is already installed" in result.err
    assert "use --replace" in result.err
    assert (user_packs / "mine.toml").read_bytes() == first.read_bytes()


def test_replace_reports_the_progress_that_carries_over(
    quiz, make_pack, user_packs, record_progress, data_dir
):
    quiz("add", make_pack(questions=("a", "b", "c")))
    record_progress("mine", ["a", "b", "c"], 30)
    progress_before = (data_dir / "progress.toml").read_bytes()
    new = make_pack("v2.toml", "mine", questions=("a", "b", "d"))

    result = quiz("add", "--replace", new)

    assert result.code == 0, result.err
    assert "replaced pack 'mine' (3 questions)" in result.out
    assert "progress kept for 2 of 3 answered questions; 1 no longer in the pack" in result.out
    assert (user_packs / "mine.toml").read_bytes() == new.read_bytes()
    assert (data_dir / "progress.toml").read_bytes() == progress_before


def test_replace_without_progress_says_so(quiz, make_pack):
    quiz("add", make_pack())

    result = quiz("add", "--replace", make_pack("v2.toml", questions=("q1", "q2")))

    assert result.code == 0
    assert result.out.endswith("no progress was recorded for it yet\n")


def test_invalid_pack_is_refused_and_nothing_is_written(quiz, files, data_dir):
    path = files / "bad.toml"
    path.write_text('format = 1\n[pack]\nid = "bad"\ntitle = "Bad"\n', encoding="utf-8")

    result = quiz("add", path)

    assert result.code == 1
    assert f"{path}:1: questions: the pack has no questions" in result.err
    assert f"{path}: not installed: fix the 1 problem above" in result.err
    assert list(data_dir.iterdir()) == []


def test_builtin_id_is_refused_even_with_replace(quiz, make_pack, builtin_id, data_dir):
    path = make_pack("clash.toml", builtin_id)

    result = quiz("add", "--replace", path)

    assert result.code == 1
    assert "built-in packs cannot be replaced" in result.err
    assert list(data_dir.iterdir()) == []


def test_the_builtin_file_itself_is_already_installed(quiz, builtin_pack, data_dir):
    result = quiz("add", builtin_pack)

    assert result.code == 0
    assert "is already installed (built-in)" in result.out
    assert list(data_dir.iterdir()) == []


def test_symlink_is_refused(quiz, make_pack, files, data_dir):
    link = files / "link.toml"
    link.symlink_to(make_pack())

    result = quiz("add", link)

    assert result.code == 1
    assert result.err == f"{link}: is a symbolic link, not a regular file; not installed\n"
    assert list(data_dir.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_is_refused_without_blocking(quiz, files, data_dir):
    pipe = files / "pipe.toml"
    os.mkfifo(pipe)

    result = quiz("add", pipe)

    assert result.code == 1
    assert "is a named pipe, not a regular file" in result.err
    assert list(data_dir.iterdir()) == []


def test_folder_and_missing_file_are_refused(quiz, files, data_dir):
    (files / "folder.toml").mkdir()

    result = quiz("add", files / "folder.toml", files / "missing.toml")

    assert result.code == 1
    assert "folder.toml: is a folder, not a file; not installed" in result.err
    assert "missing.toml: does not exist; not installed" in result.err
    assert list(data_dir.iterdir()) == []


def test_several_files_are_each_handled_and_any_failure_fails(quiz, make_pack, files, user_packs):
    good = make_pack("good.toml", "good")
    bad = files / "bad.toml"
    bad.write_bytes(b"\x00\x01")
    other = make_pack("other.toml", "other")

    result = quiz("add", good, bad, other)

    assert result.code == 1
    assert _tree(user_packs) == ["good.toml", "other.toml"]
    assert "bad.toml" in result.err


def test_symlink_in_place_of_the_installed_pack_is_not_replaced(quiz, make_pack, files, user_packs):
    user_packs.mkdir(parents=True)
    outside = files / "outside.toml"
    outside.write_text("keep me", encoding="utf-8")
    (user_packs / "mine.toml").symlink_to(outside)

    result = quiz("add", "--replace", make_pack())

    assert result.code == 1
    assert "exists but is not a regular file; remove it by hand" in result.err
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert (user_packs / "mine.toml").is_symlink()


def test_same_id_under_another_file_name_is_refused(quiz, make_pack, user_packs):
    user_packs.mkdir(parents=True)
    (user_packs / "copied-by-hand.toml").write_bytes(make_pack("x.toml").read_bytes())

    result = quiz("add", "--replace", make_pack("y.toml", questions=("other",)))

    assert result.code == 1
    assert "copied-by-hand.toml already has id 'mine'" in result.err
    assert _tree(user_packs) == ["copied-by-hand.toml"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_unwritable_pack_folder_is_a_clean_error(quiz, make_pack, user_packs):
    user_packs.mkdir(parents=True)
    user_packs.chmod(0o500)
    try:
        result = quiz("add", make_pack())
    finally:
        user_packs.chmod(0o700)

    assert result.code == 1
    assert "not installed: could not write it: Permission denied" in result.err


def test_write_failure_is_a_clean_error(quiz, make_pack, monkeypatch, data_dir):
    def disk_full(path, data):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr("quiz.store.packs.write_atomic", disk_full)

    result = quiz("add", make_pack())

    assert result.code == 1
    assert "not installed: could not write it: No space left on device" in result.err
    assert "Traceback" not in result.err
