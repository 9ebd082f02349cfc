"""``quiz scores``: Rich tables for people, JSON for scripts, from progress the game wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quiz.model.pack import Pack, load_pack
from quiz.session import Session
from quiz.store import paths
from quiz.store.mirror import mirror_path, read_index

Played = Callable[..., None]


class Clocks:
    """A monotonic clock and a wall clock that move a minute on every read."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.moment = datetime(2026, 2, 3, 9, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        self.seconds += 60.0
        return self.seconds

    def now(self) -> datetime:
        self.moment += timedelta(minutes=1)
        return self.moment


@pytest.fixture
def packs(make_pack: Callable[..., Path]) -> dict[str, Pack]:
    """Two packs of verdict questions, each answered ``supported``."""
    return {
        "mine": load_pack(make_pack("mine.toml", "mine", questions=("q1", "q2", "q3", "q4"))),
        "other": load_pack(make_pack("other.toml", "other", questions=("a", "b"))),
    }


@pytest.fixture
def play(data_dir: Path, tmp_path: Path, packs: dict[str, Pack]) -> Played:
    """Play and finish a round through the Session API, as the game does."""
    clocks = Clocks()
    builtin = tmp_path / "no-builtin"
    builtin.mkdir(exist_ok=True)

    def run(
        player: str,
        pack_id: str,
        *,
        wrong: Iterable[str] = (),
        confidence: bool = False,
        answer: str = "contradicted",
        closed_book: bool = False,
    ) -> None:
        session = Session(
            data_dir,
            clock=clocks.monotonic,
            now=clocks.now,
            builtin_dir=builtin,
            player=player,
            confidence=confidence,
            exclusive=True,  # as the game is: it leaves the JSON copy when it closes
        )
        pack = packs[pack_id]
        missed = set(wrong)
        game = session.start_round(pack, seed=4, closed_book=closed_book)
        while (question := game.current) is not None:
            response = answer if question.id in missed else question.answer
            outcome = game.answer(response, 80 if confidence else None)
            session.answered(game, outcome)
        session.finish(game)
        assert session.close()
        assert session.save_error is None

    return run


@pytest.fixture
def history(play: Played) -> None:
    """Ann twice on ``mine`` and once on ``other``; Bob once on ``mine``; no confidence."""
    play("ann", "mine", wrong=["q1", "q2"])
    play("bob", "mine")
    play("ann", "other", wrong=["a"], answer="not-stated")
    play("ann", "mine", wrong=["q3"])


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def test_tables_for_people(quiz, history: None) -> None:
    result = quiz("scores")

    assert result.code == 0, result.err
    assert result.err == ""
    out = result.out
    for title in (
        "Packs",
        "Leaderboard",
        "Rounds, newest first (4 of 4)",
        "By kind",
        "Discernment (balanced accuracy",
    ):
        assert title in out
    # No confidence answers, no calibration.
    assert "Calibration" not in out
    assert "Stated confidence" not in out
    text = flat(out)
    assert "1. bob" in text and "2. ann" in text
    # Three of fourteen supported claims called contradicted: under a quarter.
    assert "No confusion stands out" in text
    assert "\x1b" not in out
    # Ann alone called three of her ten false.
    ann = flat(quiz("scores", "--player", "ann").out)
    assert "You tend to call true claims false" in ann
    assert "bob" in ann  # the leaderboard still compares her with everyone
    assert "Rounds, newest first (3 of 3)" in ann


def test_calibration_appears_with_confidence_answers(quiz, history: None, play: Played) -> None:
    play("cy", "mine", wrong=["q4"], confidence=True)

    result = quiz("scores")

    assert result.code == 0, result.err
    assert "Calibration" in result.out
    assert "Stated confidence" in result.out
    assert "(confidence)" in result.out
    # cy only: the other players gave no confidence answers.
    assert "Calibration" not in quiz("scores", "--player", "ann").out
    assert "Calibration" in quiz("scores", "--player", "cy").out


