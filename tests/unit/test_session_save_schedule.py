"""The save after an answer starts when the session's scheduler says, and is never lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.model.history import Progress
from quiz.session import Session
from quiz.store.player_file import parse

if TYPE_CHECKING:
    from conftest import FakeClock, FakeNow

PACK_ID = "iran-quds-force-iraq"


def answers_on_disk(session: Session) -> int:
    """Answers of the built-in pack counted in the player's file as it is now."""
    _, progress = parse(session.progress_path.read_bytes())
    return seen(progress)


def seen(progress: Progress) -> int:
    stats = progress.packs.get(PACK_ID)
    return 0 if stats is None else sum(q.seen for q in stats.questions.values())


def open_session(
    tmp_path: Path, clock: FakeClock, fake_now: FakeNow, real_pack_path: Path
) -> tuple[Session, list[Callable[[], None]]]:
    waiting: list[Callable[[], None]] = []
    session = Session(
        tmp_path / "data", clock=clock, now=fake_now, builtin_dir=real_pack_path.parent
    )
    session.schedule_save = waiting.append
    return session, waiting


def test_an_answer_is_saved_when_the_scheduler_runs_the_save(
    tmp_path: Path, clock: FakeClock, fake_now: FakeNow, real_pack_path: Path
) -> None:
    session, waiting = open_session(tmp_path, clock, fake_now, real_pack_path)
    play = session.start_round(session.library.find_pack(PACK_ID), seed=1, count=3)
    assert session.flush()  # the new round is saved at once
    question = play.current
    assert question is not None
    session.answer(play, question.answer)
    assert len(waiting) == 1
    assert answers_on_disk(session) == 0  # the save waits for its turn
    waiting.pop()()
    assert session.flush()
    assert answers_on_disk(session) == 1
    session.close()


def test_a_save_still_waiting_is_written_by_close(
    tmp_path: Path, clock: FakeClock, fake_now: FakeNow, real_pack_path: Path
) -> None:
    session, waiting = open_session(tmp_path, clock, fake_now, real_pack_path)
    play = session.start_round(session.library.find_pack(PACK_ID), seed=2, count=3)
    for _ in range(2):
        question = play.current
        assert question is not None
        session.answer(play, question.answer)
    assert len(waiting) == 2  # never run, as when the game ends before its next frame
    assert session.close()
    assert answers_on_disk(session) == 2
    for task in waiting:  # a late run after close writes nothing more and fails nothing
        task()
