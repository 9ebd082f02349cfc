"""questions/README.md cannot rot: its examples are run and its limits compared with the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quiz.model import pack as pack_module
from quiz.model.evidence import SourceText
from quiz.model.guard import COST_WEIGHTS, MAX_COST, MAX_DOTTED_PARTS
from quiz.model.pack import (
    LIMITS,
    MAX_CHOICES,
    MAX_EVIDENCE,
    MAX_PACK_BYTES,
    MAX_QUESTIONS,
    MAX_TAGS,
)
from quiz.model.validate import parse_pack
from quiz.store.packs import MAX_TEXT_BYTES

GUIDE = Path(__file__).resolve().parents[2] / "questions" / "README.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _blocks(kind: str) -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    return [body for found, body in BLOCK.findall(text) if found == kind]


def _example() -> str:
    return _blocks("toml")[0]


def _console(command: str) -> list[str]:
    """The output lines the guide shows after ``$ COMMAND``, in each block that has it."""
    shown = []
    for block in _blocks("console"):
        lines = block.splitlines()
        if lines and lines[0] == f"$ {command}":
            shown.append(lines[1:])
    return shown


def test_the_example_pack_is_valid_and_has_every_kind():
    pack = parse_pack(_example().encode("utf-8"), "README.md")

    assert {question.kind for question in pack.questions} == {"verdict", "choice", "number"}
    assert pack.source is not None and pack.source.url
    assert pack.source.text == "riverside.txt" and pack.source.date is not None


def test_each_kind_snippet_is_a_valid_question_of_the_example():
    header = _example().split("[[questions]]")[0]
    snippets = _blocks("toml")[1:]
    assert len(snippets) == 3

    for snippet in snippets:
        pack = parse_pack((header + snippet).encode("utf-8"), "snippet")
        assert len(pack.questions) == 1


def test_every_quote_in_the_guide_is_in_its_article():
    article = SourceText(_blocks("text")[0])
    header = _example().split("[[questions]]")[0]
    quotes = [
        quote
        for body in [_example()] + [header + snippet for snippet in _blocks("toml")[1:]]
        for question in parse_pack(body.encode("utf-8")).questions
        for quote in question.evidence
    ]

    assert len(quotes) >= 6
    assert [quote for quote in quotes if not article.contains(quote)] == []


def test_the_check_examples_show_what_check_prints(quiz, files, monkeypatch):
    monkeypatch.chdir(files)
    Path("riverside.txt").write_text(_blocks("text")[0], encoding="utf-8")
    Path("riverside.toml").write_text(_example(), encoding="utf-8")
    ok, broken = _console("quiz check riverside.toml")

    assert quiz("check", "riverside.toml").out.splitlines() == ok

    mistaken = _example().replace('answer = "contradicted"', 'answer = "wrong"')
    mistaken = mistaken.replace("We lost about 4,000 books ...", "We lost 4,000 books ...")
    Path("riverside.toml").write_text(mistaken, encoding="utf-8")
    assert quiz("check", "riverside.toml").out.splitlines() == broken


def test_the_source_override_example_checks_against_the_given_file(quiz, files, monkeypatch):
    monkeypatch.chdir(files)
    Path("draft.txt").write_text(_blocks("text")[0], encoding="utf-8")
    Path("riverside.toml").write_text(_example(), encoding="utf-8")
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    assert "`quiz check riverside.toml --source draft.txt`" in guide

    result = quiz("check", "riverside.toml", "--source", "draft.txt")

    assert result.out == "riverside.toml: ok, 3 questions, 3 quotes found in draft.txt\n"


def test_the_add_example_shows_what_add_prints(quiz, files, monkeypatch, user_packs):
    monkeypatch.chdir(files)
    Path("riverside.txt").write_text(_blocks("text")[0], encoding="utf-8")
    Path("riverside.toml").write_text(_example(), encoding="utf-8")
    (shown,) = _console("quiz add riverside.toml")
    folder = "~/.local/share/quiz/packs"

    printed = quiz("add", "riverside.toml").out.replace(str(user_packs), folder)

    assert printed.splitlines() == shown[:1]


def _table(title_row: str) -> dict[str, str]:
    """The rows of the guide's Markdown table whose header row is given."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(title_row)
    rows = {}
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        key = cells[0]
        rows[key[1:-1] if re.fullmatch(r"`[^`]*`", key) else key] = cells[1]
    return rows