def test_json_for_scripts(quiz, history: None) -> None:
    result = quiz("scores", "--json")

    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["player"], data["pack"]) == (None, None)
    assert [p["pack"] for p in data["packs"]] == ["mine", "other"]
    mine = data["packs"][0]
    # Bob got all four right (10 + 12 + 14 + 16); Ann's last round missed one.
    assert (mine["rounds"], mine["best"], mine["last"]) == (3, 52, 36)
    assert mine["average"] == pytest.approx((data["history"][3]["score"] + 52 + 36) / 3)
    assert mine["accuracy"] == pytest.approx(9 / 12)
    assert [r["player"] for r in data["history"]] == ["ann", "ann", "bob", "ann"]
    assert [(leader["player"], leader["rounds"]) for leader in data["leaderboards"]["mine"]] == [
        ("bob", 1),
        ("ann", 2),
    ]
    assert data["kinds"]["verdict"] == {"answers": 14, "correct": 10, "accuracy": 10 / 14}
    assert data["discernment"]["table"]["supported"] == {
        "supported": 10,
        "contradicted": 3,
        "not-stated": 1,
    }
    assert [b["answers"] for b in data["calibration"]["bands"]] == [0] * 6


def test_json_filters_by_player_and_pack(quiz, history: None) -> None:
    ann = json.loads(quiz("scores", "--json", "--player", "ann").out)
    assert ann["player"] == "ann"
    assert {r["player"] for r in ann["history"]} == {"ann"}
    assert len(ann["history"]) == 3
    assert ann["kinds"]["verdict"]["answers"] == 10

    other = json.loads(quiz("scores", "--json", "--pack", "other").out)
    assert other["pack"] == "other"
    assert [p["pack"] for p in other["packs"]] == ["other"]
    assert {r["pack"] for r in other["history"]} == {"other"}
    assert other["kinds"]["verdict"] == {"answers": 2, "correct": 1, "accuracy": 0.5}

    both = json.loads(quiz("scores", "--json", "--player", "bob", "--pack", "mine").out)
    assert [(r["player"], r["pack"]) for r in both["history"]] == [("bob", "mine")]
    assert both["kinds"]["verdict"] == {"answers": 4, "correct": 4, "accuracy": 1.0}

    nobody = json.loads(quiz("scores", "--json", "--player", "bob", "--pack", "other").out)
    assert nobody["history"] == [] and nobody["packs"] == []


def test_an_empty_history(quiz, data_dir: Path) -> None:
    result = quiz("scores")
    assert result.code == 0, result.err
    assert result.out.strip() == "No finished rounds yet. Play one with: quiz"

    as_json = quiz("scores", "--json")
    assert as_json.code == 0
    assert json.loads(as_json.out)["history"] == []
    assert list(data_dir.iterdir()) == []


def test_no_rounds_by_that_player(quiz, history: None) -> None:
    result = quiz("scores", "--player", "zed")
    assert result.code == 0
    assert result.out.strip() == "No finished rounds by zed yet. Play one with: quiz"


@pytest.mark.parametrize(
    "content",
    [
        b"format = 1\nrounds = [\n",
        b"format = 1\n[players.ann.mine.kinds]\nverdict = [3]\n",
        b"\xff\xfe not text",
    ],
)
def test_a_corrupt_progress_file_fails_and_leaves_no_backup(
    quiz, data_dir: Path, content: bytes
) -> None:
    path = data_dir / "progress.toml"
    path.write_bytes(content)

    result = quiz("scores")

    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith("quiz scores: ")
    assert "could not be understood" in result.err
    assert [p.name for p in data_dir.iterdir()] == ["progress.toml"]
    assert path.read_bytes() == content


def test_a_newer_progress_file_is_refused(quiz, data_dir: Path) -> None:
    (data_dir / "progress.toml").write_text("format = 99\n", encoding="utf-8")
    result = quiz("scores", "--json")
    assert result.code == 1
    assert "newer version" in result.err


