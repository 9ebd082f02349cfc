"""``quiz check``: every problem in every file, compiler style, and quotes against the source."""

from __future__ import annotations

import time

import pytest

from quiz.model.pack import PackError
from quiz.model.validate import parse_pack

INVALID = """\
format = 1

[pack]
id = "Not A Slug"
title = "Broken"

[[questions]]
id = "q1"
kind = "verdict"
prompt = "A claim."
answer = "maybe"
evidence = ["The library reopened on Monday"]
explanation = "Because."

[[questions]]
id = "q2"
kind = "guess"
prompt = "Another."
evidence = []
explanation = "Because."
colour = "red"
"""


def test_valid_file_prints_one_ok_line(quiz, make_pack):
    path = make_pack(questions=("a", "b"))

    result = quiz("check", path)

    assert (result.code, result.out, result.err) == (0, f"{path}: ok, 2 questions\n", "")


def test_invalid_file_prints_every_problem_exactly_as_the_loader_words_it(quiz, files):
    path = files / "broken.toml"
    path.write_text(INVALID, encoding="utf-8")
    with pytest.raises(PackError) as caught:
        parse_pack(INVALID.encode(), str(path))
    expected = [str(problem) for problem in caught.value.problems]

    result = quiz("check", path)

    assert result.code == 1
    assert result.out.splitlines() == expected
    assert len(expected) >= 5
    assert f"{path}:4: pack.id: 'Not A Slug' is not a slug" in result.out
    assert f"{path}:11: question 'q1': answer: 'maybe' is not a verdict" in result.out
    assert f"{path}:21: question 'q2': colour: unknown field" in result.out


def test_several_files_are_all_checked_and_any_failure_fails(quiz, make_pack, files):
    good = make_pack()
    bad = files / "bad.toml"
    bad.write_text(INVALID, encoding="utf-8")
    other = make_pack("other.toml", "other")

    result = quiz("check", good, bad, other)

    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == f"{good}: ok, 1 question"
    assert any(line.startswith(f"{bad}:4: pack.id") for line in lines)
    assert f"{other}: ok, 1 question" in lines
    assert lines[-1].startswith("found ") and lines[-1].endswith("in 1 of 3 files")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\xff\xfe\x00junk", ":1: is not UTF-8 text (byte 0xff)"),
        (b"format = 1\n[pack\n", ":2: column 6: TOML syntax error"),
        (b"format = 1\n", "the pack has no questions"),
        (b"format = 1\nx = " + b"9" * 4_301, ":2: x: is an integer of more than 4,300 digits"),
    ],
)
def test_untrusted_bytes_give_a_located_message_never_a_traceback(quiz, files, content, message):
    path = files / "junk.toml"
    path.write_bytes(content)

    result = quiz("check", path)

    assert result.code == 1
    assert message in result.out
    assert result.out.startswith(str(path))
    assert "Traceback" not in result.out + result.err


def test_missing_file_and_folder_are_reported_not_raised(quiz, files):
    (files / "folder.toml").mkdir()

    result = quiz("check", files / "nope.toml", files / "folder.toml")

    assert result.code == 1
    assert f"{files / 'nope.toml'}: does not exist" in result.out
    assert f"{files / 'folder.toml'}: is a folder, not a file" in result.out


def test_no_file_is_a_usage_error(quiz):
    with pytest.raises(SystemExit) as caught:
        quiz("check")
    assert caught.value.code == 2


def test_quotes_found_in_the_source_are_counted(quiz, make_pack, source):
    path = make_pack(
        evidence=[
            "The library reopened on Monday",
            # Straight quotes and apostrophes match the source's curly ones.
            '"We lost about 4,000 books, but the children\'s collection survived,"',
            # Elision: each part is found, in order.
            "Repairs cost $1.2 million ... said head librarian Ana Costa",
            "REPAIRS   COST\n$1.2 million",
        ]
    )

    result = quiz("check", path, "--source", source)

    assert result.code == 0, result.out
    assert result.out == f"{path}: ok, 1 question, 4 quotes found in article.txt\n"


