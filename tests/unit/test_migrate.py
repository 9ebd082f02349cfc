"""The one progress.toml of format 1 becomes settings.toml and one file per player, once."""

from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from quiz.model.history import PackStats, PlayerPackStats, QuestionStats, RoundRecord, Tally
from quiz.model.schedule import Slot
from quiz.session import Session
from quiz.store import migrate, paths
from quiz.store.progress import read_progress
from quiz.store.schema import player_pack_to_dict

DAYS = 3650
NAMES = ("ann", "Bob Ng", "")  # "" stands for rounds played before the game had players


def legacy_pack(stats: PackStats) -> dict[str, Any]:
    """A pack's aggregates as format 1 kept them: each question's a table of named fields."""
    questions = {
        qid: {"seen": q.seen, "correct": q.correct, "last": q.last}
        for qid, q in stats.questions.items()
    }
    return {"rounds": stats.rounds, "best": stats.best, "last": stats.last, "questions": questions}


def legacy_bytes(days: int = DAYS) -> bytes:
    """A format-1 progress file: ten years of daily rounds by three players, one unnamed."""
    start = datetime(2016, 1, 1, 9, 0)
    rounds = []
    packs: dict[str, PackStats] = {}
    for day in range(days):
        pack = f"pack-{day % 7}"
        finished = (start + timedelta(days=day)).strftime("%Y-%m-%dT%H:%M:%SZ")
        record = RoundRecord(
            pack,
            finished,
            finished,
            day % 97 - 10,
            100,
            day % 5,
            5,
            2,
            61.5,
            player=NAMES[day % 3],
            closed_book=day % 11 == 0,
        )
        # Format 1 kept each round as a table, the player's name among its fields.
        rounds.append({key: value for key, value in record._asdict().items() if value != ""})
        stats = packs.setdefault(pack, PackStats())
        stats.count_round(record.score)
        for number in range(5):
            question = stats.questions.setdefault(f"q{number}", QuestionStats())
            question.seen += 1
            question.correct += number < day % 5
            question.last = finished
    tallies = PlayerPackStats(
        kinds={"verdict": Tally(9, 4)}, schedule={"q1": Slot(2, date(2026, 1, 3))}
    )
    document: dict[str, Any] = {
        "format": 1,
        "settings": {"player": "ann", "confidence": True},
        "current": {
            "pack": "pack-1",
            "seed": 5,
            "order": ["q1", "q2"],
            "player": "",
            "answers": [
                {
                    "question": "q1",
                    "response": "supported",
                    "correct": True,
                    "points": 10,
                    "checked": False,
                }
            ],
        },
        "packs": {pack_id: legacy_pack(stats) for pack_id, stats in packs.items()},
        "players": {name: {"pack-0": player_pack_to_dict(tallies)} for name in NAMES},
        "rounds": rounds,
    }
    return tomli_w.dumps(document).encode()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    return data


def scores_json(folder: Path) -> Any:
    from quiz.model.report import build, to_json

    progress, notice = read_progress(folder)
    assert notice is None and progress is not None
    return json.loads(json.dumps(to_json(build(progress))))


def test_ten_years_migrate_with_no_round_lost_and_the_original_kept(folder: Path) -> None:
    original = legacy_bytes()
    legacy = paths.progress_path(folder)
    legacy.write_bytes(original)
    before, _ = read_progress(folder)  # a listing reads the old file as it is
    assert before is not None and len(before.rounds) == DAYS
    shown = scores_json(folder)

    session = Session(folder, exclusive=True, player="cy")
    assert session.notices == [] and session.writable
    assert session.close()

    assert not legacy.exists()
    assert (folder / "progress.toml.migrated").read_bytes() == original
    files = sorted(path.name for path in paths.players_dir(folder).glob("*.toml"))
    players = ("ann", "Bob Ng", "cy")  # cy's file is new and empty: cy has not played yet
    assert files == sorted(paths.player_path(folder, name).name for name in players)
    after, notice = read_progress(folder)
    assert notice is None and after is not None
    assert len(after.rounds) == DAYS
    assert [r.finished for r in after.rounds] == [r.finished for r in before.rounds]
    # The unnamed rounds are the last player's (settings.player), whose file they are in.
    assert {r.player for r in after.rounds} == {"ann", "Bob Ng"}
    assert sum(r.player == "ann" for r in after.rounds) == sum(
        r.player in ("ann", "") for r in before.rounds
    )
    # Every answer is counted once, and each pack's best is the same for everyone.
    for pack_id, stats in before.packs.items():
        merged = after.packs[pack_id]
        assert (merged.rounds, merged.best, merged.last) == (stats.rounds, stats.best, stats.last)
        assert merged.questions == stats.questions
    assert after.players["ann"]["pack-0"].kinds["verdict"] == Tally(18, 8)
    now = scores_json(folder)
    for part in ("packs", "trend", "kinds", "tags", "discernment", "calibration"):
        assert now[part] == shown[part], part
    unnamed = [{**r, "player": r["player"] or "ann"} for r in shown["history"]]
    assert now["history"] == unnamed
    assert (folder / "settings.toml").read_text("utf-8") == 'player = "ann"\nconfidence = true\n'
    ann = Session(folder, player="ann")
    assert ann.progress.current is not None and ann.progress.current.mode.player == "ann"
    ann.close()


def test_migrating_is_done_once_and_survives_a_crash_before_the_rename(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = legacy_bytes(30)
    paths.progress_path(folder).write_bytes(original)
    real_rename = os.rename

    def crash(source: Any, target: Any) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(migrate.os, "rename", crash)
    session = Session(folder)
    assert not session.writable and "could not be moved" in " ".join(session.notices)
    session.close()
    assert paths.progress_path(folder).read_bytes() == original
    written = {path: path.read_bytes() for path in paths.players_dir(folder).iterdir()}
    assert written

    monkeypatch.setattr(migrate.os, "rename", real_rename)
    again = Session(folder)
    assert again.notices == [] and again.writable
    again.close()
    assert {path: path.read_bytes() for path in written} == written
    assert (folder / "progress.toml.migrated").read_bytes() == original
    listed = sorted(p.name for p in folder.iterdir())
    Session(folder).close()
    assert sorted(p.name for p in folder.iterdir()) == listed


def test_a_damaged_old_file_is_kept_as_a_backup_and_the_game_starts_afresh(folder: Path) -> None:
    garbage = b"format = 1\n[packs\x00 this is not toml"
    paths.progress_path(folder).write_bytes(garbage)
    session = Session(folder, player="ann")
    assert session.writable
    [notice] = session.notices
    [backup] = folder.glob("progress.toml.corrupt-*")
    assert backup.read_bytes() == garbage and str(backup) in notice
    session.close()


def test_an_old_file_from_a_newer_game_is_left_alone(folder: Path) -> None:
    newer = b"format = 2\n[future]\nthing = 1\n"
    paths.progress_path(folder).write_bytes(newer)
    session = Session(folder, player="ann")
    assert not session.writable and "newer version" in session.notices[0]
    session.close()
    assert [p.name for p in folder.iterdir()] == ["progress.toml"]
