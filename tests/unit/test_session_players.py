"""The session's player and settings, and review rounds of the questions due again."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from quiz.model.pack import Pack
from quiz.model.round import Round
from quiz.model.schedule import Slot
from quiz.session import MAX_PLAYER_NAME, Session

if TYPE_CHECKING:
    from conftest import FakeClock, FakeNow

MISSED = {"v-supported", "n-about"}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def open_session(
    data_dir: Path, tmp_path: Path, clock: FakeClock, fake_now: FakeNow
) -> Iterator[Any]:
    """Open sessions on the data folder with fake time; every one is closed at the end."""
    opened: list[Session] = []
    builtin = tmp_path / "builtin"
    builtin.mkdir()

    def make(**options: Any) -> Session:
        session = Session(data_dir, clock=clock, now=fake_now, builtin_dir=builtin, **options)
        opened.append(session)
        return session

    yield make
    for session in opened:
        session.close()


def settings_on_disk(data_dir: Path) -> dict[str, Any]:
    return tomllib.loads((data_dir / "settings.toml").read_text(encoding="utf-8"))


def next_day(fake_now: FakeNow, days: int = 1) -> None:
    fake_now.moment += timedelta(days=days)


def play_missing(session: Session, play: Round, missed: set[str]) -> None:
    """Answer every question, wrongly for the ids in ``missed``, and finish the round."""
    while (question := play.current) is not None:
        response = "wrong" if question.id in missed else question.answer
        confidence = 70 if play.mode.confidence else None
        session.answer(play, response, confidence)
    session.finish(play)


def test_the_player_given_beats_the_saved_one(open_session: Any, data_dir: Path) -> None:
    first = open_session()
    assert first.set_player("ann") == "ann"
    assert first.close()
    assert open_session(player="bob").player == "bob"
    assert open_session(player=" \x1b[1mbob\x07\n").player == "[1mbob"
    # A name given for one session is not remembered.
    assert open_session().player == "ann"
    assert settings_on_disk(data_dir)["player"] == "ann"
    # An empty or unprintable name falls back to the saved one.
    assert open_session(player="").player == "ann"
    assert open_session(player="\x1b\x07 ").player == "ann"


def test_without_a_saved_player_the_login_name_is_used(
    open_session: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "login\x1bname")
    assert open_session().player == "loginname"


def test_set_player_cleans_limits_saves_and_is_used_next_time(
    open_session: Any, data_dir: Path
) -> None:
    session = open_session()
    kept = session.set_player("  Ann\x1b]0;title\x07\tLee\u202e  ")
    assert kept == session.player == "Ann]0;title Lee"
    long = session.set_player("x" * 40)
    assert long == "x" * MAX_PLAYER_NAME == "x" * 32
    assert session.settings.player == long
    assert session.close()
    assert settings_on_disk(data_dir)["player"] == long
    assert open_session().player == long


def test_an_empty_name_keeps_the_old_one(open_session: Any, data_dir: Path) -> None:
    session = open_session()
    session.set_player("ann")
    for empty in ("", "   ", "\x1b\x07\n"):
        assert session.set_player(empty) == "ann"
        assert session.player == "ann"
    assert session.close()
    assert settings_on_disk(data_dir)["player"] == "ann"


def test_set_confidence_is_saved(open_session: Any, data_dir: Path) -> None:
    session = open_session()
    assert session.confidence is False
    session.set_confidence(True)
    assert session.confidence is True
    assert session.close()
    assert settings_on_disk(data_dir)["confidence"] is True
    assert open_session().confidence is True
    # Given for one session, it wins without being remembered.
    assert open_session(confidence=False).confidence is False
    later = open_session()
    assert later.confidence is True
    later.set_confidence(False)
    assert later.close()
    assert open_session().confidence is False


def test_rounds_are_played_in_the_session_player_and_mode(
    open_session: Any, small_pack: Pack
) -> None:
    session = open_session(player="ann", confidence=True)
    play = session.start_round(small_pack, seed=3)
    assert (play.mode.player, play.mode.confidence, play.mode.review) == ("ann", True, False)
    play_missing(session, play, MISSED)
    [record] = session.progress.rounds
    assert (record.player, record.confidence) == ("ann", True)
    assert set(session.progress.players) == {"ann"}
    assert sum(t.answers for t in session.progress.players["ann"]["small"].confidence.values()) == 5


def test_a_review_round_asks_only_what_is_due(
    open_session: Any, fake_now: FakeNow, small_pack: Pack
) -> None:
    session = open_session(player="ann")
    play_missing(session, session.start_round(small_pack, seed=3), MISSED)
    # Missed today, due tomorrow.
    assert session.due(small_pack) == []
    with pytest.raises(ValueError, match="nothing in Small pack is due"):
        session.start_round(small_pack, review=True)

    next_day(fake_now)
    assert set(session.due(small_pack)) == MISSED
    review = session.start_round(small_pack, seed=8, review=True)
    assert review.mode.review is True
    assert {question.id for question in review.questions} == MISSED
    assert session.progress.current is not None and session.progress.current.mode.review
    play_missing(session, review, set())
    assert session.progress.rounds[-1].review is True

    # Right once: box 2, back in two days, not tomorrow.
    next_day(fake_now)
    assert session.due(small_pack) == []
    next_day(fake_now)
    assert set(session.due(small_pack)) == MISSED


def test_a_review_round_can_be_closed_book_and_is_resumed_so(
    open_session: Any, fake_now: FakeNow, small_pack: Pack
) -> None:
    session = open_session(player="ann")
    opened = session.start_round(small_pack, seed=3)
    assert opened.mode.closed_book is False
    play_missing(session, opened, MISSED)
    next_day(fake_now)

    review = session.start_round(small_pack, seed=8, review=True, closed_book=True)
    assert (review.mode.review, review.mode.closed_book) == (True, True)
    session.answer(review, review.current.answer)
    session.leave(review)
    assert session.close()

    later = open_session(player="ann")
    state = later.progress.current
    assert state is not None  # the pack is not installed: resumed by hand
    resumed = Round.resume(small_pack, state, clock=later.clock)
    assert resumed.index == 1
    assert (resumed.mode.review, resumed.mode.closed_book) == (True, True)
    play_missing(later, resumed, set())
    assert [(r.review, r.closed_book) for r in later.progress.rounds] == [
        (False, False),
        (True, True),
    ]
    closed = later.progress.players["ann"]["small"].closed_book
    assert sum(tally.answers for tally in closed.kinds.values()) == len(MISSED)


def test_due_questions_are_kept_for_the_next_session(
    open_session: Any, fake_now: FakeNow, small_pack: Pack
) -> None:
    session = open_session(player="ann")
    play_missing(session, session.start_round(small_pack, seed=3), {"c-who"})
    assert session.close()
    next_day(fake_now)
    later = open_session(player="ann")
    assert later.due(small_pack) == ["c-who"]
    # Someone else has nothing to review.
    other = open_session(player="bob")
    assert other.due(small_pack) == []
    with pytest.raises(ValueError):
        other.start_round(small_pack, review=True)


def test_a_review_round_can_be_limited(
    open_session: Any, fake_now: FakeNow, small_pack: Pack
) -> None:
    session = open_session(player="ann")
    play_missing(session, session.start_round(small_pack, seed=3), MISSED)
    next_day(fake_now)
    review = session.start_round(small_pack, seed=1, count=1, review=True)
    assert review.total == 1
    assert review.questions[0].id in MISSED


def test_due_ignores_questions_no_longer_in_the_pack(open_session: Any, small_pack: Pack) -> None:
    session = open_session(player="ann")
    stats = session.progress.player_pack("ann", "small")
    long_ago = date(2000, 1, 1)
    stats.schedule["gone"] = Slot(1, long_ago)
    assert session.due(small_pack) == []
    with pytest.raises(ValueError):
        session.start_round(small_pack, review=True)
    stats.schedule["n-about"] = Slot(2, long_ago + timedelta(days=1))
    assert session.due(small_pack) == ["n-about"]
    review = session.start_round(small_pack, review=True)
    assert [question.id for question in review.questions] == ["n-about"]


def test_round_length_is_remembered_for_each_player(open_session: Any, data_dir: Path) -> None:
    session = open_session(player="ann")
    assert session.round_length == 10  # a short round until the player asks for more
    session.set_round_length(20)
    assert session.flush()
    assert settings_on_disk(data_dir)["players"]["ann"] == {"round_length": 20}
    session.set_player("bo")
    assert session.round_length == 10  # bo has chosen nothing yet
    session.set_round_length(0)
    session.close()
    assert open_session(player="ann").round_length == 20
    assert open_session(player="bo").round_length == 0


def test_confidence_mode_is_explained_once_per_player(open_session: Any, data_dir: Path) -> None:
    session = open_session(player="ann")
    assert not session.confidence_explained
    session.mark_confidence_explained()
    assert session.confidence_explained
    session.set_player("bo")
    assert not session.confidence_explained
    session.close()
    assert open_session(player="ann").confidence_explained
    assert settings_on_disk(data_dir)["players"]["ann"] == {"confidence_explained": True}


def test_a_newcomer_has_no_round_finished_or_not(
    open_session: Any, data_dir: Path, small_pack: Pack
) -> None:
    deferred = open_session(player="ann", defer_loading=True, exclusive=True)
    assert deferred.newcomer() and not deferred.loaded  # the lock's empty file is no history
    deferred.ensure_loaded()
    assert deferred.newcomer()
    play = deferred.start_round(small_pack, seed=1)
    assert not deferred.newcomer()  # a round under way
    deferred.leave(play)
    deferred.close()
    again = open_session(player="ann", defer_loading=True)
    assert not again.newcomer() and not again.loaded  # the file alone says so
    assert open_session(player="cy").newcomer()