@pytest.mark.parametrize("name", ["[red]x", "[/]", "[bold]b[/bold] :smile:", "a[/red"])
def test_player_names_are_never_markup(quiz, play: Played, name: str) -> None:
    play(name, "mine", wrong=["q1"])

    result = quiz("scores")

    assert result.code == 0, result.err
    assert name in result.out
    assert f"1. {name}" in result.out
    assert "\x1b" not in result.out
    filtered = quiz("scores", "--player", name)
    assert filtered.code == 0, filtered.err
    assert name in filtered.out
    missing = quiz("scores", "--player", name + "[/]")
    assert missing.code == 0, missing.err
    assert f"No finished rounds by {name}[/] yet." in missing.out


# Runs ``python -m quiz ARGS`` and then reports which UI libraries it loaded.
RUNNER = textwrap.dedent(
    """
    import json, runpy, sys
    sys.argv = ["quiz", *sys.argv[1:]]
    try:
        runpy.run_module("quiz", run_name="__main__")
    except SystemExit as exit:
        code = exit.code
    loaded = sorted({name.split(".")[0] for name in sys.modules} & {"textual", "rich"})
    print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
    """
)


@pytest.mark.parametrize(
    "extra", [[], ["--json"], ["--player", "ann", "--pack", "mine"], ["--open-book"]]
)
def test_scores_never_imports_textual(data_dir: Path, history: None, extra: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, "--data-dir", str(data_dir), "scores", *extra],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    assert "textual" not in report["loaded"]
    assert "Packs" in done.stdout or json.loads(done.stdout)["history"]


def _without_the_copy(data_dir: Path) -> None:
    mirror_path(paths.progress_path(data_dir)).unlink()


def test_the_report_the_game_left_ready_is_the_one_computed(
    quiz, data_dir: Path, history: None
) -> None:
    index = read_index(paths.progress_path(data_dir))
    assert index is not None and index["scores"], "closing the game left the report ready"
    ready = quiz("scores")
    _without_the_copy(data_dir)
    computed = quiz("scores")

    assert ready.code == computed.code == 0
    assert ready.out == computed.out
    assert "Leaderboard" in ready.out


def test_the_ready_report_is_not_used_once_the_progress_file_changes(
    quiz, data_dir: Path, history: None
) -> None:
    progress = paths.progress_path(data_dir)
    progress.write_text(
        progress.read_text("utf-8").replace('player = "bob"', 'player = "cy"'), "utf-8"
    )

    out = quiz("scores").out

    assert "cy" in out and "bob" not in out


@pytest.mark.parametrize(
    "damage",
    [
        b'{"mirrors":[1,2,3,4],"index":{}}',  # another file's stamp
        b"{not json",
        b"",
    ],
)
def test_a_damaged_first_line_means_reading_the_file(
    quiz, data_dir: Path, history: None, damage: bytes
) -> None:
    copy = mirror_path(paths.progress_path(data_dir))
    body = copy.read_bytes().split(b"\n", 1)[1]
    copy.write_bytes(damage + b"\n" + body)

    assert read_index(paths.progress_path(data_dir)) is None
    result = quiz("scores")
    assert result.code == 0 and "Leaderboard" in result.out


@pytest.mark.parametrize(
    "scores",
    [
        [{"line": [["text", 3]]}],
        [{"table": "T", "columns": [["A", "middle", False, "fold"]], "rows": []}],
        [
            {
                "table": "T",
                "columns": [["A", "left", False, "fold"]],
                "rows": [[["a", ""], ["b", ""]]],
            }
        ],
        "not a list",
    ],
)
def test_a_ready_report_of_the_wrong_shape_is_recomputed(
    quiz, data_dir: Path, history: None, scores: object
) -> None:
    progress = paths.progress_path(data_dir)
    copy = mirror_path(progress)
    head, body = copy.read_bytes().split(b"\n", 1)
    first = json.loads(head)
    first["index"]["scores"] = scores
    copy.write_bytes(json.dumps(first).encode() + b"\n" + body)
    assert read_index(progress) is not None, "the stamp still matches"

    result = quiz("scores")

    assert result.code == 0 and "Leaderboard" in result.out