def test_typographic_quotes_in_the_pack_match_straight_ones_in_the_source(quiz, make_pack, files):
    plain = files / "plain.txt"
    plain.write_text('She said "it\'s over" - and left.', encoding="utf-8")
    path = make_pack(evidence=["She said \u201cit\u2019s over\u201d \u2014 and left."])

    assert quiz("check", path, "--source", plain).code == 0


def test_quote_not_found_is_located_with_the_closest_passage(quiz, make_pack, source):
    path = make_pack(evidence=["The library reopened on Monday", "Repairs cost $2 million"])

    result = quiz("check", path, "--source", source)

    assert result.code == 1
    assert result.out.splitlines() == [
        f"{path}:12: question 'q1': evidence[2]: quote not found in article.txt; closest "
        'passage: "Repairs cost $1.2 million, paid mostly by the town\u2019s insurance."; '
        "changes: Repairs cost [-$2-]{+$1.2+} million,"
    ]


def test_elided_part_not_found_and_parts_out_of_order(quiz, make_pack, source):
    path = make_pack(
        evidence=[
            "The library reopened ... on Tuesday",
            "said head librarian Ana Costa ... The library reopened on Monday",
        ]
    )

    result = quiz("check", path, "--source", source)

    assert result.code == 1
    first, second = result.out.splitlines()
    assert "evidence[1]: the part 'on Tuesday' not found in article.txt" in first
    assert (
        "evidence[2]: the part 'The library reopened on Monday' is in article.txt, but only "
        "before the text that precedes it here"
    ) in second


def test_quote_from_elsewhere_says_nothing_comes_close(quiz, make_pack, source):
    path = make_pack(evidence=["Penguins migrate across Antarctica every winter"])

    result = quiz("check", path, "--source", source)

    assert "quote not found in article.txt, and no passage comes close" in result.out


def test_quotes_of_an_invalid_pack_are_checked_too(quiz, files, source):
    path = files / "broken.toml"
    path.write_text(INVALID.replace("on Monday", "on Sunday"), encoding="utf-8")

    result = quiz("check", path, "--source", source)

    lines = result.out.splitlines()
    quote = f"{path}:12: question 'q1': evidence[1]: quote not found in article.txt"
    [at] = [number for number, line in enumerate(lines) if quote in line]
    assert "'maybe' is not a verdict" in lines[at - 1]  # line 11, just before it
    # In the order of the file, as an author fixes them.
    numbers = [int(line[len(str(path)) + 1 :].split(":")[0]) for line in lines]
    assert numbers == sorted(numbers) and numbers[-1] > 12


def test_missing_quotes_are_reported_up_to_a_cap(quiz, make_pack, source):
    ids = [f"q{number}" for number in range(150)]
    path = make_pack(questions=ids, evidence=["The library reopened on a Sunday"])

    result = quiz("check", path, "--source", source)

    lines = result.out.splitlines()
    assert len(lines) == 101
    assert lines[-1] == f"{path}: and 50 more quotes not found in article.txt"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        (b"caf\xe9 au lait\n", ":1: is not UTF-8 text; save it as UTF-8"),
        (b"  \n", "is empty"),
    ],
)
def test_unusable_source_is_a_usage_error(quiz, make_pack, files, content, message):
    article = files / "source.txt"
    if content is not None:
        article.write_bytes(content)

    result = quiz("check", make_pack(), "--source", article)

    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(f"quiz check: --source {article}")
    assert message in result.err


def test_builtin_pack_quotes_are_all_in_the_article(quiz, builtin_pack, article):
    started = time.perf_counter()
    result = quiz("check", builtin_pack, "--source", article)
    elapsed = time.perf_counter() - started

    assert result.code == 0, result.out
    *warnings, summary = result.out.splitlines()
    assert summary.startswith(f"{builtin_pack}: ok, 46 questions, 53 quotes found in article.txt")
    assert all(": warning: " in line for line in warnings)
    assert elapsed < 1.0


def test_the_tutorial_pack_passes_the_check_with_every_quote_in_its_text(quiz, builtin_pack):
    tutorial = builtin_pack.with_name("tutorial.toml")
    result = quiz("check", tutorial)
    assert result.code == 0, result.out
    assert result.out == f"{tutorial}: ok, 8 questions, 8 quotes found in tutorial.txt\n"
