"""A player's file: exact round trips, and loading never loses what was on disk."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import rtoml

from quiz.model.history import Progress
from quiz.model.pack import Pack
from quiz.model.round import Round
from quiz.model.round_state import Mode
from quiz.store import files, paths
from quiz.store.decoding import parse_legacy
from quiz.store.player_file import PlayerFile, parse, render
from quiz.store.schema import ProgressError, from_legacy_document

if TYPE_CHECKING:
    from conftest import FakeClock

PLAYER = "ann"


def populated(pack: Pack, clock: FakeClock) -> Progress:
    """Progress after one finished round of a pack and half of another."""
    state = Progress()
    play = Round(
        pack,
        3,
        list(pack.questions),
        clock=clock,
        started="2026-01-01T10:00:00+00:00",
        mode=Mode(player=PLAYER),
    )
    for number, question in enumerate(play.questions):
        if number == 1:
            play.check_source()
        outcome = play.answer(question.answer if number != 2 else "999")
        state.record_answer(
            pack.id,
            outcome,
            f"2026-01-01T10:00:0{number}+00:00",
            player=PLAYER,
            today=date(2026, 1, 1),
        )
    clock.advance(61.37)
    state.record_round(play, "2026-01-01T10:01:01+00:00")
    second = Round.new(
        pack, seed=2**40, clock=clock, started="2026-01-02T00:00:00+00:00", mode=Mode(PLAYER)
    )
    second.answer(second.questions[0].answer)
    second.answer("wrong")
    clock.advance(3.5)
    state.current = second.state()._replace(pack_path="/p/x.toml")
    return state


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return paths.player_path(tmp_path / "data", PLAYER)


def load(path: Path) -> tuple[Progress, str | None, bool]:
    loaded = PlayerFile(path, PLAYER).load()
    return loaded.progress, loaded.notice, loaded.writable


def save(path: Path, progress: Progress) -> None:
    player = PlayerFile(path, PLAYER)
    player.save(progress)
    assert player.close()
    assert player.save_error is None


def test_save_then_load_is_exact(path: Path, small_pack: Pack, clock: FakeClock) -> None:
    state = populated(small_pack, clock)
    assert state.rounds and state.packs["small"].questions and state.current
    save(path, state)
    after, notice, writable = load(path)
    assert (after, notice, writable) == (state, None, True)
    assert after.best("small") == state.rounds[0].score > 0
    assert after.best("other") is None
    assert after.packs["small"].questions["c-who"].checked == 1
    assert after.packs["small"].questions["n-troops"].last_correct is False
    assert os.listdir(path.parent) == [path.name]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_totals_can_be_read_without_the_round_records(small_pack: Pack, clock: FakeClock) -> None:
    before = populated(small_pack, clock)
    document = rtoml.loads(render(PLAYER, before).decode())
    document["rounds"] = ["not even a table"]  # left unread
    _, totals = parse(rtoml.dumps(document).encode(), rounds=False)
    assert totals.rounds == []
    assert totals.packs == before.packs and totals.players == before.players
    assert totals.best("small") == before.best("small")
    document["rounds"] = 3  # not even a list: damaged for every reader alike
    with pytest.raises(ProgressError, match="rounds"):
        parse(rtoml.dumps(document).encode(), rounds=False)


def test_totals_can_be_read_without_each_questions_figures(
    small_pack: Pack, clock: FakeClock
) -> None:
    before = populated(small_pack, clock)
    document = rtoml.loads(render(PLAYER, before).decode())
    document["packs"]["small"]["questions"]["c-who"] = "not even an array"  # left unread
    _, totals = parse(rtoml.dumps(document).encode(), questions=False)
    assert totals.packs["small"].questions == {}
    assert totals.best("small") == before.best("small") and totals.rounds == before.rounds
    assert totals.players == before.players and totals.current == before.current
    with pytest.raises(ProgressError, match="packs.small.questions.c-who: expected an array"):
        parse(rtoml.dumps(document).encode())
    document["packs"]["small"]["questions"] = 3  # not even a table: damaged for every reader
    with pytest.raises(ProgressError, match="packs.small.questions"):
        parse(rtoml.dumps(document).encode(), questions=False)


def test_each_round_is_one_array_and_a_file_of_round_tables_still_reads_equal(
    path: Path, small_pack: Pack, clock: FakeClock
) -> None:
    before = populated(small_pack, clock)
    record = before.rounds[0]
    document = rtoml.loads(render(PLAYER, before).decode())
    assert document["format"] == 4
    assert document["rounds"] == [
        [record.pack, record.started, record.finished, record.score, record.best_possible]
        + [record.correct, record.answered, record.best_streak, record.seconds, record.checked]
        + [record.confidence, record.review, record.closed_book]
    ]
    # Format 2 kept each round as a table of named fields, defaults left out, and each
    # question's figures as format 3 did.
    document["format"] = 2
    document["packs"] = question_tables(document["packs"])
    document["rounds"] = [
        {"pack": record.pack, "started": record.started, "finished": record.finished}
        | {"score": record.score, "best_possible": record.best_possible}
        | {"correct": record.correct, "answered": record.answered}
        | {"best_streak": record.best_streak, "seconds": record.seconds}
        | {"checked": record.checked, "confidence": record.confidence}
    ]
    path.parent.mkdir(parents=True)
    path.write_bytes(rtoml.dumps(document).encode())
    assert load(path) == (before, None, True)
    save(path, load(path)[0])
    assert rtoml.loads(path.read_text("utf-8"))["format"] == 4


def question_tables(packs: dict[str, Any]) -> dict[str, Any]:
    """The packs of a document with each question's figures a table of named fields, defaults
    left out, as formats 1 to 3 kept them."""
    fields = ("seen", "correct", "checked", "last", "last_correct", "confidence", "wrong")
    return {
        pack_id: table
        | {
            "questions": {
                qid: {key: value for key, value in zip(fields, row, strict=True) if value}
                for qid, row in table["questions"].items()
            }
        }
        for pack_id, table in packs.items()
    }


def test_each_question_is_one_array_and_a_file_of_question_tables_still_reads_equal(
    path: Path, small_pack: Pack, clock: FakeClock
) -> None:
    before = populated(small_pack, clock)
    before.packs["small"].questions["c-who"].count_wrong("Ann \x1b[31mred")
    missed = before.packs["small"].questions["n-troops"]
    document = rtoml.loads(render(PLAYER, before).decode())
    assert document["format"] == 4
    assert document["packs"]["small"]["questions"]["n-troops"] == [
        missed.seen,
        missed.correct,
        missed.checked,
        missed.last,
        missed.last_correct,
        missed.confidence,
        {"999": 1},
    ]
    # Format 3 kept each question's figures as a table of named fields, defaults left out.
    document["format"] = 3
    document["packs"] = question_tables(document["packs"])
    assert document["packs"]["small"]["questions"]["n-troops"] == {
        "seen": 1,
        "last": missed.last,
        "wrong": {"999": 1},
    }
    path.parent.mkdir(parents=True)
    path.write_bytes(rtoml.dumps(document).encode())
    after = load(path)[0]
    assert after.packs["small"].questions["c-who"].wrong == {"Ann [31mred": 1}
    before.packs["small"].questions["c-who"].wrong = {"Ann [31mred": 1}
    assert after == before
    save(path, after)
    assert rtoml.loads(path.read_text("utf-8"))["format"] == 4
    assert load(path) == (before, None, True)


QUESTION = (
    b'format = 4\nplayer = "ann"\n[packs.p.questions]\n'
    b'q = [3, 2, 1, "2026-01-01T09:03:32Z", true, 80, { "x" = 1 }]\n'
)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (b"[3,", b'["3",', "packs.p.q.seen: expected a whole number"),
        (b" 2,", b" 9007199254740993,", "packs.p.q.correct: expected a whole number"),
        (b"true", b"1", "packs.p.q.last_correct: expected true or false"),
        (b'"2026-01-01T09:03:32Z"', b"2026-01-01T09:03:32Z", "packs.p.q.last: expected text"),
        (b"80", b"8.0", "packs.p.q.confidence: expected a whole number"),
        (b'"x" = 1', b'"x" = 0', "packs.p.q.wrong: expected a count of times"),
        (b'{ "x" = 1 }', b'["x"]', "packs.p.q.wrong: expected a table"),
        (b", 80", b"", "packs.p.questions.q: expected an array of seen, correct"),
        (b"[3, ", b"{ seen = 3 } #", "packs.p.questions.q: expected an array of seen"),
    ],
)
def test_a_damaged_question_array_names_its_field(old: bytes, new: bytes, where: str) -> None:
    assert parse(QUESTION)[1].packs["p"].questions["q"].wrong == {"x": 1}
    with pytest.raises(ProgressError, match=where.replace("[", r"\[").replace("]", r"\]")):
        parse(QUESTION.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (b'"p"', b"7", "rounds[0].pack: expected text"),
        (b"188", b'"188"', "rounds[0].score: expected a whole number"),
        (b"188", b"9007199254740993", "rounds[0].score: expected a whole number"),
        (b"212.0", b"inf", "rounds[0].seconds: expected a number"),
        (b"true", b'"yes"', "rounds[0].closed_book: expected true or false"),
        (b", true]", b"]", "rounds[0]: expected an array of pack, started, finished"),
    ],
)
def test_a_damaged_round_array_names_its_field(old: bytes, new: bytes, where: str) -> None:
    with pytest.raises(ProgressError, match=where.replace("[", r"\[").replace("]", r"\]")):
        parse(ROW.replace(old, new, 1))


def test_a_round_array_with_whole_seconds_reads_as_written_by_hand() -> None:
    [record] = parse(ROW.replace(b"212.0", b"212"))[1].rounds
    assert record.seconds == 212.0 and type(record.seconds) is float
    assert (record.player, record.score, record.closed_book) == ("ann", 188, True)


def _rows(*seconds: bytes) -> bytes:
    """A file of several rounds of ``ROW``'s figures, taking these seconds in turn."""
    one = b'["p", "2026-01-01T09:00:00Z", "2026-01-01T09:03:32Z", 188, 520, 10, 20, 4, %s, 2, '
    rows = b", ".join(one % value + b"false, false, true]" for value in seconds)
    return b'format = 4\nplayer = "ann"\nrounds = [' + rows + b"]\n"


