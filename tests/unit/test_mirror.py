"""The JSON copy of the progress file: used only while it is exactly the file's twin."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quiz.session import Session
from quiz.store import progress as progress_module
from quiz.store.mirror import mirror_path, read_index, read_mirror

ROOT = Path(__file__).resolve().parents[2]
BUILTIN = ROOT / "questions"


def play_a_round(data: Path) -> Session:
    session = Session(data, builtin_dir=BUILTIN, exclusive=True, player="ana")
    pack = session.find_pack("iran-quds-force-iraq")
    play = session.start_round(pack, seed=3, count=3)
    while not play.finished:
        session.answered(play, play.answer(play.current.answer))
    session.finish(play)
    assert session.close()
    return session


def no_toml_parsing(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = progress_module.tomllib.loads

    def spy(text, **kwargs):
        calls.append(text[:20])
        return real(text, **kwargs)

    monkeypatch.setattr(progress_module.tomllib, "loads", spy)
    return calls


def test_the_next_start_reads_the_copy_and_gets_the_same_progress(tmp_path, monkeypatch):
    data = tmp_path / "data"
    first = play_a_round(data)
    assert mirror_path(first.progress_path).exists()
    calls = no_toml_parsing(monkeypatch)
    again = Session(data, builtin_dir=BUILTIN)
    assert calls == []
    assert again.progress == progress_module.from_document(
        progress_module.tomllib.loads(first.progress_path.read_text("utf-8"))
    )


def test_a_copy_of_an_older_file_is_ignored(tmp_path, monkeypatch):
    data = tmp_path / "data"
    first = play_a_round(data)
    path = first.progress_path
    path.write_text(path.read_text("utf-8").replace("best = ", "best = 1", 1), "utf-8")
    os.utime(path, ns=(1, 1))
    calls = no_toml_parsing(monkeypatch)
    again = Session(data, builtin_dir=BUILTIN)
    assert calls and again.progress.packs["iran-quds-force-iraq"].best >= 100


@pytest.mark.parametrize(
    "damage", [b"{not json", b'{"mirrors": [1, 2], "document": {}}', b'{"mirrors": "x"}', b"[]"]
)
def test_a_damaged_copy_is_ignored(tmp_path, damage):
    data = tmp_path / "data"
    first = play_a_round(data)
    mirror_path(first.progress_path).write_bytes(damage)
    again = Session(data, builtin_dir=BUILTIN)
    assert len(again.progress.rounds) == 1


def test_no_copy_is_left_for_a_file_the_game_could_not_read(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "progress.toml").write_bytes(b"format = 2\n")
    session = Session(data, builtin_dir=BUILTIN, exclusive=True)
    assert session.close()
    assert not mirror_path(data / "progress.toml").exists()
    (data / "progress.toml").write_bytes(b"garbage [")
    session = Session(data, builtin_dir=BUILTIN, exclusive=True)
    assert session.close()
    assert not mirror_path(data / "progress.toml").exists()


def test_the_index_is_read_from_the_first_line_alone(tmp_path):
    data = tmp_path / "data"
    first = play_a_round(data)
    copy = mirror_path(first.progress_path)
    head, body = copy.read_bytes().split(b"\n", 1)
    index = read_index(first.progress_path)
    assert index is not None and index["best"]["iran-quds-force-iraq"] > 0

    copy.write_bytes(head + b"\n" + b"[damaged")

    assert read_index(first.progress_path) == index
    assert read_mirror(first.progress_path) is None, "the document itself is damaged"


def test_a_copy_in_the_one_line_layout_is_ignored(tmp_path, monkeypatch):
    data = tmp_path / "data"
    first = play_a_round(data)
    copy = mirror_path(first.progress_path)
    head, body = copy.read_bytes().split(b"\n", 1)
    stamp = json.loads(head)["mirrors"]
    document = json.loads(body)
    copy.write_bytes(json.dumps({"mirrors": stamp, "document": document}).encode())
    calls = no_toml_parsing(monkeypatch)

    again = Session(data, builtin_dir=BUILTIN)

    assert calls, "the TOML file was read instead"
    pack = "iran-quds-force-iraq"
    assert again.progress.best(pack) == first.progress.best(pack)
    assert read_index(first.progress_path) is None


def test_a_closed_book_round_survives_every_way_to_disk_and_back(tmp_path, monkeypatch):
    data = tmp_path / "data"
    session = Session(data, builtin_dir=BUILTIN, exclusive=True, player="ana")
    pack = session.find_pack("iran-quds-force-iraq")
    # Saved after every answer: the incremental writer, not one full render.
    for closed_book in (False, True):
        play = session.start_round(pack, seed=3, count=3, closed_book=closed_book)
        while not play.finished:
            session.answered(play, play.answer(play.current.answer))
        session.finish(play)
    left = session.start_round(pack, seed=4, count=3, closed_book=True)
    session.answered(left, left.answer(left.current.answer))
    session.leave(left)
    assert session.close()

    from_toml = progress_module.from_document(
        progress_module.tomllib.loads(session.progress_path.read_text("utf-8"))
    )
    assert from_toml == session.progress
    assert [r.closed_book for r in from_toml.rounds] == [False, True]
    assert from_toml.current is not None and from_toml.current.mode.closed_book
    closed = from_toml.players["ana"]["iran-quds-force-iraq"].closed_book
    assert sum(tally.answers for tally in closed.kinds.values()) == 4

    calls = no_toml_parsing(monkeypatch)
    again = Session(data, builtin_dir=BUILTIN)
    assert calls == [], "read from the JSON copy"
    assert again.progress == from_toml
    resumed = again.resume()
    assert resumed is not None and resumed.mode.closed_book and resumed.index == 1
