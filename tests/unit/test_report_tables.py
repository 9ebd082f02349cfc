"""The scores report as tables: a summary lists the packs played last, in full on request."""

from __future__ import annotations

import io

from rich.console import Console, RenderableType

from quiz.model.discernment import MIN_ANSWERS, Detection
from quiz.model.history import Progress, RoundRecord, Tally
from quiz.model.report import Scores, build
from quiz.report_tables import detection_table, heading, history_table, latest_packs, report


def rnd(pack: str, day: int, score: int) -> RoundRecord:
    return RoundRecord(
        pack=pack,
        started=f"2026-01-{day:02d}T10:00:00+00:00",
        finished=f"2026-01-{day:02d}T10:05:00+00:00",
        score=score,
        best_possible=100,
        correct=3,
        answered=5,
        best_streak=1,
        seconds=300.0,
        player="ann",
    )


# Played in this order: pack-c last, pack-a twice.
PROGRESS = Progress(
    rounds=[rnd("pack-a", 1, 10), rnd("pack-b", 2, 20), rnd("pack-a", 3, 30), rnd("pack-c", 4, 40)]
)


def text(*renderables: RenderableType) -> str:
    out = io.StringIO()
    console = Console(file=out, width=120, markup=False, emoji=False, highlight=False)
    for renderable in renderables:
        console.print(renderable)
    return out.getvalue()


def rows(shown: str, title: str) -> list[str]:
    """The first cells of a table's rows, the table being found by its title."""
    found = []
    for line in shown[shown.index(title) :].splitlines()[3:]:
        if not line.startswith("pack-"):
            break
        found.append(line.split()[0])
    return found


def test_the_latest_packs_first_when_not_all_fit() -> None:
    scores = build(PROGRESS)
    assert latest_packs(scores, 2) == ["pack-c", "pack-a"]
    shown = text(*report(scores, packs=2))
    assert "Packs, latest played first (2 of 3)" in shown
    assert rows(shown, "Packs, latest") == ["pack-c", "pack-a"]
    assert "Leaderboard (2 of 3 packs, as above)" in shown
    assert rows(shown, "Leaderboard") == ["pack-c", "pack-a"]


def test_every_pack_by_id_when_they_fit_or_all_are_asked_for() -> None:
    scores = build(PROGRESS)
    for most in (3, None):
        assert latest_packs(scores, most) is None
        shown = text(*report(scores, packs=most))
        assert shown.startswith("Packs ") and "latest played first" not in shown
        assert rows(shown, "Packs ") == ["pack-a", "pack-b", "pack-c"]
        assert rows(shown, "Leaderboard ") == ["pack-a", "pack-b", "pack-c"]


def test_the_history_lists_as_many_rounds_as_asked() -> None:
    scores = build(PROGRESS)
    assert "Rounds, newest first (2 of 4)" in text(*report(scores, rounds=2))
    assert "Rounds, newest first (4 of 4)" in text(*report(scores))


def test_answers_by_kind_and_tag_are_listed_only_when_counted() -> None:
    scores = build(PROGRESS)  # rounds older than the tallies: no answer by kind or tag
    shown = text(*report(scores))
    assert "By kind" not in shown and "By tag" not in shown
    assert "Discernment (balanced accuracy" in shown
    scores.kinds["verdict"] = Tally(4, 3)
    shown = text(*report(scores))
    assert "By kind" in shown and "verdict" in shown and "75 %" in shown
    assert "By tag" not in shown


def test_d_prime_and_c_wait_for_enough_answers_of_each_kind():
    right_every_time = Detection(2, 6, 1.0, 0.0, 2.43, 0.25)
    practised = Detection(12, 20, 0.75, 0.1, 1.9, 0.3)
    shown = text(detection_table({"new": right_every_time, "old": practised}))
    [new] = [line for line in shown.splitlines() if line.startswith("new")]
    [old] = [line for line in shown.splitlines() if line.startswith("old")]
    assert "+2.43" not in new and "+0.25" not in new and new.rstrip().endswith("-")
    assert "+1.90" in old and "+0.30" in old
    assert f"shown from {MIN_ANSWERS} supported claims" in " ".join(shown.split())
    enough = text(detection_table({"old": practised}))
    assert "shown from" not in enough


LONG_TITLE = "Tutorial: learn to fact-check in eight questions"
CLASS = Progress(
    rounds=[
        rnd("tutorial", day, 10 * day)._replace(player=player, closed_book=True)
        for day, player in enumerate(["ann", "bob", "chiamaka", "ann"], start=1)
    ]
)


def rounds_table(scores: Scores, width: int) -> list[str]:
    out = io.StringIO()
    console = Console(file=out, width=width, markup=False, emoji=False, highlight=False)
    console.print(history_table(scores, {"tutorial": LONG_TITLE}))
    return out.getvalue().splitlines()


def test_at_60_columns_a_report_on_everyone_keeps_whose_rounds_they_are() -> None:
    lines = rounds_table(build(CLASS), 60)

    assert lines[1].split() == ["Date", "Player", "Pack", "Score", "Time"]
    firsts = [line.split()[:2] for line in lines[3:] if line[:1].isdigit()]
    assert firsts == [
        ["2026-01-04", "ann"],
        ["2026-01-03", "chiamaka"],
        ["2026-01-02", "bob"],
        ["2026-01-01", "ann"],
    ]
    shown = "\n".join(lines)
    assert all(len(line) <= 60 for line in lines) and "\u2026" not in shown
    for figure in ("40/100", "30/100", "20/100", "10/100", "5 min 00 s"):
        assert figure in shown


def test_at_60_columns_a_report_on_one_player_leaves_the_player_to_its_heading() -> None:
    scores = build(CLASS, player="ann")

    lines = rounds_table(scores, 60)

    assert str(heading(scores)) == "Scores of ann"
    assert lines[1].split() == ["Date", "Pack", "Score", "Time"]


def test_pack_ids_fold_whole_and_the_players_go_only_once_their_names_would_fold() -> None:
    everyone = build(
        Progress(
            rounds=[
                rnd("iran-quds-force-iraq", 1, 10)._replace(player="ann"),
                rnd("tutorial", 2, 20)._replace(player="bob"),
            ]
        )
    )

    def drawn(width: int) -> list[str]:
        out = io.StringIO()
        console = Console(file=out, width=width, markup=False, emoji=False, highlight=False)
        console.print(history_table(everyone, {}))  # ids, as quiz scores shows them
        return out.getvalue().splitlines()

    at_56 = drawn(56)
    assert at_56[1].split() == ["Date", "Player", "Pack", "Score", "Time"]
    assert "\u2026" not in "\n".join(at_56)
    pack_column = at_56[1].index("Pack")
    pack_lines = [line[pack_column:].split()[0] for line in at_56[3:] if line[pack_column:].strip()]
    assert "".join(pack_lines[1:3]) == "iran-quds-force-iraq"  # folded, not cut
    at_44 = drawn(44)
    assert at_44[1].split() == ["Date", "Pack", "Score", "Time"]
    assert "\u2026" not in "\n".join(at_44)