@pytest.mark.parametrize(
    ("value", "where"),
    [
        (b'"fast"', "rounds[2].seconds: expected a number"),
        (b"nan", "rounds[2].seconds: expected a number"),
        (b"9007199254740993", "rounds[2].seconds: expected a number"),
    ],
)
def test_a_damaged_round_among_sound_ones_is_named(value: bytes, where: str) -> None:
    with pytest.raises(ProgressError, match=where.replace("[", r"\[").replace("]", r"\]")):
        parse(_rows(b"212.0", b"1.5", value, b"3.0"))


def test_rounds_read_alike_whether_each_is_of_its_exact_types_or_not() -> None:
    exact = parse(_rows(b"212.0", b"1.5", b"3.0"))[1].rounds
    by_hand = parse(_rows(b"212.0", b"1.5", b"3"))[1].rounds
    assert exact == by_hand and [type(record.seconds) for record in by_hand] == [float] * 3
    assert [record.player for record in exact] == ["ann"] * 3


def test_a_save_is_a_snapshot(path: Path, small_pack: Pack, clock: FakeClock) -> None:
    state = populated(small_pack, clock)
    player = PlayerFile(path, PLAYER)
    snapshot = player.snapshot(state)
    state.packs["small"].questions["v-supported"].seen = 99
    state.rounds.clear()
    player._write(snapshot)
    after, _, _ = load(path)
    assert after.packs["small"].questions["v-supported"].seen == 1
    assert len(after.rounds) == 1
    player.close()


