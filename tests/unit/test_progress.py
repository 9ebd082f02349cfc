"""The progress file: exact round trips, and loading never loses what was on disk."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import tomli_w

from quiz.model.history import Progress
from quiz.model.pack import Pack
from quiz.model.round import Round
from quiz.store import progress
from quiz.store.progress import ProgressError, from_document, load, save, to_document

if TYPE_CHECKING:
    from conftest import FakeClock


def populated(pack: Pack, clock: FakeClock) -> Progress:
    """Progress after one finished round of a pack and half of another."""
    state = Progress()
    play = Round(pack, 3, list(pack.questions), clock=clock, started="2026-01-01T10:00:00+00:00")
    for number, question in enumerate(play.questions):
        if number == 1:
            play.check_source()
        outcome = play.answer(question.answer if number != 2 else "999")
        state.record_answer(pack.id, outcome, f"2026-01-01T10:00:0{number}+00:00")
    clock.advance(61.37)
    state.record_round(play, "2026-01-01T10:01:01+00:00")
    second = Round.new(pack, seed=2**40, clock=clock, started="2026-01-02T00:00:00+00:00")
    second.answer(second.questions[0].answer)
    second.answer("wrong")
    clock.advance(3.5)
    state.current = second.state()
    assert state.current.pack_path is None
    state.current = dataclasses.replace(state.current, pack_path="/p/x.toml")
    return state


def test_document_round_trip_is_exact(small_pack: Pack, clock: FakeClock) -> None:
    before = populated(small_pack, clock)
    assert before.rounds and before.packs["small"].questions and before.current
    text = tomli_w.dumps(to_document(before))
    after = from_document(tomllib.loads(text))
    assert after == before
    assert after.best("small") == before.rounds[0].score > 0
    assert after.best("other") is None
    assert after.packs["small"].questions["c-who"].checked == 1
    assert after.packs["small"].questions["n-troops"].last_correct is False


def test_totals_can_be_read_without_the_round_records(small_pack: Pack, clock: FakeClock) -> None:
    before = populated(small_pack, clock)
    document = tomllib.loads(tomli_w.dumps(to_document(before)))
    document["rounds"] = ["not even a table"]  # left unread
    totals = from_document(document, rounds=False)
    assert totals.rounds == []
    assert totals.packs == before.packs and totals.players == before.players
    assert totals.best("small") == before.best("small")
    document["rounds"] = 3  # not even a list: damaged for every reader alike
    with pytest.raises(ProgressError, match="rounds"):
        from_document(document, rounds=False)


def test_to_document_is_a_snapshot(small_pack: Pack, clock: FakeClock) -> None:
    state = populated(small_pack, clock)
    document = to_document(state)
    state.packs["small"].questions["v-supported"].seen = 99
    state.rounds.clear()
    assert document["packs"]["small"]["questions"]["v-supported"]["seen"] == 1
    assert len(document["rounds"]) == 1


def test_save_then_load(tmp_path: Path, small_pack: Pack, clock: FakeClock) -> None:
    path = tmp_path / "data" / "progress.toml"
    state = populated(small_pack, clock)
    save(path, state)
    loaded = load(path)
    assert (loaded.progress, loaded.notice, loaded.writable) == (state, None, True)
    assert os.listdir(path.parent) == ["progress.toml"]


def test_a_missing_file_is_a_fresh_start(tmp_path: Path) -> None:
    loaded = load(tmp_path / "progress.toml")
    assert (loaded.progress, loaded.notice, loaded.writable) == (Progress(), None, True)
    assert not (tmp_path / "progress.toml").exists()


def test_an_empty_document_is_a_fresh_start(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    path.write_bytes(b"format = 1\n")
    loaded = load(path)
    assert (loaded.progress, loaded.notice, loaded.writable) == (Progress(), None, True)


def valid_bytes() -> bytes:
    return progress.dumps(
        {"format": 1, "rounds": [{"pack": "p", "started": "2026-01-01", "score": 10}]}
    )


CORRUPT = [
    pytest.param(valid_bytes()[: valid_bytes().index(b"2026") + 2], id="truncated"),
    pytest.param(b"\x00\xff\xfe garbage \x80", id="binary"),
    pytest.param(b"this is not toml at all [[[", id="garbage"),
    pytest.param(b"format = 1\npacks = 3\n", id="packs-not-table"),
    pytest.param(b'format = 1\n[[rounds]]\nscore = "high"\n', id="score-text"),
    pytest.param(b'format = 1\n[current]\npack = "p"\nseed = true\n', id="seed-bool"),
    pytest.param(b"format = 1\n[current]\norder = [1, 2]\n", id="order-numbers"),
    pytest.param(b"format = 1\n[packs.p.questions.q]\nseen = 1.5\n", id="seen-float"),
    pytest.param(b"rounds = []\n", id="no-format"),
    pytest.param(b'format = "1"\n', id="format-text"),
    pytest.param(b"format = 0\n", id="format-zero"),
    pytest.param(b"format = 1\nx = " + b"[" * 2000 + b"]" * 2000 + b"\n", id="deep"),
]


@pytest.mark.parametrize("data", CORRUPT)
def test_a_corrupt_file_is_backed_up_byte_for_byte(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "progress.toml"
    path.write_bytes(data)
    loaded = load(path)
    backups = sorted(tmp_path.glob("progress.toml.corrupt-*"))
    assert len(backups) == 1
    assert backups[0].read_bytes() == data
    # The new, empty history replaces the damaged file, so it is backed up only once.
    assert load(path).notice is None
    assert sorted(tmp_path.glob("progress.toml.corrupt-*")) == backups
    assert loaded.progress == Progress()
    assert loaded.writable is True
    assert loaded.notice is not None and str(backups[0]) in loaded.notice


def test_the_notice_carries_no_controls(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    path.write_bytes(b'format = 1\n[packs."\\u001b]0;x\\u0007"]\nrounds = "many"\n')
    loaded = load(path)
    assert loaded.notice is not None and "rounds: expected a whole number" in loaded.notice
    assert "\x1b" not in loaded.notice and "\x07" not in loaded.notice


def test_two_corruptions_make_two_backups(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    path.write_bytes(b"first [[[")
    first = load(path)
    path.write_bytes(b"second ]]]")
    second = load(path)
    backups = sorted(tmp_path.glob("progress.toml.corrupt-*"))
    assert sorted(b.read_bytes() for b in backups) == [b"first [[[", b"second ]]]"]
    assert first.notice != second.notice


def test_a_newer_format_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    data = b"format = 2\nwhatever = { new = true }\n"
    path.write_bytes(data)
    os.utime(path, (1_000_000, 1_000_000))
    loaded = load(path)
    assert loaded.writable is False
    assert loaded.notice is not None and "Upgrade" in loaded.notice and "format 2" in loaded.notice
    assert path.read_bytes() == data
    assert path.stat().st_mtime == 1_000_000
    assert os.listdir(tmp_path) == ["progress.toml"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_an_unreadable_file_is_not_writable(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    path.write_bytes(b"format = 1\n")
    path.chmod(0)
    try:
        loaded = load(path)
    finally:
        path.chmod(0o600)
    assert loaded.writable is False and loaded.notice is not None
    assert os.listdir(tmp_path) == ["progress.toml"]


def test_a_folder_in_place_of_the_file_is_not_writable(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    path.mkdir()
    loaded = load(path)
    assert loaded.writable is False
    assert loaded.notice is not None and "will not be saved" in loaded.notice
    assert loaded.progress == Progress()


def test_a_corrupt_file_that_cannot_be_backed_up_is_not_writable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "progress.toml"
    path.write_bytes(b"garbage [[[")

    def refuse(target: Path, data: bytes) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(progress, "write_new", refuse)
    loaded = load(path)
    assert loaded.writable is False
    assert loaded.notice is not None and "could not be backed up" in loaded.notice
    assert path.read_bytes() == b"garbage [[["


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ({"format": 1, "packs": {"p": {"rounds": "x"}}}, "packs.p.rounds"),
        ({"format": 1, "packs": {"p": {"questions": {"q": {"last": 3}}}}}, "packs.p.q.last"),
        ({"format": 1, "rounds": [{"seconds": "fast"}]}, "rounds[0].seconds"),
        ({"format": 1, "rounds": [{}, {"seconds": float("nan")}]}, "rounds[1].seconds"),
        ({"format": 1, "rounds": [{"score": True}]}, "rounds[0].score"),
        ({"format": 1, "rounds": [{"score": 2**60}]}, "rounds[0].score"),
        ({"format": 1, "rounds": [{"pack": 7}]}, "rounds[0].pack"),
        ({"format": 1, "rounds": [{"review": 1}]}, "rounds[0].review"),
        ({"format": 1, "rounds": [{"closed_book": "yes"}]}, "rounds[0].closed_book"),
        ({"format": 1, "current": {"closed_book": 1}}, "current.closed_book"),
        ({"format": 1, "rounds": [[1]]}, "rounds[0]: expected a table"),
        ({"format": 1, "rounds": {}}, "rounds: expected a list"),
        ({"format": 1, "current": {"answers": [{"correct": 1}]}}, "current.answers[0].correct"),
        ({"format": 1, "current": {"pack_path": 3}}, "current.pack_path"),
        ({"format": 1, "current": 3}, "current: expected a table"),
    ],
)
def test_from_document_names_the_bad_field(document: dict[str, object], where: str) -> None:
    with pytest.raises(ProgressError, match=where.replace("[", r"\[").replace("]", r"\]")):
        from_document(document)