def test_packs_shows_the_same_best_scores_with_and_without_the_copy(
    quiz, data_dir: Path, history: None, packs: dict[str, Pack]
) -> None:
    for pack in packs.values():
        assert quiz("add", str(pack.path)).code == 0
    assert read_index(paths.progress_path(data_dir)) is not None, "adding kept the copy valid"
    ready = json.loads(quiz("packs", "--json").out)
    _without_the_copy(data_dir)
    computed = json.loads(quiz("packs", "--json").out)

    assert ready == computed
    best = {pack["id"]: pack["best"] for pack in ready if not pack["builtin"]}
    assert set(best) == {"mine", "other"}
    assert all(type(score) is int and score > 0 for score in best.values())


def test_a_report_left_by_another_version_is_recomputed(
    quiz, data_dir: Path, history: None
) -> None:
    copy = mirror_path(paths.progress_path(data_dir))
    head, body = copy.read_bytes().split(b"\n", 1)
    first = json.loads(head)
    assert first["index"]["version"]
    first["index"]["version"] = "0.0.1"
    first["index"]["scores"] = [{"line": [["laid out by another version", ""]]}]
    copy.write_bytes(json.dumps(first).encode() + b"\n" + body)

    out = quiz("scores").out

    assert "another version" not in out and "Leaderboard" in out


def test_an_empty_player_name_is_a_filter_with_or_without_the_copy(
    quiz, data_dir: Path, history: None
) -> None:
    ready = quiz("scores", "--player", "")
    _without_the_copy(data_dir)
    computed = quiz("scores", "--player", "")

    assert ready.out == computed.out
    assert "No finished rounds" in ready.out


def test_no_copy_is_left_of_a_file_another_program_replaced(
    data_dir: Path, history: None, quiz
) -> None:
    progress = paths.progress_path(data_dir)
    session = Session(data_dir, exclusive=True, player="ann")
    session.ensure_loaded()
    session.set_player("dora")  # a change to save
    assert session.close(), "saved"
    assert read_index(progress) is not None
    again = Session(data_dir, exclusive=True, player="ann")
    again.ensure_loaded()
    progress.write_text("format = 1\n", "utf-8")  # another program, while the game runs

    assert again.close()

    assert read_index(progress) is None
    assert "No finished rounds" in quiz("scores").out


