"""``quiz remove``: only a user pack's own regular file goes; progress stays."""

from __future__ import annotations

import pytest


def test_user_pack_is_removed_and_progress_kept(
    quiz, make_pack, user_packs, data_dir, record_progress
):
    quiz("add", make_pack(questions=("a", "b")))
    record_progress("mine", ["a", "b"], 20)
    progress_before = (data_dir / "progress.toml").read_bytes()

    result = quiz("remove", "mine")

    assert result.code == 0, result.err
    assert result.out == (
        f"removed pack 'mine' ({user_packs / 'mine.toml'}); your progress on its 2 answered "
        "questions is kept and returns if you add it again\n"
    )
    assert list(user_packs.iterdir()) == []
    assert (data_dir / "progress.toml").read_bytes() == progress_before


def test_removing_a_pack_without_progress(quiz, make_pack):
    quiz("add", make_pack())

    result = quiz("remove", "mine")

    assert result.code == 0
    assert result.out.endswith("no progress was recorded for it\n")


def test_builtin_pack_cannot_be_removed(quiz, builtin_id, builtin_pack):
    before = builtin_pack.read_bytes()

    result = quiz("remove", builtin_id)

    assert result.code == 1
    assert "built-in packs cannot be removed" in result.err
    assert builtin_pack.read_bytes() == before


def test_unknown_id_lists_the_user_packs(quiz, make_pack):
    quiz("add", make_pack("a.toml", "alpha"))
    quiz("add", make_pack("b.toml", "beta"))

    result = quiz("remove", "gamma")

    assert result.code == 1
    assert result.err == "quiz remove: no user pack has id 'gamma' (your packs: alpha, beta)\n"


def test_unknown_id_with_no_user_packs(quiz):
    result = quiz("remove", "gamma")

    assert result.code == 1
    assert "(your packs: none)" in result.err


@pytest.mark.parametrize("pack_id", ["../progress", "a/b", "UPPER", "", "x-", "a--b", "x" * 65])
def test_id_that_is_not_a_slug_is_refused(quiz, data_dir, pack_id):
    (data_dir / "progress.toml").write_text("format = 1\n", encoding="utf-8")

    result = quiz("remove", pack_id)

    assert result.code == 1
    assert "is not a pack id" in result.err
    assert (data_dir / "progress.toml").exists()


def test_symlink_is_refused_and_its_target_kept(quiz, make_pack, user_packs):
    target = make_pack()
    user_packs.mkdir(parents=True)
    (user_packs / "mine.toml").symlink_to(target)

    result = quiz("remove", "mine")

    assert result.code == 1
    assert "is a symbolic link, not a regular file; it was left alone" in result.err
    assert (user_packs / "mine.toml").is_symlink()
    assert target.exists()


def test_folder_in_place_of_a_pack_is_refused(quiz, user_packs):
    (user_packs / "mine.toml").mkdir(parents=True)

    result = quiz("remove", "mine")

    assert result.code == 1
    assert "is a folder, not a file" in result.err
    assert (user_packs / "mine.toml").is_dir()


def test_removal_failure_is_a_clean_error(quiz, make_pack, monkeypatch):
    quiz("add", make_pack())

    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("quiz.store.packs.remove_file", refuse)

    result = quiz("remove", "mine")

    assert result.code == 1
    assert result.err == "quiz remove: could not remove the pack 'mine': Permission denied\n"