def test_text_limits_match_the_loader():
    rows = _table("| Field | Longest |")

    assert {key: int(value) for key, value in rows.items()} == LIMITS


@pytest.mark.parametrize(
    ("what", "limit"),
    [
        ("File size", f"{MAX_PACK_BYTES // (1024 * 1024)} MiB ({MAX_PACK_BYTES:,} bytes)"),
        (
            "Source text file size",
            f"{MAX_TEXT_BYTES // (1024 * 1024)} MiB ({MAX_TEXT_BYTES:,} bytes)",
        ),
        ("Questions per pack", f"{MAX_QUESTIONS:,}"),
        ("Choices per question", f"2 to {MAX_CHOICES}"),
        ("Evidence quotes per question", f"1 to {MAX_EVIDENCE}"),
        ("Tags per question", f"{MAX_TAGS}"),
        ("Parts of a dotted key such as `a.b.c`", f"{MAX_DOTTED_PARTS}"),
        (
            "Structure to parse, in cost units (a `=` costs 8, a `,` 4, a `[` 5)",
            f"{MAX_COST:,}",
        ),
    ],
)
def test_pack_limits_match_the_loader(what, limit):
    assert _table("| What | Limit |")[what] == limit
    assert (COST_WEIGHTS["="], COST_WEIGHTS[","], COST_WEIGHTS["["]) == (8, 4, 5)


def test_the_problem_cap_matches_the_loader():
    cap = getattr(pack_module, "MAX_PROBLEMS", None)
    if cap is None:
        pytest.skip("the loader does not cap its problems")
    assert f"At most {cap} problems are listed per file" in " ".join(GUIDE.read_text().split())


def test_the_new_example_shows_what_new_prints(quiz, files, monkeypatch):
    monkeypatch.chdir(files)
    Path("riverside.txt").write_text(_blocks("text")[0], encoding="utf-8")
    (shown,) = _console("quiz new riverside.txt")

    assert quiz("new", "riverside.txt").out.splitlines() == shown
    assert quiz("check", "riverside.toml").code == 1  # what is left to fill is listed


def test_the_strict_example_is_the_example_pack_with_the_number_snippet(quiz, files, monkeypatch):
    monkeypatch.chdir(files)
    Path("riverside.txt").write_text(_blocks("text")[0], encoding="utf-8")
    books_lost = next(block for block in _blocks("toml") if 'id = "books-lost"' in block)
    Path("riverside.toml").write_text(_example() + "\n" + books_lost, encoding="utf-8")
    (shown,) = _console("quiz check --strict riverside.toml")

    strict = quiz("check", "--strict", "riverside.toml")
    lenient = quiz("check", "riverside.toml")

    assert (strict.code, strict.out.splitlines()) == (1, shown)
    assert lenient.code == 0
    assert lenient.out.splitlines()[0] == shown[0].replace(": give-away:", ": warning: give-away:")


def test_what_the_guide_says_the_check_cannot_see_gets_no_warning(quiz, files, monkeypatch):
    claim = "The council thought about shutting the branch permanently"
    prompt = "Who said the council had considered closing the branch for good?"
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    readme = " ".join((GUIDE.parents[1] / "README.md").read_text(encoding="utf-8").split())
    assert f"the claim *{claim}* and, in another question, *{prompt}*" in guide
    assert "no question's prompt or choices give away another's answer" not in readme
    monkeypatch.chdir(files)
    Path("riverside.txt").write_text(_blocks("text")[0], encoding="utf-8")
    quote = "the council had considered closing the branch for good"
    Path("riverside.toml").write_text(
        _example()
        + f"""
[[questions]]
id = "closing-considered"
kind = "verdict"
prompt = "{claim}."
answer = "supported"
evidence = ["{quote}"]
explanation = "A councillor said so."

[[questions]]
id = "who-said-closing"
kind = "choice"
prompt = "{prompt}"
answer = "An unnamed town councillor"
choices = ["An unnamed town councillor", "Ana Costa, the head librarian", "The mayor's office"]
evidence = ["A town councillor, who asked not to be named, said {quote}"]
explanation = "The councillor asked not to be named."
""",
        encoding="utf-8",
    )

    result = quiz("check", "--strict", "riverside.toml")

    assert (result.code, result.out) == (
        0,
        "riverside.toml: ok, 5 questions, 5 quotes found in riverside.txt\n",
    )
