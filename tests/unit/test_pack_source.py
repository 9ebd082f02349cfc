"""``[pack.source]`` text and date: plain file names and TOML dates, or located problems."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from quiz.model.document import declared_text, read_document
from quiz.model.pack import LIMITS, PackError, Problem, Source, file_name_problem
from quiz.model.validate import parse_pack
from quiz.store.packs import load_pack

NAME = "pack.toml"
QUESTION = """
[[questions]]
id = "q1"
kind = "verdict"
prompt = "It rained."
answer = "supported"
evidence = ["It rained."]
explanation = "It says so."
"""


def pack_with(source: str, *, question: str = QUESTION) -> str:
    """A pack whose ``[pack.source]`` table holds these lines after its title."""
    return (
        'format = 1\n\n[pack]\nid = "p"\ntitle = "P"\n\n'
        f'[pack.source]\ntitle = "The report"\npublisher = "The paper"\n{source}\n{question}'
    )


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(PackError) as caught:
        parse_pack(text.encode("utf-8"), NAME)
    return caught.value.problems


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_text_and_date_are_read_into_the_source() -> None:
    pack = parse_pack(pack_with('text = "report.txt"\ndate = 2014-09-25').encode(), NAME)

    assert pack.source == Source(
        "The report", "The paper", None, "report.txt", datetime.date(2014, 9, 25)
    )


def test_both_are_optional_and_the_citation_is_unchanged() -> None:
    pack = parse_pack(pack_with("").encode(), NAME)

    assert pack.source is not None
    assert (pack.source.text, pack.source.date) == (None, None)
    assert pack.source.describe() == "The report (The paper)"


def test_the_built_in_pack_names_its_text(real_pack_path: Path) -> None:
    source = load_pack(real_pack_path).source

    assert source is not None and source.text == "iran-quds-force-iraq.txt"
    assert (real_pack_path.parent / source.text).is_file()


def test_packs_that_differ_only_in_their_text_or_date_are_not_equal() -> None:
    plain = parse_pack(pack_with("").encode(), NAME)
    with_text = parse_pack(pack_with('text = "a.txt"').encode(), NAME)
    with_date = parse_pack(pack_with("date = 2014-09-25").encode(), NAME)

    assert len({plain, with_text, with_date}) == 3


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("text = 3", "must be a string, not an integer"),
        ('text = ["a.txt"]', "must be a string, not an array"),
        ("text = true", "must be a string, not a boolean"),
        ("text = 2014-09-25", "must be a string, not a date"),
        ('date = "2014-09-25"', "must be a TOML date, written without quotes: date = 2014-09-25"),
        ("date = 2014-09-25T10:00:00Z", "must be a day such as 2014-09-25, without a time"),
        ("date = 2014-09-25T10:00:00", "must be a day such as 2014-09-25, without a time"),
        ("date = 10:00:00", "must be a TOML date such as 2014-09-25, not a time"),
        ("date = 20140925", "must be a TOML date such as 2014-09-25, not an integer"),
    ],
)
def test_wrong_types_are_located(line: str, message: str) -> None:
    text = pack_with(line)
    key = line.split(" ")[0]

    [problem] = problems_of(text)

    assert str(problem) == f"{NAME}:{line_of(text, line)}: pack.source.{key}: {message}"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"../secret.txt"', "not a path"),
        ('"/etc/passwd"', "not a path"),
        ('"notes/article.txt"', "not a path"),
        ('"..\\\\article.txt"', "not a path"),
        ('"C:article.txt"', "not a path"),
        ('"."', "must not start with a dot"),
        ('".."', "must not start with a dot"),
        ('".hidden.txt"', "must not start with a dot"),
        ('""', "is empty"),
        ('"   "', "is empty"),
        ('" article.txt"', "control characters or extra spaces"),
        ('"article  two.txt"', "control characters or extra spaces"),
        ('"article.txt\\u0000"', "control characters or extra spaces"),
        ('"art\\u001b[2Jicle.txt"', "control characters or extra spaces"),
        ('"art\\u202eicle.txt"', "control characters or extra spaces"),
        ('"line\\nbreak.txt"', "control characters or extra spaces"),
        (f'"{"a" * 197}.txt"', "is longer than 200 characters"),
    ],
)
def test_names_that_are_not_plain_file_names_are_refused(value: str, message: str) -> None:
    text = pack_with(f"text = {value}")

    [problem] = problems_of(text)

    assert (problem.line, problem.field) == (line_of(text, "text ="), "pack.source.text")
    assert message in problem.message
    assert "\x1b" not in str(problem) and "\x00" not in str(problem)


@pytest.mark.parametrize(
    "name", ["article.txt", "a", "Report 2014-09-25 (final).txt", "x.toml", "é.txt", "a" * 200]
)
def test_plain_file_names_are_accepted(name: str) -> None:
    pack = parse_pack(pack_with(f'text = "{name}"').encode(), NAME)

    assert pack.source is not None and pack.source.text == name
    assert file_name_problem(name) is None
    assert len(name) <= LIMITS["text"]


def test_text_and_date_problems_are_reported_with_the_others() -> None:
    text = pack_with('text = "../x.txt"\ndate = "today"', question=QUESTION.replace("q1", "Q 1"))

    fields = [problem.field for problem in problems_of(text)]

    assert fields == ["pack.source.text", "pack.source.date", "id"]


def named_text(text: str) -> str | None:
    """The source text a pack file names, as ``quiz check`` and ``quiz remove`` read it."""
    try:
        return declared_text(read_document(text.encode(), NAME))
    except PackError:
        return None


def test_declared_text_reads_a_valid_name_even_from_a_broken_pack() -> None:
    broken = pack_with('text = "a.txt"', question=QUESTION.replace('"supported"', '"maybe"'))

    assert named_text(pack_with('text = "a.txt"')) == "a.txt"
    assert named_text(broken) == "a.txt"


@pytest.mark.parametrize(
    "text",
    [
        pack_with(""),
        pack_with('text = "../a.txt"'),
        pack_with("text = 3"),
        pack_with('text = "a.txt"') + "[[[ not toml",
        'format = 1\npack = "x"\n',
        "[" * 10_000,
        'format = 1\n[pack]\nsource = "a.txt"\n',
    ],
    ids=["none", "path", "integer", "syntax-error", "pack-not-table", "deep", "source-string"],
)
def test_declared_text_is_none_without_a_valid_name(text: str) -> None:
    assert named_text(text) is None
