"""The teacher's commands: ``quiz scores --csv`` / ``--items``, and ``quiz serve``'s refusals."""

from __future__ import annotations

import csv
import io
import json
import socket
from pathlib import Path

import pytest
from test_cli_scores import history, packs, play, wide  # noqa: F401  (fixtures)

from quiz.cli.serve import is_loopback, public_url, tab_command
from quiz.model.classroom import CSV_COLUMNS


@pytest.mark.usefixtures("history")
def test_csv_has_a_header_and_one_row_per_player_and_question(quiz, files: Path) -> None:
    assert quiz("add", files / "mine.toml").code == 0  # installed: kinds and verdicts known
    result = quiz("scores", "--csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    # ann: 4 questions of mine and 2 of other; bob: 4 of mine.
    assert len(rows) == 10
    ann_q1 = next(r for r in rows if r["player"] == "ann" and r["question"] == "q1")
    assert (ann_q1["kind"], ann_q1["verdict"], ann_q1["answered"], ann_q1["right"]) == (
        "verdict",
        "supported",
        "2",
        "1",
    )
    assert ann_q1["round_finished"].endswith("Z") and ann_q1["confidence"] == ""
    only = list(csv.DictReader(io.StringIO(quiz("scores", "--csv", "--pack", "other").out)))
    assert {r["pack"] for r in only} == {"other"} and len(only) == 2


@pytest.mark.usefixtures("history")
def test_items_hardest_first_as_a_table_and_as_json(quiz, files: Path) -> None:
    assert quiz("add", files / "mine.toml").code == 0  # installed: its verdicts get their labels
    result = quiz("scores", "--items", "--json")
    assert result.code == 0, result.err
    found = json.loads(result.out)
    shares = [item["share_right"] for item in found]
    assert shares == sorted(shares)
    hardest = found[0]
    # A pack that is not installed: its kinds are unknown, so the answer is shown as stored.
    assert hardest["pack"] == "other"
    assert hardest["most_common_wrong"] == {
        "answer": "not-stated",
        "label": "not-stated",
        "times": 1,
    }
    labels = {
        item["most_common_wrong"]["label"]
        for item in found
        if item["pack"] == "mine" and item["most_common_wrong"]
    }
    assert labels and labels <= {"Supported", "Contradicted", "Not stated"}
    table = quiz("scores", "--items", "--pack", "mine")
    assert "Questions, hardest first" in table.out and "other" not in table.out
    assert "Contradicted (1" in table.out  # as a player reads it, not the file's value


@pytest.mark.usefixtures("history")
def test_scores_report_discernment_per_player(quiz) -> None:
    data = json.loads(quiz("scores", "--json").out)
    ann = data["discernment"]["by_player"]["ann"]
    assert ann["signal"] == 10 and ann["noise"] == 0  # every claim of these packs is supported
    assert ann["hit_rate"] == 0.6 and ann["d_prime"] is None
    assert "Discernment per player" in quiz("scores").out


def test_csv_and_json_together_are_refused(quiz) -> None:
    result = quiz("scores", "--csv", "--json")
    assert result.code == 2 and "choose one" in result.err


def test_serve_refuses_an_unknown_pack_and_a_bad_port(quiz) -> None:
    unknown = quiz("serve", "--pack", "no-such-pack")
    assert unknown.code == 1 and "no-such-pack" in unknown.err
    port = quiz("serve", "--port", "70000")
    assert port.code == 1 and "65535" in port.err
    address = quiz("serve", "--public-url", "quiz.lan:8000")
    assert address.code == 1 and "http://" in address.err


def test_serve_refuses_a_port_in_use_before_announcing_an_address(quiz) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = quiz("serve", "--port", str(port))
    assert result.code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.err
    assert "another program is using that port" in result.err
    assert "serving" not in result.out + result.err


def test_where_students_point_their_browsers() -> None:
    assert public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert public_url("0.0.0.0", 8000, "http://quiz.lan:8000/") == "http://quiz.lan:8000"
    every = public_url("0.0.0.0", 9000)
    assert every.endswith(":9000") and "0.0.0.0" not in every
    assert public_url("::1", 80) == "http://[::1]:80"
    assert is_loopback("localhost") and is_loopback("::1") and not is_loopback("0.0.0.0")


def test_the_tab_command_is_quoted_for_the_shell(tmp_path: Path) -> None:
    folder = tmp_path / "it's here; rm -rf x"
    command = tab_command(folder, "a pack")
    assert command.startswith("exec ")
    assert "'a pack'" in command and "; rm" in command and "'\"'\"'" in command