@pytest.mark.parametrize("data", [None, b""], ids=["missing", "empty"])
def test_no_file_or_an_empty_one_is_a_fresh_start(path: Path, data: bytes | None) -> None:
    if data is not None:
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
    assert load(path) == (Progress(), None, True)
    assert path.exists() is (data is not None)


def valid_bytes() -> bytes:
    return render(PLAYER, Progress())


ROW = (
    b'format = 3\nplayer = "ann"\nrounds = [["p", "2026-01-01T09:00:00Z", "2026-01-01T09:03:32Z", '
    b"188, 520, 10, 20, 4, 212.0, 2, false, false, true]]\n"
)
CORRUPT = [
    pytest.param(b'format = 2\nplayer = "ann"\n[[rounds]]\npack = "p', id="truncated"),
    pytest.param(b"\x00\xff\xfe garbage \x80", id="binary"),
    pytest.param(b"this is not toml at all [[[", id="garbage"),
    pytest.param(b'format = 2\nplayer = "ann"\npacks = 3\n', id="packs-not-table"),
    pytest.param(b'format = 2\nplayer = "ann"\n[[rounds]]\nscore = "high"\n', id="score-text"),
    pytest.param(b'format = 2\nplayer = "ann"\n[current]\nseed = true\n', id="seed-bool"),
    pytest.param(b'format = 2\nplayer = "ann"\n[current]\norder = [1, 2]\n', id="order-numbers"),
    pytest.param(b'format = 2\nplayer = "ann"\n[packs.p.questions.q]\nseen = 1.5\n', id="float"),
    pytest.param(b'player = "ann"\n', id="no-format"),
    pytest.param(b'format = "2"\nplayer = "ann"\n', id="format-text"),
    pytest.param(b'format = 1\nplayer = "ann"\n', id="format-one"),
    pytest.param(b"format = 2\n", id="no-player"),
    pytest.param(b'format = 2\nplayer = "ann"\nx = ' + b"[" * 2000 + b"]" * 2000, id="deep"),
    pytest.param(b'format = 2\nplayer = "ann"\n[current]\nseed = ' + b"9" * 4301, id="huge-int"),
    pytest.param(b'format = 2\nplayer = "ann"\n[[rounds]]\nscore = ' + b"9" * 30, id="long-int"),
    pytest.param(b'format = 2\nplayer = "ann"\n[[rounds]]\nseconds = 1e400\n', id="inf"),
    pytest.param(b'format = 3\nplayer = "ann"\nrounds = [["p", "s", "f", 1]]\n', id="row-short"),
    pytest.param(b'format = 3\nplayer = "ann"\nrounds = [{ pack = "p" }]\n', id="row-table"),
    pytest.param(ROW.replace(b"212.0", b"nan"), id="row-nan"),
    pytest.param(ROW.replace(b"true", b"1"), id="row-flag-number"),
]


