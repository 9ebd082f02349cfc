"""The session service: rounds in, progress on disk, rounds resumed in a later session."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from quiz.model.pack import Pack, PackError
from quiz.model.round import Round
from quiz.session import Session
from quiz.store.schema import QUESTION_FIELDS, ROUND_FIELDS

if TYPE_CHECKING:
    from conftest import FakeClock, FakeNow

PACK_ID = "iran-quds-force-iraq"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def open_session(data_dir: Path, clock: FakeClock, fake_now: FakeNow, real_pack_path: Path) -> Any:
    """Open sessions on the data folder with fake time; every one is closed at the end."""
    opened: list[Session] = []

    def make() -> Session:
        session = Session(data_dir, clock=clock, now=fake_now, builtin_dir=real_pack_path.parent)
        opened.append(session)
        return session

    yield make
    for session in opened:
        session.close()


def on_disk(session: Session) -> dict[str, Any]:
    """The player's file."""
    return tomllib.loads(session.progress_path.read_text(encoding="utf-8"))


def play_some(session: Session, play: Round, answers: int) -> None:
    for number in range(answers):
        question = play.current
        assert question is not None
        session.answer(play, question.answer if number % 3 != 2 else "no such answer")


def test_a_finished_round_reaches_the_disk(
    open_session: Any, data_dir: Path, clock: FakeClock
) -> None:
    session = open_session()
    pack = session.library.find_pack(PACK_ID)
    play = session.start_round(pack, seed=5, count=4)
    clock.advance(42)
    play_some(session, play, 4)
    assert play.finished
    record = session.finish(play)
    assert session.close()
    document = on_disk(session)
    assert "current" not in document
    [saved] = [dict(zip(ROUND_FIELDS, row, strict=True)) for row in document["rounds"]]
    assert saved["pack"] == PACK_ID
    assert saved["score"] == record.score == play.score
    assert (saved["answered"], saved["correct"], saved["seconds"]) == (4, 3, 42.0)
    assert saved["started"].startswith("2026-01-02T03:04:")
    assert saved["finished"] > saved["started"]
    stats = document["packs"][PACK_ID]
    assert (stats["rounds"], stats["best"], stats["last"]) == (1, play.score, play.score)
    assert set(stats["questions"]) == {q.id for q in play.questions}
    questions = [
        dict(zip(QUESTION_FIELDS, row, strict=True)) for row in stats["questions"].values()
    ]
    assert sorted(q["correct"] for q in questions) == [0, 1, 1, 1]
    assert all(q["seen"] == 1 for q in questions)
    assert session.save_error is None


def test_a_left_round_resumes_in_a_new_session(
    open_session: Any, data_dir: Path, clock: FakeClock
) -> None:
    first = open_session()
    play = first.start_round(first.library.find_pack(PACK_ID), seed=9, count=6)
    play_some(first, play, 2)
    clock.advance(17)
    first.leave(play)
    assert first.close()
    assert on_disk(first)["current"]["seed"] == 9
    clock.advance(1000)

    second = open_session()
    found = second.resumable()
    assert found is not None
    pack, state = found
    assert pack.id == PACK_ID and state.seed == 9 and len(state.answers) == 2
    resumed = second.resume()
    assert resumed is not None
    assert resumed.index == play.index == 2
    assert resumed.score == play.score
    assert resumed.streak == play.streak
    assert resumed.current == play.current
    assert resumed.elapsed == 17.0
    play_some(second, resumed, 4)
    second.finish(resumed)
    assert second.resumable() is None


def test_discard_current(open_session: Any, data_dir: Path) -> None:
    session = open_session()
    play = session.start_round(session.library.find_pack(PACK_ID), seed=1, count=3)
    play_some(session, play, 1)
    session.leave(play)
    session.discard_current()
    assert session.progress.current is None
    assert session.resumable() is None and session.resume() is None
    assert session.close()
    document = on_disk(session)
    assert "current" not in document
    rows = document["packs"][PACK_ID]["questions"].values()
    assert sum(dict(zip(QUESTION_FIELDS, row, strict=True))["seen"] for row in rows) == 1


def test_find_pack_by_id_and_by_path(open_session: Any, small_pack_file: Path) -> None:
    session = open_session()
    assert session.library.find_pack(PACK_ID).id == PACK_ID
    by_path = session.library.find_pack(str(small_pack_file))
    assert by_path.id == "small" and by_path.path == small_pack_file


def test_find_pack_of_an_unknown_id_names_the_installed_ones(open_session: Any) -> None:
    session = open_session()
    with pytest.raises(PackError) as caught:
        session.library.find_pack("no-such-pack-here")
    message = str(caught.value)
    assert "no-such-pack-here" in message and PACK_ID in message


def test_a_broken_user_pack_is_listed_with_its_error(
    open_session: Any, data_dir: Path, small_pack_text: str
) -> None:
    packs = data_dir / "packs"
    packs.mkdir(parents=True)
    (packs / "broken.toml").write_text('format = 1\n[pack]\nid = "../evil"\n', encoding="utf-8")
    (packs / "mine.toml").write_text(small_pack_text, encoding="utf-8")
    (packs / "notes.txt").write_text("not a pack", encoding="utf-8")
    session = open_session()
    entries = session.library.packs()
    assert [(e.id, e.builtin, e.pack is not None) for e in entries] == [
        (PACK_ID, True, True),
        ("tutorial", True, True),
        ("broken", False, False),
        ("small", False, True),
    ]
    broken = entries[2]
    assert broken.error is not None and str(packs / "broken.toml") in broken.error
    assert session.library.find_pack("small").id == "small"


def test_a_progress_file_from_a_newer_version_is_never_written(
    open_session: Any, data_dir: Path
) -> None:
    data_dir.mkdir()
    original = b"format = 2\n"
    (data_dir / "progress.toml").write_bytes(original)
    session = open_session()
    assert session.writable is False and session.notices
    play = session.start_round(session.library.find_pack(PACK_ID), seed=1, count=1)
    play_some(session, play, 1)
    session.finish(play)
    assert session.close()
    assert (data_dir / "progress.toml").read_bytes() == original


def test_a_random_seed_is_drawn_when_none_is_given(open_session: Any, real_pack: Pack) -> None:
    session = open_session()
    seeds = {session.start_round(real_pack).seed for _ in range(3)}
    assert len(seeds) > 1
