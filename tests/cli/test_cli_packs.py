"""``quiz packs``: tables for people, JSON for scripts, broken packs listed, nothing written,
and no player's file read (how the rounds went is ``quiz scores``)."""

from __future__ import annotations

import json
from pathlib import Path


def _install(user_packs: Path, name: str, text: str) -> Path:
    user_packs.mkdir(parents=True, exist_ok=True)
    path = user_packs / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_lists_builtin_user_and_broken_packs(
    quiz, make_pack, user_packs, builtin_id, record_progress
):
    _install(user_packs, "mine.toml", make_pack(questions=("a", "b")).read_text())
    _install(user_packs, "broken.toml", "format = 2\n")
    record_progress("mine", ["a"], 40)

    result = quiz("packs", "--json")

    assert result.code == 0, result.err
    rows = {row["id"]: row for row in json.loads(result.out)}
    assert list(rows) == [builtin_id, "tutorial", "broken", "mine"]
    assert rows[builtin_id]["builtin"] is True
    assert rows["tutorial"]["builtin"] is True and rows["tutorial"]["questions"] == 8
    assert rows[builtin_id]["questions"] == 46
    assert rows[builtin_id]["source"]["publisher"] == "The Daily Beast"
    assert rows["mine"] == {
        "id": "mine",
        "title": "My pack",
        "description": "",
        "questions": 2,
        "source": None,
        "builtin": False,
        "path": str(user_packs / "mine.toml"),
        "error": None,
    }
    assert rows["broken"]["title"] is None
    assert rows["broken"]["error"] == f"{user_packs / 'broken.toml'}:1: format: must be 1, not 2"


def test_table_shows_every_pack_and_pack_text_is_not_markup(
    quiz, make_pack, user_packs, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "250")
    title = "[bold red]Loud[/] :smile: [link=x]y[/link]"
    _install(user_packs, "mine.toml", make_pack(title=title).read_text())
    _install(user_packs, "broken.toml", "not toml at all [")

    result = quiz("packs")

    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert text.startswith("Built-in packs ID Title Questions")
    assert text.index("iran-quds-force-iraq") < text.index(f"Your packs, in {user_packs}")
    assert title in text
    assert "broken: line 1:" in text and "TOML syntax error" in text
    assert "\x1b" not in result.out


def test_table_wraps_but_keeps_every_column_on_a_narrow_terminal(quiz, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")

    result = quiz("packs")

    header = next(line for line in result.out.splitlines() if "ID" in line)
    for column in ("Title", "Questions"):
        assert column in header
    assert all(len(line) <= 40 for line in result.out.splitlines())
    assert "Quds" in result.out  # folded, not cut


def test_no_user_packs_says_where_they_would_be_kept(quiz, user_packs):
    result = quiz("packs")

    assert result.code == 0, result.err
    assert "Your packs are kept in" in " ".join(result.out.split())


def test_no_player_file_is_read(quiz, data_dir):
    progress_file = data_dir / "progress.toml"
    progress_file.write_bytes(b"\xff not toml")

    for args in (("packs",), ("packs", "--json")):
        result = quiz(*args)
        assert result.code == 0
        assert result.err == ""
    assert all("best" not in row for row in json.loads(result.out))
    # Listing never writes: no backup of the corrupt file, and the file is as it was.
    assert sorted(path.name for path in data_dir.iterdir()) == ["progress.toml"]
    assert progress_file.read_bytes() == b"\xff not toml"


def test_packs_writes_nothing_to_a_fresh_data_folder(quiz, data_dir):
    assert quiz("packs").code == 0
    assert list(data_dir.iterdir()) == []
