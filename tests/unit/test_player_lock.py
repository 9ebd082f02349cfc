"""Each game locks its player's file: other players play on, the same player twice is refused."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from quiz.model.pack import Pack
from quiz.session import Session
from quiz.store import paths
from quiz.store.lock import AlreadyPlaying, Displaced

pytestmark = pytest.mark.skipif(os.name != "posix", reason="flock is POSIX")

HOLD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from quiz.session import Session
    from quiz.store.lock import AlreadyPlaying

    try:
        session = Session(Path(sys.argv[1]), exclusive=True, player=sys.argv[2])
    except AlreadyPlaying:
        print("refused", flush=True)
        sys.exit(3)
    print("holding", flush=True)
    time.sleep(float(sys.argv[3]))
    """
)


def game(folder: Path, player: str) -> Session:
    return Session(folder, exclusive=True, player=player)


def test_different_players_play_at_once_and_the_same_one_is_refused(tmp_path: Path) -> None:
    ann = game(tmp_path, "ann")
    bob = game(tmp_path, "Bob Ng")
    with pytest.raises(AlreadyPlaying) as refused:
        game(tmp_path, "ann")
    assert str(refused.value) == (
        f"ann is already playing in another quiz (process {os.getpid()}). "
        "Finish that game first, or play as someone else with --player."
    )
    assert ann.close() and bob.close()
    game(tmp_path, "ann").close()  # free again once the first game ends


def test_neither_saves_nor_deleted_files_let_a_second_game_in(
    tmp_path: Path, small_pack: object
) -> None:
    ann = game(tmp_path, "ann")
    for _ in range(3):  # every save puts a new file in place of the old one
        ann.start_round(small_pack, seed=1)  # type: ignore[arg-type]
        assert ann.flush()
        with pytest.raises(AlreadyPlaying):
            game(tmp_path, "ann")
    for extra in paths.players_dir(tmp_path).iterdir():
        if extra != ann.progress_path:
            extra.unlink()  # the note of the process id, and anything else beside the file
    with pytest.raises(AlreadyPlaying) as refused:
        game(tmp_path, "ann")
    assert "(process" not in str(refused.value)  # the note is gone; the lock is not
    assert ann.close()


def test_a_game_in_another_process_is_refused_until_it_ends(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path), "ann", "60"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        with pytest.raises(AlreadyPlaying, match=f"process {holder.pid}"):
            game(tmp_path, "ann")
        game(tmp_path, "bob").close()
    finally:
        holder.kill()  # however a game ends, its lock goes with it
        holder.wait()
    game(tmp_path, "ann").close()


def test_of_many_new_games_of_one_new_player_exactly_one_plays(tmp_path: Path) -> None:
    starts = [
        subprocess.Popen(
            [sys.executable, "-c", HOLD, str(tmp_path), "newcomer", "3"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    said = []
    for start in starts:
        assert start.stdout is not None
        said.append(start.stdout.readline().strip())
    for start in starts:
        start.wait(timeout=30)
    assert sorted(said) == ["holding"] + ["refused"] * 5
    assert [p.name for p in paths.players_dir(tmp_path).glob("*.toml")] == ["newcomer.toml"]


def test_changing_to_a_player_who_is_playing_elsewhere_changes_nothing(tmp_path: Path) -> None:
    bob = game(tmp_path, "bob")
    ann = game(tmp_path, "ann")
    with pytest.raises(AlreadyPlaying):
        ann.set_player("bob")
    assert ann.player == "ann"
    assert ann.set_player("cy") == "cy"
    game(tmp_path, "ann").close()  # ann's file was let go
    with pytest.raises(AlreadyPlaying):
        game(tmp_path, "cy")
    assert ann.close() and bob.close()


def test_a_named_pipe_in_place_of_the_players_file_does_not_hang_the_start(
    tmp_path: Path,
) -> None:
    path = paths.player_path(tmp_path, "ann")
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    began = time.monotonic()
    session = game(tmp_path, "ann")
    assert time.monotonic() - began < 5
    assert not session.writable
    assert "not a regular file" in " ".join(session.notices)
    session.close()


@pytest.mark.parametrize(
    ("first", "second"),
    [("ann", "Ann"), ("ann", "ann "), ("a/b", "a-b"), ("..", "."), ("ann", "ann--0"), ("", "x")],
)
def test_two_names_never_share_a_file(first: str, second: str) -> None:
    one, two = paths.player_slug(first), paths.player_slug(second)
    assert one != two or first == second
    for slug in (one, two):
        assert slug and slug == slug.lower() and "/" not in slug and not slug.startswith(".")


def play_round(session: Session, pack: Pack, *, right: bool) -> None:
    """Play a whole round, every answer right or every one wrong, and record it."""
    play = session.start_round(pack, seed=1)
    while (question := play.current) is not None:
        session.answer(play, question.answer if right else "no such answer")
    session.finish(play)


def rounds_on_disk(folder: Path, player: str) -> list[int]:
    """How many answers were right in each round the player's file keeps."""
    reader = Session(folder, exclusive=False, player=player)
    try:
        return [record.correct for record in reader.progress.rounds]
    finally:
        reader.close()


def test_a_game_whose_file_was_deleted_never_writes_over_the_next_games_file(
    tmp_path: Path, small_pack: Pack
) -> None:
    first = game(tmp_path, "ann")
    play_round(first, small_pack, right=False)
    assert first.flush() and first.save_error is None
    first.progress_path.unlink()
    second = game(tmp_path, "ann")  # the name leads nowhere: nothing can refuse it
    play_round(second, small_pack, right=True)
    assert second.flush() and second.save_error is None
    play_round(first, small_pack, right=False)
    assert first.flush()
    assert isinstance(first.save_error, Displaced)
    assert first.save_problem() == "it was deleted during this game and another file took its place"
    assert rounds_on_disk(tmp_path, "ann") == [len(small_pack.questions)]
    assert second.close()
    play_round(first, small_pack, right=False)  # the other game's file is kept after it ends
    assert first.flush()
    first.close()
    assert first.unsaved() == (
        f"{first.progress_path}: it was deleted during this game and another file took its place"
    )
    assert rounds_on_disk(tmp_path, "ann") == [len(small_pack.questions)]


def test_a_game_whose_file_was_deleted_creates_it_again_with_the_whole_history(
    tmp_path: Path, small_pack: Pack
) -> None:
    first = game(tmp_path, "ann")
    play_round(first, small_pack, right=True)
    assert first.flush()
    first.progress_path.unlink()
    play_round(first, small_pack, right=False)
    assert first.flush() and first.save_error is None
    with pytest.raises(AlreadyPlaying):  # created locked: it is still this game's
        game(tmp_path, "ann")
    assert first.close() and first.unsaved() is None
    assert rounds_on_disk(tmp_path, "ann") == [len(small_pack.questions), 0]