@pytest.mark.parametrize("data", CORRUPT)
def test_a_corrupt_file_is_backed_up_byte_for_byte(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    path.chmod(0o600)
    progress, notice, writable = load(path)
    backups = sorted(path.parent.glob(f"{path.name}.corrupt-*"))
    assert len(backups) == 1
    assert backups[0].read_bytes() == data
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    # The new, empty history replaces the damaged file, so it is backed up only once.
    assert load(path)[1] is None
    assert sorted(path.parent.glob(f"{path.name}.corrupt-*")) == backups
    assert progress == Progress()
    assert writable is True
    assert notice is not None and str(backups[0]) in notice


def test_the_notice_carries_no_controls(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b'format = 2\nplayer = "ann"\n[packs."\\u001b]0;x\\u0007"]\nrounds = "many"\n')
    _, notice, _ = load(path)
    assert notice is not None and "rounds: expected a whole number" in notice
    assert "\x1b" not in notice and "\x07" not in notice


def test_two_corruptions_make_two_backups(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"first [[[")
    first = load(path)[1]
    path.write_bytes(b"second ]]]")
    second = load(path)[1]
    backups = sorted(path.parent.glob(f"{path.name}.corrupt-*"))
    assert sorted(b.read_bytes() for b in backups) == [b"first [[[", b"second ]]]"]
    assert first != second


@pytest.mark.parametrize(
    "data",
    [b'format = 5\nplayer = "ann"\nwhatever = { new = true }\n', b"format = 99\n"],
)
def test_a_newer_format_is_left_alone(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    os.utime(path, (1_000_000, 1_000_000))
    progress, notice, writable = load(path)
    assert writable is False and progress == Progress()
    assert notice is not None and "Upgrade" in notice and "format" in notice
    assert path.read_bytes() == data
    assert path.stat().st_mtime == 1_000_000
    assert os.listdir(path.parent) == [path.name]


def test_a_file_of_another_player_is_left_alone(path: Path) -> None:
    path.parent.mkdir(parents=True)
    data = render("bob", Progress())
    path.write_bytes(data)
    _, notice, writable = load(path)
    assert writable is False
    assert notice is not None and "belongs to bob" in notice
    assert path.read_bytes() == data


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_an_unreadable_file_is_not_writable(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(valid_bytes())
    path.chmod(0)
    try:
        _, notice, writable = load(path)
    finally:
        path.chmod(0o600)
    assert writable is False and notice is not None
    assert os.listdir(path.parent) == [path.name]


@pytest.mark.parametrize("kind", ["folder", "pipe", "link"])
def test_anything_but_a_regular_file_is_refused_at_once(
    path: Path, tmp_path: Path, kind: str
) -> None:
    path.parent.mkdir(parents=True)
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        target = tmp_path / "elsewhere.toml"
        target.write_bytes(valid_bytes())
        path.symlink_to(target)
    progress, notice, writable = load(path)  # a named pipe must not block this
    assert writable is False and progress == Progress()
    assert notice is not None and "will not be saved" in notice
    assert os.listdir(path.parent) == [path.name]


def test_a_corrupt_file_that_cannot_be_backed_up_is_not_writable(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage [[[")
    real_write = files._write_all

    def full(handle: int, data: bytes) -> None:
        real_write(handle, data[:3])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "_write_all", full)
    _, notice, writable = load(path)
    assert writable is False
    assert notice is not None and "could not be backed up" in notice
    assert path.read_bytes() == b"garbage [[["
    # No backup is left part-written, and none empty.
    assert os.listdir(path.parent) == [path.name]


LEGACY = [
    ({"format": 1, "packs": {"p": {"rounds": "x"}}}, "packs.p.rounds"),
    ({"format": 1, "packs": {"p": {"questions": {"q": {"last": 3}}}}}, "packs.p.q.last"),
    ({"format": 1, "rounds": [{"seconds": "fast"}]}, "rounds[0].seconds"),
    ({"format": 1, "rounds": [{}, {"seconds": float("nan")}]}, "rounds[1].seconds"),
    ({"format": 1, "rounds": [{"score": True}]}, "rounds[0].score"),
    ({"format": 1, "rounds": [{"score": 2**60}]}, "rounds[0].score"),
    ({"format": 1, "rounds": [{"pack": 7}]}, "rounds[0].pack"),
    ({"format": 1, "rounds": [{"player": 7}]}, "rounds[0].player"),
    ({"format": 1, "rounds": [{"review": 1}]}, "rounds[0].review"),
    ({"format": 1, "rounds": [{"closed_book": "yes"}]}, "rounds[0].closed_book"),
    ({"format": 1, "current": {"closed_book": 1}}, "current.closed_book"),
    ({"format": 1, "rounds": [[1]]}, "rounds[0]: expected a table"),
    ({"format": 1, "rounds": {}}, "rounds: expected a list"),
    ({"format": 1, "current": {"answers": [{"correct": 1}]}}, "current.answers[0].correct"),
    ({"format": 1, "current": {"pack_path": 3}}, "current.pack_path"),
    ({"format": 1, "current": 3}, "current: expected a table"),
    ({"format": 1, "players": {"ann": []}}, "players.ann"),
    ({"format": 1, "players": {"ann": {"p": {"kinds": {"v": [1]}}}}}, "players.ann.p.kinds.v"),
    ({"format": 1, "settings": {"player": 3}}, "settings.player"),
    ({"format": 1, "settings": {"confidence": "yes"}}, "settings.confidence"),
    ({"format": 1, "settings": ["ann"]}, "settings"),
    ({"format": 2}, "format"),
]


@pytest.mark.parametrize(("document", "where"), LEGACY)
def test_the_old_progress_file_names_the_bad_field(document: dict[str, object], where: str) -> None:
    with pytest.raises(ProgressError, match=where.replace("[", r"\[").replace("]", r"\]")):
        from_legacy_document(document)


def test_an_old_progress_file_with_a_huge_number_is_damaged_not_a_crash() -> None:
    with pytest.raises(ProgressError):
        parse_legacy(b"format = 1\n[[rounds]]\nscore = " + b"9" * 4301 + b"\n")
