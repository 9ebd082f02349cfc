"""``quiz scores``: Rich tables for people, JSON for scripts, from every player's file."""

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
import rtoml

from quiz.model.pack import Pack
from quiz.report_tables import SPARKS
from quiz.session import Session
from quiz.store import paths
from quiz.store.packs import load_pack

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
            exclusive=True,  # as the game is: it holds the player's file while it runs
        )
        pack = packs[pack_id]
        missed = set(wrong)
        game = session.start_round(pack, seed=4, closed_book=closed_book)
        while (question := game.current) is not None:
            response = answer if question.id in missed else question.answer
            session.answer(game, response, 80 if confidence else None)
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
    # Three of fourteen supported claims called contradicted: under a quarter, and
    # no other kind of claim answered, so nothing is said yet.
    assert "No confusion stands out" not in text and "call true claims false" not in text
    assert "Answer at least 5 claims of each kind" in text
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


def test_a_pack_id_no_one_played_says_where_the_ids_are(quiz, history: None) -> None:
    result = quiz("scores", "--pack", "no-such-pack")
    assert result.code == 0
    assert "No one has played a pack with the id 'no-such-pack'" in result.out
    assert "quiz packs lists the installed packs" in " ".join(result.out.split())


@pytest.mark.parametrize("columns", ["60", "80"])
def test_the_trend_chart_is_never_broken_across_lines(
    quiz, history: None, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    lines = quiz("scores").out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Trend"))
    chart = next(line for line in lines[start:] if line and set(line) <= set(SPARKS))
    assert len(chart) == 4  # one bar for each of the four rounds, on one line
    assert not any(line.rstrip().endswith(("lowest", "highest", "%,")) for line in lines)
    assert not any(line.lstrip().startswith("%") for line in lines)


def test_no_rounds_by_that_player(quiz, history: None) -> None:
    result = quiz("scores", "--player", "zed")
    assert result.code == 0
    assert result.out.strip() == "No finished rounds by zed yet. Play one with: quiz"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("progress.toml", b"format = 1\nrounds = [\n"),
        ("progress.toml", b"format = 1\n[players.ann.mine.kinds]\nverdict = [3]\n"),
        ("progress.toml", b"\xff\xfe not text"),
        ("players/ann.toml", b'format = 2\nplayer = "ann"\nrounds = [\n'),
        ("players/ann.toml", b'format = 2\nplayer = "ann"\n[answers.mine.kinds]\nverdict = [3]\n'),
        ("players/ann.toml", b"\xff\xfe not text"),
    ],
)
def test_a_corrupt_file_fails_and_leaves_no_backup(
    quiz, data_dir: Path, name: str, content: bytes
) -> None:
    path = data_dir / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)

    result = quiz("scores")

    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith("quiz scores: ")
    assert "could not be understood" in result.err
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert path.read_bytes() == content


@pytest.mark.parametrize("name", ["progress.toml", "players/ann.toml"])
def test_a_newer_file_is_refused(quiz, data_dir: Path, name: str) -> None:
    path = data_dir / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("format = 99\n", encoding="utf-8")
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


GAME_ONLY = (
    "quiz.model.pack",
    "quiz.store.packs",
    "quiz.store.player_file",
    "quiz.store.migrate",
    "quiz.store.settings",
)


def test_scores_read_no_pack_and_hold_no_file(data_dir: Path, history: None) -> None:
    """The report counts verdicts by name and reads no pack, and reads the players' files
    without holding, saving or migrating one, so it imports neither the pack model nor
    the game's player file, migration and settings (benchmark row "`quiz scores`")."""
    probe = (
        "import sys; from quiz.__main__ import main; code = main(sys.argv[1:]); "
        f"print(sorted(m for m in {GAME_ONLY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "--data-dir", str(data_dir), "scores"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Packs" in done.stdout
    assert done.stdout.splitlines()[-1] == "[]"


def test_the_scores_follow_the_files_as_they_are_now(quiz, data_dir: Path, history: None) -> None:
    bob = paths.player_path(data_dir, "bob")
    bob.write_text(bob.read_text("utf-8").replace('player = "bob"', 'player = "cy"'), "utf-8")

    out = quiz("scores").out

    assert "cy" in out and "bob" not in out


def test_each_packs_best_score_of_everyone(quiz, history: None, packs: dict[str, Pack]) -> None:
    scores = json.loads(quiz("scores", "--json").out)
    rounds = scores["history"]

    best = {pack["pack"]: pack["best"] for pack in scores["packs"]}
    assert best == {
        pack_id: max(r["score"] for r in rounds if r["pack"] == pack_id) for pack_id in packs
    }
    assert all(type(score) is int and score > 0 for score in best.values())


def test_an_empty_player_name_is_a_filter(quiz, history: None) -> None:
    assert "No finished rounds" in quiz("scores", "--player", "").out


def test_two_players_at_once_each_keep_every_round(
    quiz, data_dir: Path, history: None, packs: dict[str, Pack]
) -> None:
    ann = Session(data_dir, exclusive=True, player="ann")
    dora = Session(data_dir, exclusive=True, player="dora")
    for session in (ann, dora, ann):
        game = session.start_round(packs["other"], seed=1)
        while (question := game.current) is not None:
            session.answer(game, question.answer)
    assert ann.close() and dora.close()

    data = json.loads(quiz("scores", "--json").out)

    assert sorted(r["player"] for r in data["history"]) == ["ann"] * 5 + ["bob", "dora"]


@pytest.mark.parametrize("name", ["players/zed.toml", "packs-cache.json"])
def test_a_named_pipe_in_place_of_a_file_does_not_hang_the_listings(
    data_dir: Path, history: None, name: str
) -> None:
    path = data_dir / name
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
        assert "Traceback" not in done.stderr
        if command == "scores" and name.startswith("players/"):
            assert done.returncode == 1 and "not a regular file" in done.stderr
        else:
            assert done.returncode == 0, done.stderr


def test_a_linked_player_file_is_not_followed(
    quiz, data_dir: Path, history: None, tmp_path: Path
) -> None:
    bob = paths.player_path(data_dir, "bob")
    elsewhere = tmp_path / "elsewhere.toml"
    bob.rename(elsewhere)
    bob.symlink_to(elsewhere)

    result = quiz("scores")

    assert result.code == 1 and str(bob) in result.err


@pytest.fixture
def closed_books(history: None, play: Played) -> None:
    """The history, then cy on ``mine`` and ann on ``other``, both closed-book."""
    play("cy", "mine", wrong=["q4"], closed_book=True)
    play("ann", "other", closed_book=True)


def test_closed_book_rounds_are_marked(quiz, closed_books: None) -> None:
    text = flat(quiz("scores").out)
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


def test_all_is_accepted_and_the_summary_says_nothing_is_left_out(quiz, history: None) -> None:
    # Two packs fit the summary: both ways list them by id, with no hint of more.
    for args in (("scores",), ("scores", "--all")):
        result = quiz(*args)
        assert result.code == 0, result.err
        assert "latest played first" not in result.out
        assert "--all" not in result.out


def test_the_report_reads_no_questions_figures(quiz, data_dir: Path, history: None) -> None:
    before = quiz("scores", "--json").out
    ann = paths.player_path(data_dir, "ann")
    document = rtoml.loads(ann.read_text("utf-8"))
    for stats in document["packs"].values():
        stats["questions"] = {qid: "unread" for qid in stats["questions"]}
    ann.write_text(rtoml.dumps(document), "utf-8")

    assert quiz("scores", "--json").out == before
