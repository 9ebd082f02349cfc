"""A pack's own source text: ``quiz check`` reads it, ``quiz add`` and ``quiz remove`` carry it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from quiz.store.packs import MAX_TEXT_BYTES

ARTICLE = "The library reopened on Monday. Repairs cost $1.2 million.\n"


def _tree(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


@pytest.fixture
def own_text(files, source):
    """The article, saved beside the packs as ``mine.txt``."""
    path = files / "mine.txt"
    path.write_bytes(source.read_bytes())
    return path


def _break(path, kind):
    """Put something unusable at ``path`` instead of a text; return what the message says."""
    if kind == "missing":
        return "does not exist"
    if kind == "symlink":
        real = path.with_name("real.txt")
        real.write_text(ARTICLE, encoding="utf-8")
        path.symlink_to(real)
        return "is a symbolic link, not a regular file"
    if kind == "folder":
        path.mkdir()
        return "is a folder, not a file"
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("named pipes are POSIX")
        os.mkfifo(path)
        return "is a named pipe, not a regular file"
    contents = {
        "latin1": (b"The library\nreopened caf\xe9\n", "is not UTF-8 text (line 2)"),
        "nul": (b"The library reopened on Monday\x00\n", "holds a NUL byte (line 1)"),
        "too-large": (b"x" * (MAX_TEXT_BYTES + 1), "is larger than 1 MiB"),
        "empty": (b"\xef\xbb\xbf \n", "is empty"),
    }
    data, message = contents[kind]
    path.write_bytes(data)
    return message


BROKEN = ["missing", "symlink", "folder", "fifo", "latin1", "nul", "too-large", "empty"]


def test_check_finds_every_quote_of_the_builtin_pack_in_its_own_text(quiz, builtin_pack):
    result = quiz("check", builtin_pack)

    assert result.code == 0, result.out
    summary = result.out.splitlines()[-1]
    assert summary.startswith(
        f"{builtin_pack}: ok, 46 questions, 53 quotes found in iran-quds-force-iraq.txt"
    )


def test_the_check_command_passes_on_the_builtin_pack_from_the_repository(builtin_pack):
    result = subprocess.run(
        [sys.executable, "-m", "quiz", "check", "questions/iran-quds-force-iraq.toml"],
        cwd=builtin_pack.parents[1],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith(
        "questions/iran-quds-force-iraq.toml: ok, 46 questions, "
        "53 quotes found in iran-quds-force-iraq.txt"
    )


def test_check_uses_the_text_beside_the_pack(quiz, make_pack, own_text):
    path = make_pack(text="mine.txt", evidence=["Repairs cost $1.2 million"])

    result = quiz("check", path)

    assert result.code == 0, result.out
    assert result.out == f"{path}: ok, 1 question, 1 quote found in mine.txt\n"


def test_a_quote_missing_from_the_own_text_is_located(quiz, make_pack, own_text):
    path = make_pack(text="mine.txt", evidence=["Repairs cost $2 million"])

    result = quiz("check", path)

    assert result.code == 1
    assert result.out == (
        f"{path}:16: question 'q1': evidence[1]: quote not found in mine.txt; closest passage: "
        '"Repairs cost $1.2 million, paid mostly by the town\u2019s insurance."; '
        "changes: Repairs cost [-$2-]{+$1.2+} million,\n"
    )


def test_source_overrides_the_own_text(quiz, make_pack, source):
    # The pack's own text does not even exist: --source is read instead.
    path = make_pack(text="mine.txt")

    result = quiz("check", path, "--source", source)

    assert result.code == 0, result.out
    assert result.out == f"{path}: ok, 1 question, 1 quote found in article.txt\n"


@pytest.mark.parametrize("kind", BROKEN)
def test_an_unusable_own_text_is_a_problem_naming_its_path(quiz, make_pack, files, kind):
    text_path = files / "mine.txt"
    message = _break(text_path, kind)
    path = make_pack(text="mine.txt")

    result = quiz("check", path)

    assert result.code == 1
    assert result.out.startswith(f"{path}:9: pack.source.text: {text_path}: {message}")
    assert len(result.out.splitlines()) == 1
    assert result.err == ""
    assert "Traceback" not in result.out


def test_the_quotes_of_a_broken_pack_are_checked_against_its_own_text(quiz, files, own_text):
    path = files / "broken.toml"
    path.write_text(
        'format = 1\n\n[pack]\nid = "Not A Slug"\ntitle = "B"\n\n'
        '[pack.source]\ntitle = "T"\ntext = "mine.txt"\n\n'
        '[[questions]]\nid = "q1"\nkind = "verdict"\nprompt = "P"\nanswer = "maybe"\n'
        'evidence = ["The library reopened on Sunday"]\nexplanation = "E"\n',
        encoding="utf-8",
    )

    result = quiz("check", path)

    lines = result.out.splitlines()
    assert result.code == 1
    assert "pack.id" in lines[0] and "'maybe' is not a verdict" in lines[1]
    assert lines[2].startswith(f"{path}:16: question 'q1': evidence[1]: quote not found in mine")


def test_a_broken_pack_with_a_missing_text_reports_both(quiz, files):
    path = files / "broken.toml"
    path.write_text(
        'format = 1\n\n[pack]\nid = "b"\ntitle = "B"\n\n'
        '[pack.source]\ntitle = "T"\ntext = "gone.txt"\n',
        encoding="utf-8",
    )

    result = quiz("check", path)

    assert result.code == 1
    assert "the pack has no questions" in result.out
    assert f"{path}:9: pack.source.text: {files / 'gone.txt'}: does not exist" in result.out


def test_a_bad_text_name_is_only_the_loader_s_problem(quiz, make_pack, files):
    (files.parent / "evil.txt").write_text(ARTICLE, encoding="utf-8")
    path = make_pack(text="../evil.txt")

    result = quiz("check", path)

    assert result.code == 1
    assert result.out == (
        f"{path}:9: pack.source.text: must be the name of a file in the pack's folder, not a path\n"
    )


def test_add_installs_the_pack_and_its_text(quiz, make_pack, own_text, user_packs):
    path = make_pack(text="mine.txt")

    result = quiz("add", path)

    assert result.code == 0, result.err
    assert result.out == (
        f"installed pack 'mine' (1 question) as {user_packs / 'mine.toml'} "
        f"with its source text {user_packs / 'mine.txt'}\n"
    )
    assert _tree(user_packs) == ["mine.toml", "mine.txt"]
    assert (user_packs / "mine.txt").read_bytes() == own_text.read_bytes()
    assert (user_packs / "mine.toml").read_bytes() == path.read_bytes()
    # The installed pack finds its installed text.
    assert quiz("check", user_packs / "mine.toml").code == 0


def test_adding_the_same_pack_and_text_again_does_nothing(quiz, make_pack, own_text, user_packs):
    path = make_pack(text="mine.txt")
    quiz("add", path)

    result = quiz("add", path)

    assert result.code == 0
    assert result.out == f"pack 'mine' is already installed ({user_packs / 'mine.toml'})\n"


def test_a_changed_text_needs_replace(quiz, make_pack, own_text, user_packs):
    path = make_pack(text="mine.txt")
    quiz("add", path)
    own_text.write_text(ARTICLE + "\nA correction.\n", encoding="utf-8")

    refused = quiz("add", path)
    replaced = quiz("add", "--replace", path)

    assert refused.code == 1
    assert "pack 'mine' is installed with another source text" in refused.err
    assert "use --replace" in refused.err
    assert replaced.code == 0, replaced.err
    assert replaced.out.startswith(f"replaced pack 'mine' (1 question) at {user_packs}")
    assert (user_packs / "mine.txt").read_bytes() == own_text.read_bytes()


@pytest.mark.parametrize("name", ["mine.txt", "MINE.txt"])
def test_add_refuses_a_text_name_another_pack_has(quiz, make_pack, files, user_packs, name):
    (files / "mine.txt").write_text(ARTICLE, encoding="utf-8")
    quiz("add", make_pack("other.toml", "other", text="mine.txt"))
    before = {name: (user_packs / name).read_bytes() for name in _tree(user_packs)}
    (files / name).write_text(ARTICLE + "\nAnother article.\n", encoding="utf-8")

    result = quiz("add", "--replace", make_pack(text=name))

    assert result.code == 1
    assert (
        f"its source text '{name}' would replace the source text of the installed pack "
        f"'other' ({user_packs / 'other.toml'}); give your text file another name"
    ) in result.err
    assert {name: (user_packs / name).read_bytes() for name in _tree(user_packs)} == before


@pytest.mark.parametrize("name", ["notes.toml", "mine.TOML"])
def test_add_refuses_a_text_named_like_a_pack(quiz, make_pack, files, data_dir, name):
    (files / name).write_text(ARTICLE, encoding="utf-8")

    result = quiz("add", make_pack(text=name))

    assert result.code == 1
    assert f"the source text '{name}' ends in .toml" in result.err
    assert list(data_dir.iterdir()) == []


@pytest.mark.parametrize("kind", BROKEN)
def test_add_installs_neither_when_the_text_is_unusable(quiz, make_pack, files, data_dir, kind):
    text_path = files / "mine.txt"
    message = _break(text_path, kind)
    path = make_pack(text="mine.txt")

    result = quiz("add", path)

    assert result.code == 1
    assert result.err.startswith(f"{path}: not installed: its source text {text_path}: {message}")
    assert "Traceback" not in result.err
    assert list(data_dir.iterdir()) == []


def test_add_installs_neither_when_the_pack_cannot_be_written(
    quiz, make_pack, own_text, user_packs, monkeypatch
):
    from quiz.store import files as store_files

    real = store_files.write_atomic

    def fail_on_pack(path, data):
        if path.suffix == ".toml":
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr("quiz.store.packs.write_atomic", fail_on_pack)

    result = quiz("add", make_pack(text="mine.txt"))

    assert result.code == 1
    assert "not installed: could not write it: No space left on device" in result.err
    assert _tree(user_packs) == []


def test_replacing_with_another_text_removes_the_former_one(quiz, make_pack, files, user_packs):
    (files / "old.txt").write_text(ARTICLE, encoding="utf-8")
    (files / "new.txt").write_text(ARTICLE, encoding="utf-8")
    quiz("add", make_pack(text="old.txt"))

    result = quiz("add", "--replace", make_pack(text="new.txt", questions=("q1", "q2")))

    assert result.code == 0, result.err
    assert result.out.endswith(f"; its former source text {user_packs / 'old.txt'} was removed\n")
    assert _tree(user_packs) == ["mine.toml", "new.txt"]


def test_replacing_with_a_version_without_text_removes_it(quiz, make_pack, own_text, user_packs):
    quiz("add", make_pack(text="mine.txt"))

    result = quiz("add", "--replace", make_pack("v2.toml"))

    assert result.code == 0, result.err
    assert _tree(user_packs) == ["mine.toml"]


def test_remove_removes_the_pack_and_its_text(quiz, make_pack, own_text, user_packs):
    quiz("add", make_pack(text="mine.txt"))

    result = quiz("remove", "mine")

    assert result.code == 0, result.err
    assert result.out == (
        f"removed pack 'mine' ({user_packs / 'mine.toml'}) and its source text "
        f"({user_packs / 'mine.txt'}); no progress was recorded for it\n"
    )
    assert _tree(user_packs) == []


def test_remove_keeps_a_text_another_pack_names(quiz, make_pack, own_text, user_packs):
    quiz("add", make_pack(text="mine.txt"))
    copied = make_pack("copy.toml", "copy", text="mine.txt")
    (user_packs / "copy.toml").write_bytes(copied.read_bytes())

    result = quiz("remove", "mine")

    assert result.code == 0, result.err
    assert "its source text mine.txt is kept for the pack 'copy'" in result.out
    assert _tree(user_packs) == ["copy.toml", "mine.txt"]


def test_remove_takes_the_text_of_a_broken_pack_too(quiz, make_pack, own_text, user_packs):
    quiz("add", make_pack(text="mine.txt"))
    installed = user_packs / "mine.toml"
    installed.write_text(installed.read_text("utf-8") + "colour = 1\n", encoding="utf-8")

    result = quiz("remove", "mine")

    assert result.code == 0, result.err
    assert _tree(user_packs) == []


def test_remove_with_the_text_already_gone(quiz, make_pack, own_text, user_packs):
    quiz("add", make_pack(text="mine.txt"))
    (user_packs / "mine.txt").unlink()

    result = quiz("remove", "mine")

    assert result.code == 0, result.err
    assert result.out.startswith(f"removed pack 'mine' ({user_packs / 'mine.toml'}); ")


def test_remove_leaves_a_link_at_the_text_name_alone(quiz, make_pack, own_text, user_packs):
    quiz("add", make_pack(text="mine.txt"))
    (user_packs / "mine.txt").unlink()
    (user_packs / "mine.txt").symlink_to(own_text)

    result = quiz("remove", "mine")

    assert result.code == 1
    assert "the source text 'mine.txt' was left alone" in result.err
    assert "is a symbolic link" in result.err
    assert (user_packs / "mine.txt").is_symlink() and own_text.exists()
    assert not (user_packs / "mine.toml").exists()


def test_packs_json_carries_the_description_and_the_source(quiz, files, user_packs, builtin_id):
    user_packs.mkdir(parents=True)
    (user_packs / "dated.toml").write_text(
        'format = 1\n\n[pack]\nid = "dated"\ntitle = "Dated"\ndescription = "Two\\nlines."\n\n'
        '[pack.source]\ntitle = "Report"\npublisher = "Paper"\nurl = "https://example.org/r"\n'
        'date = 2014-09-25\ntext = "dated.txt"\n\n'
        '[[questions]]\nid = "q1"\nkind = "verdict"\nprompt = "P"\nanswer = "supported"\n'
        'evidence = ["E"]\nexplanation = "E"\n',
        encoding="utf-8",
    )
    (user_packs / "bare.toml").write_text(
        'format = 1\n\n[pack]\nid = "bare"\ntitle = "Bare"\n\n'
        '[[questions]]\nid = "q1"\nkind = "verdict"\nprompt = "P"\nanswer = "supported"\n'
        'evidence = ["E"]\nexplanation = "E"\n',
        encoding="utf-8",
    )
    (user_packs / "broken.toml").write_text("format = 2\n", encoding="utf-8")

    result = quiz("packs", "--json")

    rows = {row["id"]: row for row in json.loads(result.out)}
    assert rows["dated"]["description"] == "Two\nlines."
    assert rows["dated"]["source"] == {
        "title": "Report",
        "publisher": "Paper",
        "date": "2014-09-25",
        "url": "https://example.org/r",
        "text": "dated.txt",
    }
    assert rows["bare"]["description"] == "" and rows["bare"]["source"] is None
    assert rows["broken"]["description"] is None and rows["broken"]["source"] is None
    assert rows[builtin_id]["source"] == {
        "title": "Iran Orders Elite Troops: Lay Off U.S. Forces in Iraq",
        "publisher": "The Daily Beast",
        "date": None,
        "url": None,
        "text": "iran-quds-force-iraq.txt",
    }


def test_packs_table_leaves_the_source_to_json(quiz, monkeypatch):
    # A hundred packs make a long table: it lists what a person types (the id) and
    # recognises (the title, the size); the citation is in --json and on the home screen.
    monkeypatch.setenv("COLUMNS", "250")

    result = quiz("packs")

    assert "Iran's Quds Force and U.S. troops in Iraq" in result.out
    assert "The Daily Beast" not in result.out
    rows = {row["id"]: row for row in json.loads(quiz("packs", "--json").out) if row["builtin"]}
    assert rows["iran-quds-force-iraq"]["source"]["publisher"] == "The Daily Beast"