@pytest.mark.parametrize("cache", ["progress.cache.json", "packs-cache.json"])
def test_a_named_pipe_in_place_of_a_cache_does_not_hang_the_listings(
    data_dir: Path, history: None, cache: str
) -> None:
    path = data_dir / cache
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    for command in ("packs", "scores"):
        done = subprocess.run(
            [sys.executable, "-m", "quiz", "--data-dir", str(data_dir), command],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr


def test_a_linked_copy_is_not_followed(quiz, data_dir: Path, history: None, tmp_path: Path) -> None:
    copy = mirror_path(paths.progress_path(data_dir))
    elsewhere = tmp_path / "elsewhere.json"
    copy.rename(elsewhere)
    copy.symlink_to(elsewhere)

    assert read_index(paths.progress_path(data_dir)) is None
    assert "Leaderboard" in quiz("scores").out


@pytest.fixture
def closed_books(history: None, play: Played) -> None:
    """The history, then cy on ``mine`` and ann on ``other``, both closed-book."""
    play("cy", "mine", wrong=["q4"], closed_book=True)
    play("ann", "other", closed_book=True)


def test_closed_book_rounds_are_marked(quiz, data_dir: Path, closed_books: None) -> None:
    ready = quiz("scores")
    _without_the_copy(data_dir)
    computed = quiz("scores")

    assert ready.out == computed.out
    text = flat(ready.out)
    assert "Rounds, newest first (6 of 6)" in text
    assert text.count("(closed book)") == 2
    assert "other (closed book)" in text and "mine (closed book)" in text


def test_the_tables_for_one_way_of_playing(quiz, closed_books: None) -> None:
    closed = quiz("scores", "--closed-book")
    assert closed.code == 0, closed.err
    text = flat(closed.out)
    assert text.startswith("Scores of everyone, closed-book rounds only")
    assert "Rounds, newest first (2 of 2)" in text
    # Bob played mine open-book only: not on the closed-book leaderboard.
    assert "1. cy" in text and "bob" not in text
    opened = quiz("scores", "--open-book")
    assert opened.code == 0, opened.err
    text = flat(opened.out)
    assert text.startswith("Scores of everyone, open-book rounds only")
    assert "Rounds, newest first (4 of 4)" in text
    assert "(closed book)" not in text and "1. cy" not in text
    mine = flat(quiz("scores", "--closed-book", "--player", "ann", "--pack", "other").out)
    assert mine.startswith("Scores of ann on pack other, closed-book rounds only")
    assert "Rounds, newest first (1 of 1)" in mine
    nothing = quiz("scores", "--closed-book", "--player", "bob")
    assert nothing.code == 0
    assert nothing.out.strip() == "No finished closed-book rounds by bob yet. Play one with: quiz"


def test_json_for_one_way_of_playing(quiz, closed_books: None) -> None:
    both = json.loads(quiz("scores", "--json").out)
    closed = json.loads(quiz("scores", "--json", "--closed-book").out)
    opened = json.loads(quiz("scores", "--json", "--open-book").out)

    assert (both["closed_book"], closed["closed_book"], opened["closed_book"]) == (
        None,
        True,
        False,
    )
    assert [r["closed_book"] for r in both["history"]] == [True, True, False, False, False, False]
    assert [(r["player"], r["pack"]) for r in closed["history"]] == [
        ("ann", "other"),
        ("cy", "mine"),
    ]
    assert all(r["closed_book"] is False for r in opened["history"])
    assert len(opened["history"]) == 4
    # Every figure follows the filter, answer tallies included (see test_json_for_scripts).
    assert opened["kinds"]["verdict"] == {"answers": 14, "correct": 10, "accuracy": 10 / 14}
    assert closed["kinds"]["verdict"] == {"answers": 6, "correct": 5, "accuracy": 5 / 6}
    assert both["kinds"]["verdict"]["answers"] == 20
    assert [p["pack"] for p in closed["packs"]] == ["mine", "other"]
    assert [leader["player"] for leader in closed["leaderboards"]["mine"]] == ["cy"]
    assert [leader["player"] for leader in opened["leaderboards"]["mine"]] == ["bob", "ann"]
    assert closed["discernment"]["table"] == {"supported": {"supported": 5, "contradicted": 1}}
    ann = json.loads(quiz("scores", "--json", "--open-book", "--player", "ann").out)
    assert ann["kinds"]["verdict"]["answers"] == 10


def test_a_filter_never_prints_the_ready_report(quiz, data_dir: Path, closed_books: None) -> None:
    copy = mirror_path(paths.progress_path(data_dir))
    head, body = copy.read_bytes().split(b"\n", 1)
    first = json.loads(head)
    first["index"]["scores"] = [{"line": [["the ready report", ""]]}]
    copy.write_bytes(json.dumps(first).encode() + b"\n" + body)
    assert "the ready report" in quiz("scores").out

    for option in ("--closed-book", "--open-book"):
        out = quiz("scores", option).out
        assert "the ready report" not in out and "Leaderboard" in out


def test_a_ready_report_of_an_earlier_layout_is_recomputed(
    quiz, data_dir: Path, closed_books: None
) -> None:
    copy = mirror_path(paths.progress_path(data_dir))
    head, body = copy.read_bytes().split(b"\n", 1)
    first = json.loads(head)
    assert first["index"]["layout"] == 3
    first["index"]["layout"] = 2
    first["index"]["scores"] = [{"line": [["laid out without closed books", ""]]}]
    copy.write_bytes(json.dumps(first).encode() + b"\n" + body)

    out = quiz("scores").out

    assert "without closed books" not in out and "(closed book)" in out


def test_closed_book_and_open_book_exclude_each_other(quiz, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        quiz("scores", "--closed-book", "--open-book")
    assert exited.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--help"], ["--closed-book hides the source text", "--closed-book / --open-book"]),
        (["scores", "--help"], ["--closed-book", "--open-book"]),
        (["play", "--help"], ["hide the source text during the round"]),
    ],
)
def test_help_mentions_the_book_options(quiz, capsys, args: list[str], said: list[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        quiz(*args)
    assert exited.value.code == 0
    out = flat(capsys.readouterr().out)
    assert all(words in out for words in said)
