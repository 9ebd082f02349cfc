"""The pack loader: the real pack loads; every broken file is refused with a location."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from quiz.model.document import read_document
from quiz.model.guard import (
    COST_WEIGHTS,
    MAX_DOTTED_PARTS,
    GuardError,
    check_shape,
    nesting_line,
    parse_cost,
)
from quiz.model.locate import LineIndex, Place
from quiz.model.pack import (
    MAX_PACK_BYTES,
    MAX_PROBLEMS,
    MAX_QUESTIONS,
    PackError,
    Problem,
    Question,
)
from quiz.model.validate import parse_pack, validate
from quiz.store.packs import load_pack

NAME = "broken.toml"
HEADER = 'format = 1\n\n[pack]\nid = "test-pack"\ntitle = "Test pack"\n\n'


def render(value: Any) -> str:
    """Write a value as TOML, escaping every control character so tests can smuggle them in."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(render(item) for item in value) + "]"
    if isinstance(value, str):
        out = []
        for char in value:
            if char in '"\\' or ord(char) < 0x20 or ord(char) == 0x7F:
                out.append("\\" + char if char in '"\\' else f"\\u{ord(char):04x}")
            else:
                out.append(char)
        return '"' + "".join(out) + '"'
    raise TypeError(value)


def question(kind: str = "verdict", drop: tuple[str, ...] = (), **fields: Any) -> dict[str, Any]:
    """A valid question of a kind, with some fields replaced or dropped."""
    base: dict[str, Any] = {
        "id": "q1",
        "kind": kind,
        "prompt": "The report says it rained.",
        "evidence": ["It rained."],
        "explanation": "It says so.",
        "difficulty": 1,
    }
    if kind == "verdict":
        base["answer"] = "supported"
    elif kind == "choice":
        base.update(answer="Bob", choices=["Alice", "Bob", "Carol"])
    elif kind == "number":
        base.update(answer=1600, tolerance=0, unit="troops")
    else:
        base["answer"] = "supported"
    base.update(fields)
    for key in drop:
        base.pop(key)
    return base


def pack_text(*questions: dict[str, Any], header: str = HEADER) -> str:
    """A pack file: the header, then one [[questions]] table per question, one key a line."""
    blocks = [
        "[[questions]]\n" + "".join(f"{key} = {render(value)}\n" for key, value in q.items())
        for q in questions
    ]
    return header + "\n".join(blocks)


def line_of(text: str, needle: str, after: str | None = None, nth: int = 1) -> int:
    """The 1-based line of a needle, optionally searching after the nth line holding ``after``."""
    lines = text.split("\n")
    start = 0
    if after is not None:
        seen = 0
        for number, line in enumerate(lines):
            if after in line:
                seen += 1
                if seen == nth:
                    start = number
                    break
    for number in range(start, len(lines)):
        if needle in lines[number]:
            return number + 1
    raise AssertionError(f"{needle!r} not in text")


def problems_of(data: bytes | str, name: str = NAME) -> list[Problem]:
    """The problems parse_pack reports for these bytes (it must refuse them)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(PackError) as caught:
        parse_pack(raw, name)
    assert caught.value.problems, "a PackError must carry at least one problem"
    assert str(caught.value) == "\n".join(str(p) for p in caught.value.problems)
    return caught.value.problems


def test_real_pack_loads(real_pack_path: Path) -> None:
    pack = load_pack(real_pack_path)
    assert pack.id == "iran-quds-force-iraq"
    assert pack.path == real_pack_path
    assert len(pack.questions) >= 30
    assert {q.kind for q in pack.questions} == {"verdict", "choice", "number"}
    verdicts = Counter(q.answer for q in pack.questions if q.kind == "verdict")
    assert set(verdicts) == {"supported", "contradicted", "not-stated"}
    assert max(verdicts.values()) - min(verdicts.values()) <= 1
    assert sum("sourcing" in q.tags for q in pack.questions) >= 6
    assert pack.source is not None
    assert pack.source.title and pack.source.publisher
    assert len({q.id for q in pack.questions}) == len(pack.questions)
    for q in pack.questions:
        assert q.evidence and q.explanation and q.prompt
        assert 1 <= q.difficulty <= 3
        assert q.is_correct(q.answer), q.id
        if q.kind == "choice":
            assert q.answer in q.choices
            assert 2 <= len(q.choices) <= 6


def test_a_valid_generated_pack_loads() -> None:
    text = pack_text(
        question("verdict", id="a"),
        question("choice", id="b", difficulty=2, tags=["sourcing", "sourcing", "x-1"]),
        question("number", id="c", tolerance=2.5, difficulty=3),
    )
    pack = parse_pack(text.encode(), NAME)
    assert [q.id for q in pack.questions] == ["a", "b", "c"]
    assert pack.questions[1].tags == ("sourcing", "x-1")
    assert pack.questions[1].choices == ("Alice", "Bob", "Carol")
    number = pack.questions[2]
    assert (number.number, number.tolerance, number.answer) == (1600.0, 2.5, "1600")
    assert number.answer_label == "1600 (± 2.5) troops"
    assert pack.source is None and pack.path is None
    assert pack.question("b") is pack.questions[1]
    assert pack.question("missing") is None


def test_validate_leaves_the_document_whole_unless_told_to_consume_it() -> None:
    text = pack_text(question("verdict", id="a"), question("choice", id="b"), question(id="a"))
    kept, consumed = read_document(text.encode(), NAME), read_document(text.encode(), NAME)
    with pytest.raises(PackError) as whole:
        validate(kept)
    with pytest.raises(PackError) as let_go:
        validate(consumed, consume=True)
    # The same problems either way; only the consumed document's questions are gone.
    assert whole.value.problems == let_go.value.problems
    assert [q["id"] for q in kept.table["questions"]] == ["a", "b", "a"]
    assert consumed.table["questions"] == [None, None, None]
    valid = pack_text(question("verdict", id="a"), question("number", id="c"))
    document = read_document(valid.encode(), NAME)
    assert validate(document, consume=True) == parse_pack(valid.encode(), NAME)
    assert document.table["questions"] == [None, None]


def test_bom_and_crlf_are_accepted_and_lines_still_count() -> None:
    text = pack_text(question(answer="maybe")).replace("\n", "\r\n")
    problems = problems_of(b"\xef\xbb\xbf" + text.encode())
    assert problems[0].line == line_of(text, 'answer = "maybe"')


QUESTION_CASES = [
    pytest.param(
        question(colour="red"), "colour", "unknown field", 'colour = "red"', id="unknown-field"
    ),
    pytest.param(
        question(kind="opinion"), "kind", "unknown kind 'opinion'", "kind =", id="unknown-kind"
    ),
    pytest.param(
        question(drop=("kind",)), "kind", "missing; use one of", "[[questions]]", id="missing-kind"
    ),
    pytest.param(
        question(answer="maybe"), "answer", "'maybe' is not a verdict", "answer =", id="bad-verdict"
    ),
    pytest.param(
        question("choice", answer="Zed"),
        "answer",
        "'Zed' is not one of the choices",
        "answer =",
        id="choice-answer-not-a-choice",
    ),
    pytest.param(
        question("choice", answer="A", choices=["A"]),
        "choices",
        "needs at least 2 choices",
        "choices =",
        id="one-choice",
    ),
    pytest.param(
        question("choice", answer="A", choices=["A", "A", "B"]),
        "choices",
        "choices must be distinct",
        "choices =",
        id="duplicate-choices",
    ),
    pytest.param(
        question("choice", answer="A", choices=list("ABCDEFG")),
        "choices",
        "holds at most 6 items",
        "choices =",
        id="seven-choices",
    ),
    pytest.param(
        question("choice", drop=("choices",)),
        "choices",
        "missing",
        "[[questions]]",
        id="no-choices",
    ),
    pytest.param(
        question("number", answer="1600"),
        "answer",
        "must be a number, not a string",
        "answer =",
        id="number-string-answer",
    ),
    pytest.param(
        question("number", answer="1600"),
        "answer",
        "; write it without quotes: answer = 1600",
        "answer =",
        id="number-string-answer-hint",
    ),
    pytest.param(
        question("number", answer="6,500"),
        "answer",
        "must be a number, not a string; write it without quotes: answer = 6500",
        "answer =",
        id="number-string-answer-with-commas",
    ),
    pytest.param(
        question("number", answer=".5"),
        "answer",
        "must be a number, not a string; write it without quotes: answer = 0.5",
        "answer =",
        id="number-string-answer-toml-cannot-read",
    ),
    pytest.param(
        question("number", tolerance="0.5"),
        "tolerance",
        "must be a number of 0 or more, not a string; write it without quotes: tolerance = 0.5",
        "tolerance =",
        id="string-tolerance",
    ),
    pytest.param(
        question("number", answer="about 1,600"),
        "answer",
        "must be a number, not a string",
        "answer =",
        id="number-words-answer",
    ),
    pytest.param(
        question("number", answer=10**400),
        "answer",
        "must be a finite number",
        "answer =",
        id="number-huge-answer",
    ),
    pytest.param(
        question("number", tolerance=-1),
        "tolerance",
        "must be a number of 0 or more",
        "tolerance =",
        id="negative-tolerance",
    ),
    pytest.param(
        question("number", tolerance=10**400),
        "tolerance",
        "must be a number of 0 or more",
        "tolerance =",
        id="huge-tolerance",
    ),
    pytest.param(
        question("verdict", choices=["a", "b"]),
        "choices",
        "only choice questions have this field",
        "choices =",
        id="choices-on-verdict",
    ),
    pytest.param(
        question("verdict", unit="m"),
        "unit",
        "only number questions have this field",
        "unit =",
        id="unit-on-verdict",
    ),
    pytest.param(
        question(drop=("evidence",)), "evidence", "missing", "[[questions]]", id="missing-evidence"
    ),
    pytest.param(
        question(evidence=[]), "evidence", "must not be empty", "evidence =", id="empty-evidence"
    ),
    pytest.param(
        question(evidence="It rained."),
        "evidence",
        "must be an array of strings, not a string",
        "evidence =",
        id="evidence-not-array",
    ),
    pytest.param(
        question(evidence=["ok", 3]),
        "evidence[2]",
        "must be a string, not an integer",
        "evidence =",
        id="evidence-item-not-string",
    ),
    pytest.param(
        question(evidence=["ok", " \t "]),
        "evidence[2]",
        "is empty",
        "evidence =",
        id="evidence-item-blank",
    ),
    pytest.param(
        question(difficulty=0), "difficulty", "must be 1, 2 or 3", "difficulty =", id="difficulty-0"
    ),
    pytest.param(
        question(difficulty=4), "difficulty", "must be 1, 2 or 3", "difficulty =", id="difficulty-4"
    ),
    pytest.param(
        question(difficulty="2"),
        "difficulty",
        "must be 1, 2 or 3",
        "difficulty =",
        id="difficulty-str",
    ),
    pytest.param(
        question(difficulty="3"),
        "difficulty",
        "must be 1, 2 or 3, not a string; write it without quotes: difficulty = 3",
        "difficulty =",
        id="difficulty-str-hint",
    ),
    pytest.param(
        question(difficulty="4"),
        "difficulty",
        "must be 1, 2 or 3, not a string",
        "difficulty =",
        id="difficulty-str-out-of-range",
    ),
    pytest.param(
        question(difficulty=True),
        "difficulty",
        "must be 1, 2 or 3",
        "difficulty =",
        id="difficulty-true",
    ),
    pytest.param(
        question(difficulty=2.0),
        "difficulty",
        "must be 1, 2 or 3",
        "difficulty =",
        id="difficulty-float",
    ),
    pytest.param(question(tags=["Bad Tag"]), "tags[1]", "must be a slug", "tags =", id="bad-tag"),
    pytest.param(
        question(tags=["ok", 7]), "tags[2]", "must be a slug", "tags =", id="tag-not-string"
    ),
    pytest.param(
        question(prompt="x" * 501),
        "prompt",
        "is longer than 500 characters",
        "prompt =",
        id="long-prompt",
    ),
    pytest.param(question(prompt="   "), "prompt", "is empty", "prompt =", id="blank-prompt"),
    pytest.param(
        question(prompt=5),
        "prompt",
        "must be a string, not an integer",
        "prompt =",
        id="prompt-int",
    ),
    pytest.param(
        question(drop=("explanation",)),
        "explanation",
        "missing",
        "[[questions]]",
        id="no-explanation",
    ),
]


@pytest.mark.parametrize(("q", "field", "message", "needle"), QUESTION_CASES)
def test_question_problems_are_located(
    q: dict[str, Any], field: str, message: str, needle: str
) -> None:
    good = question("verdict", id="fine")
    text = pack_text(good, q)
    problems = problems_of(text)
    expected_line = line_of(text, needle, after="[[questions]]", nth=2)
    prefix = f"{NAME}:{expected_line}: question 'q1': {field}: "
    matching = [str(p) for p in problems if str(p).startswith(prefix)]
    assert matching, [str(p) for p in problems]
    assert message in matching[0]
    for problem in problems:
        assert problem.question == "q1", "the valid question has no problems"
        assert problem.file == NAME


TOP_CASES = [
    pytest.param(
        HEADER.replace("format = 1\n", ""),
        None,
        "format",
        "missing; add 'format = 1'",
        1,
        id="missing-format",
    ),
    pytest.param(
        HEADER.replace("format = 1", "format = 2"),
        "format = 2",
        "format",
        "must be 1, not 2",
        None,
        id="wrong-format",
    ),
    pytest.param(
        HEADER.replace("format = 1", 'format = "1"'),
        "format =",
        "format",
        "must be 1, not '1'",
        None,
        id="string-format",
    ),
    pytest.param(
        HEADER.replace("format = 1", 'format = "1"'),
        "format =",
        "format",
        "must be 1, not '1'; write it as a number, without quotes: format = 1",
        None,
        id="string-format-hint",
    ),
    pytest.param(
        'colour = "red"\n' + HEADER,
        "colour =",
        "colour",
        "unknown field",
        None,
        id="unknown-top-level-field",
    ),
    pytest.param(
        HEADER + "[extra]\nx = 1\n",
        "[extra]",
        "extra",
        "unknown field",
        None,
        id="unknown-top-level-table",
    ),
    pytest.param(
        "format = 1\n\n",
        None,
        "pack",
        "missing [pack] table",
        1,
        id="missing-pack",
    ),
    pytest.param(
        HEADER.replace('"test-pack"', '"../evil"'),
        'id = "../evil"',
        "pack.id",
        "'../evil' is not a slug",
        None,
        id="pack-id-path",
    ),
    pytest.param(
        HEADER.replace('"test-pack"', '"Test Pack"'),
        'id = "Test Pack"',
        "pack.id",
        "is not a slug",
        None,
        id="pack-id-caps",
    ),
    pytest.param(
        HEADER.replace('id = "test-pack"\n', ""),
        "[pack]",
        "pack.id",
        "missing",
        None,
        id="pack-id-missing",
    ),
    pytest.param(
        HEADER.replace('title = "Test pack"', "title = 3"),
        "title = 3",
        "pack.title",
        "must be a string, not an integer",
        None,
        id="pack-title-int",
    ),
    pytest.param(
        HEADER + 'colour = "red"\n',
        "colour =",
        "pack.colour",
        "unknown field",
        None,
        id="pack-unknown-field",
    ),
    pytest.param(
        HEADER + 'order = "random"\n',
        'order = "random"',
        "pack.order",
        "'random' is not an order; use one of: shuffled, written",
        None,
        id="pack-order-unknown",
    ),
    pytest.param(
        HEADER + 'order = "Written"\n',
        'order = "Written"',
        "pack.order",
        "'Written' is not an order; use one of: shuffled, written",
        None,
        id="pack-order-case",
    ),
    pytest.param(
        HEADER + "order = false\n",
        "order = false",
        "pack.order",
        "must be a string, not a boolean; use one of: shuffled, written",
        None,
        id="pack-order-boolean",
    ),
    pytest.param(
        HEADER + 'order = ["written"]\n',
        "order =",
        "pack.order",
        "must be a string, not an array; use one of: shuffled, written",
        None,
        id="pack-order-array",
    ),
    pytest.param(
        HEADER + 'order = "\\u001b[2Jwritten"\n',
        "order =",
        "pack.order",
        "'[2Jwritten' is not an order",
        None,
        id="pack-order-escape",
    ),
    pytest.param(
        HEADER + '[pack.source]\npublisher = "P"\n',
        "[pack.source]",
        "pack.source.title",
        "missing",
        None,
        id="source-without-title",
    ),
    pytest.param(
        HEADER + '[pack.source]\ntitle = "T"\nlink = "x"\n',
        "link =",
        "pack.source.link",
        "unknown field",
        None,
        id="source-unknown-field",
    ),
]


@pytest.mark.parametrize(("header", "needle", "field", "message", "line"), TOP_CASES)
def test_file_level_problems_are_located(
    header: str, needle: str | None, field: str, message: str, line: int | None
) -> None:
    text = pack_text(question(), header=header)
    problems = problems_of(text)
    expected_line = line if needle is None else line_of(text, needle)
    prefix = f"{NAME}:{expected_line}: {field}: "
    matching = [str(p) for p in problems if str(p).startswith(prefix)]
    assert matching, [str(p) for p in problems]
    assert message in matching[0]


@pytest.mark.parametrize(
    ("line", "order"),
    [("", "shuffled"), ('order = "shuffled"\n', "shuffled"), ('order = "written"\n', "written")],
)
def test_a_pack_keeps_its_order(line: str, order: str) -> None:
    pack = parse_pack(pack_text(question(), header=HEADER + line).encode("utf-8"), NAME)
    assert pack.order == order


def test_a_pack_without_questions_is_refused() -> None:
    problems = problems_of(HEADER)
    assert [p.field for p in problems] == ["questions"]
    assert "the pack has no questions" in problems[0].message


@pytest.mark.parametrize(
    "tail",
    ["questions = []\n", "questions = [1, 2]\n", "[questions]\nx = 1\n"],
    ids=["empty-array", "array-of-numbers", "table"],
)
def test_questions_must_be_an_array_of_tables(tail: str) -> None:
    text = "format = 1\n" + tail + HEADER.removeprefix("format = 1\n")
    problems = problems_of(text)
    assert len(problems) == 1
    assert problems[0].field == "questions"
    assert problems[0].line == line_of(text, "questions")


def test_duplicate_ids_name_the_other_question() -> None:
    text = pack_text(question(id="first"), question(id="same"), question(id="same"))
    problems = problems_of(text)
    assert len(problems) == 1
    line = line_of(text, 'id = "same"', after="[[questions]]", nth=3)
    assert str(problems[0]) == (
        f"{NAME}:{line}: question 'same': id: duplicate id; question #2 has it too"
    )


def test_every_broken_question_is_reported() -> None:
    text = pack_text(
        question(id="one", answer="maybe"),
        question("choice", id="two", answer="Zed"),
        question(id="fine"),
        question("number", id="three", answer="many", difficulty=9),
    )
    problems = problems_of(text)
    assert len(problems) >= 4
    assert {p.question for p in problems} == {"one", "two", "three"}
    lines = [p.line for p in problems]
    assert lines == sorted(lines), "problems come in file order"


@pytest.mark.parametrize(
    ("q", "label"),
    [
        (question(drop=("id",), answer="maybe"), "#2"),
        (question(id="Not A Slug", answer="maybe"), "#2"),
        (question(id=7, answer="maybe"), "#2"),
        (question(id="x" * 65, answer="maybe"), "#2"),
    ],
    ids=["missing", "not-a-slug", "integer", "too-long"],
)
def test_questions_without_a_valid_id_are_numbered(q: dict[str, Any], label: str) -> None:
    text = pack_text(question(id="fine"), q)
    problems = problems_of(text)
    assert {p.question for p in problems} == {label}
    answer = next(p for p in problems if p.field == "answer")
    assert str(answer).startswith(f"{NAME}:{answer.line}: question {label}: answer: ")
    assert {p.field for p in problems} == {"id", "answer"}


@pytest.mark.parametrize(
    ("question_id", "shown"),
    [
        ("closure-length\t", "'closure-length\\t'"),
        ("closure-length ", "'closure-length '"),
        ("closure\xa0length", "'closure\\xa0length'"),
        ("a\x1b[2Jb\u202ec", "'a\\x1b[2Jb\\u202ec'"),
    ],
    ids=["tab", "trailing-space", "no-break-space", "escape-and-bidi"],
)
def test_an_id_that_is_not_a_slug_is_shown_with_its_invisible_characters(
    question_id: str, shown: str
) -> None:
    text = pack_text(question(id="fine"), question(id=question_id))
    (problem,) = [p for p in problems_of(text) if p.field == "id"]
    assert str(problem).startswith(f"{NAME}:{problem.line}: question #2: id: {shown} is not a slug")
    assert str(problem).isprintable()


def test_a_pack_id_that_is_not_a_slug_is_shown_with_its_invisible_characters() -> None:
    (problem,) = problems_of(
        pack_text(question(), header=HEADER.replace("test-pack", "test-pack\\t"))
    )
    assert "pack.id: 'test-pack\\t' is not a slug" in str(problem)


@pytest.mark.parametrize(
    ("q", "field", "shown"),
    [
        (question(kind="verdict\t"), "kind", "unknown kind 'verdict\\t'"),
        (question(answer="supported\xa0"), "answer", "'supported\\xa0' is not a verdict"),
    ],
    ids=["kind", "verdict"],
)
def test_a_kind_or_verdict_is_shown_with_its_invisible_characters(
    q: dict[str, Any], field: str, shown: str
) -> None:
    (problem,) = [p for p in problems_of(pack_text(q)) if p.field == field]
    assert shown in str(problem)


def test_a_multiline_prompt_does_not_shift_line_numbers() -> None:
    text = (
        HEADER
        + '[[questions]]\nid = "q1"\nkind = "verdict"\nprompt = """\nline one\nanswer = no\n"""\n'
        + 'answer = "maybe"\nevidence = ["e"]\nexplanation = "x"\n'
    )
    problems = problems_of(text)
    assert [p.line for p in problems] == [line_of(text, 'answer = "maybe"')]


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_files_are_refused(data: bytes) -> None:
    problems = problems_of(data)
    assert [str(p) for p in problems] == [f"{NAME}: is empty"]


def test_non_utf8_names_the_line_of_the_bad_byte() -> None:
    data = HEADER.encode() + b'[[questions]]\nid = "caf\xe9"\n'
    problems = problems_of(data)
    assert len(problems) == 1
    assert problems[0].line == HEADER.count("\n") + 2
    assert "not UTF-8" in problems[0].message and "0xe9" in problems[0].message


def test_toml_syntax_error_has_line_and_column() -> None:
    text = "format = 1\n\n[pack\nid = 1\n"
    problems = problems_of(text)
    assert len(problems) == 1
    assert problems[0].line == 3
    assert str(problems[0]).startswith(f"{NAME}:3: column ")
    assert "TOML syntax error" in problems[0].message
    assert "(at line" not in problems[0].message


def test_a_huge_dotted_key_is_refused_quickly() -> None:
    text = HEADER + ".".join(["a"] * 20_000) + " = 1\n"
    started = time.perf_counter()
    problems = problems_of(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, f"took {elapsed:.2f} s"
    assert problems[0].line == HEADER.count("\n") + 1
    assert "dotted key" in problems[0].message


@pytest.mark.parametrize(
    "value",
    [
        "[" * 600 + "]" * 600,
        "[1, " * 600 + "]" * 600,
        "[ [\n" * 300 + "]]\n" * 300,
        "{a = " * 600 + "1" + "}" * 600,
    ],
    ids=["brackets", "arrays-with-items", "spaced-brackets", "inline-tables"],
)
def test_deep_nesting_is_refused_without_recursion_error(value: str) -> None:
    problems = problems_of(HEADER + "x = " + value + "\n")
    assert any("nested" in p.message for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize(
    "text",
    [
        'x = "' + "a" * 30_000 + '"\n',
        'x = "' + ("a." * (MAX_DOTTED_PARTS - 1) + "!") * 4_000 + '"\n',
        "x = [" + ("[ " * 31 + "1" + "]" * 31 + ", ") * 2_000 + "]\n",
        'x = "' + " " * 1_000_000 + '"\n',
    ],
    ids=["long-word", "many-keys-just-under-the-limit", "many-31-deep", "long-space"],
)
def test_the_guard_is_linear(text: str) -> None:
    started = time.perf_counter()
    check_shape(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, f"took {elapsed:.2f} s"


@pytest.mark.parametrize(
    "text",
    [
        'a = 1\nb = [1, 2]\n[t]\nx.y = "z"\n{ }',
        '\ufeffprompt = "“Quoted”, déjà vu… 2.5 ‰ — 中文, [x] = y"\n',
        'tags = ["🙂.🙃", "ok"]\r\n' * 3,
        "",
    ],
    ids=["ascii", "bom-and-accents", "emoji-crlf", "empty"],
)
def test_the_cost_counted_in_the_bytes_is_the_cost_of_the_text(text: str) -> None:
    by_character = Counter(text)
    expected = sum(by_character[char] * weight for char, weight in COST_WEIGHTS.items())
    assert parse_cost(text.encode("utf-8")) == expected
    assert expected > 0 or not text


def test_the_guard_names_the_line() -> None:
    with pytest.raises(GuardError) as caught:
        check_shape("a = 1\n\nx" + ".y" * 40 + " = 1\n")
    assert caught.value.line == 3
    assert nesting_line("a = 1\n\nx = " + "[" * 40 + "]" * 40) == 3
    assert nesting_line("x = [[1], [2]]") is None


def test_load_refuses_a_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(HEADER.encode() + b"#" * MAX_PACK_BYTES)
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert [p.line for p in caught.value.problems] == [None]
    assert "larger than" in caught.value.problems[0].message
    with pytest.raises(PackError):
        parse_pack(b"#" * (MAX_PACK_BYTES + 1), NAME)


def test_load_refuses_a_symlink(tmp_path: Path, small_pack_file: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(small_pack_file)
    with pytest.raises(PackError) as caught:
        load_pack(link)
    assert str(caught.value) == f"{link}: is a symbolic link, not a regular file"


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("directory", "is a folder, not a file"),
        ("fifo", "is a named pipe, not a regular file"),
        ("missing", "does not exist"),
    ],
)
def test_load_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str, message: str) -> None:
    path = tmp_path / "pack.toml"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert str(caught.value) == f"{path}: {message}"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_load_reports_an_unreadable_file(small_pack_file: Path) -> None:
    small_pack_file.chmod(0)
    try:
        with pytest.raises(PackError) as caught:
            load_pack(small_pack_file)
    finally:
        small_pack_file.chmod(0o600)
    assert "cannot be read" in str(caught.value)


def test_load_keeps_the_path(small_pack_file: Path) -> None:
    pack = load_pack(small_pack_file)
    assert pack.path == small_pack_file
    assert pack == parse_pack(small_pack_file.read_bytes()), "path is not part of equality"


@pytest.mark.parametrize(
    ("problem", "shown"),
    [
        (Problem("f.toml", "is empty"), "f.toml: is empty"),
        (Problem("f.toml", "bad", line=3), "f.toml:3: bad"),
        (Problem("f.toml", "bad", line=3, field="format"), "f.toml:3: format: bad"),
        (
            Problem("f.toml", "bad", line=9, question="q-1", field="answer"),
            "f.toml:9: question 'q-1': answer: bad",
        ),
        (
            Problem("f.toml", "bad", line=9, question="#4", field="id"),
            "f.toml:9: question #4: id: bad",
        ),
    ],
)
def test_problem_text(problem: Problem, shown: str) -> None:
    assert str(problem) == shown


def test_line_index_finds_tables_keys_and_array_elements() -> None:
    text = pack_text(question(id="a"), question(id="b"))
    index = LineIndex(text)
    assert index.find("", "format") == 1
    assert index.find("pack") == line_of(text, "[pack]")
    assert index.find("pack", "title") == line_of(text, "title =")
    assert index.find("questions", "id", 1) == line_of(text, 'id = "b"')
    assert index.find("questions", None, 0) == line_of(text, "[[questions]]")
    assert index.find("questions", "id", 5) is None
    assert index.find("", "nowhere") is None
    assert index.find("nowhere") is None


@pytest.mark.parametrize(
    ("response", "right"),
    [("1600", True), ("1,600", True), (" 1600 ", True), ("1600.0", True), ("1601", False)],
)
def test_question_judges_numbers(response: str, right: bool) -> None:
    q = Question(
        id="n",
        kind="number",
        prompt="p",
        answer="1600",
        explanation="e",
        evidence=("x",),
        number=1600.0,
    )
    assert q.is_correct(response) is right


@pytest.mark.parametrize(
    "text",
    [
        "".join(f"a{i}=1\n" for i in range(300_000)),
        "x = [" + "1," * 600_000 + "1]\n",
        "[[q]]\n" * 200_000,
        "".join(f"a{i}.b.c.d.e.f = 1\n" for i in range(50_000)),
    ],
    ids=["one-line-keys", "tiny-array-items", "table-headers", "dotted-keys"],
)
def test_files_too_costly_to_parse_are_refused_before_parsing(text: str) -> None:
    with pytest.raises(GuardError) as caught:
        check_shape(text)
    assert "too complex" in caught.value.message


def test_a_realistic_pack_of_the_largest_size_is_within_the_parse_budget() -> None:
    question = (
        '[[questions]]\nid = "q{n}"\nkind = "choice"\n'
        'prompt = "According to the article, who said it, and when, and where?"\n'
        'answer = "An unnamed official"\nchoices = ["An unnamed official", "A named minister"]\n'
        'evidence = ["one senior U.S. intelligence official told The Daily Beast."]\n'
        'explanation = "The article quotes him, but does not name him. So, it is anonymous."\n'
        'difficulty = 2\ntags = ["sourcing", "people"]\n'
    )
    text = HEADER + "".join(question.format(n=n) for n in range(MAX_QUESTIONS))
    check_shape(text)


def test_a_flood_of_problems_is_cut_short_with_a_count() -> None:
    problems = problems_of(HEADER + "".join(f"junk{i} = 1\n" for i in range(500)))
    assert len(problems) == MAX_PROBLEMS + 1
    # 500 junk keys and a pack with no questions: 501 problems, 100 shown.
    assert problems[-1].message == "and 401 more problems not shown"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1,600", 1600.0),
        ("12,345.5", 12345.5),
        ("-1,000", -1000.0),
        ("1 600", 1600.0),
        ("1,2", None),
        ("1,0.5", None),
        ("1,60", None),
        (",100", None),
        ("1.2", 1.2),
    ],
)
def test_commas_are_only_thousands_separators(typed: str, value: float | None) -> None:
    from quiz.model.pack import parse_number

    assert parse_number(typed) == value


def test_a_duplicate_id_is_reported_even_when_the_first_question_has_errors() -> None:
    question = '[[questions]]\nid = "same"\nkind = "verdict"\nprompt = "p"\nanswer = "{a}"\n'
    question += 'evidence = ["e"]\nexplanation = "x"\n'
    problems = problems_of(HEADER + question.format(a="maybe") + question.format(a="supported"))
    messages = [(p.line, p.message) for p in problems]
    assert any("is not a verdict" in m for _, m in messages)
    assert any(m.startswith("duplicate id; question #1") for _, m in messages)
    lines = [line for line, _ in messages if line is not None]
    assert lines == sorted(lines)


COMMON = [
    {
        "id": "v",
        "kind": "verdict",
        "prompt": "P",
        "answer": "supported",
        "evidence": ["e"],
        "explanation": "x",
        "tags": ["sourcing", "sourcing"],
    },
    {
        "id": "c",
        "kind": "choice",
        "prompt": "P",
        "choices": ["a", "b"],
        "answer": "b",
        "evidence": ["e"],
        "explanation": "x",
        "difficulty": 2,
    },
    {
        "id": "n",
        "kind": "number",
        "prompt": "P",
        "answer": 1600,
        "tolerance": 50,
        "unit": "troops",
        "evidence": ["e"],
        "explanation": "x",
    },
]


def test_each_field_of_a_loaded_question_has_its_own_type() -> None:
    pack = parse_pack(pack_text(*COMMON).encode(), NAME)
    verdict, choice, number = pack.questions
    assert verdict.tags == ("sourcing",)
    assert (choice.choices, choice.difficulty) == (("a", "b"), 2)
    assert (number.answer, number.number, number.tolerance) == ("1600", 1600.0, 50.0)
    expected = [str, str, str, str, str, tuple, int, tuple, type(None), float, str, tuple]
    for question in (verdict, choice):
        assert [type(value) for value in question] == expected
    assert [type(value) for value in number] == [*expected[:8], float, float, str, tuple]


@pytest.mark.parametrize(
    ("written", "shown", "label"),
    [
        ("1e308", "1e308", "1e308 km"),
        ("1.5E3", "1.5E3", "1.5E3 km"),
        ("1_000.5", "1000.5", "1000.5 km"),
        ("1600", "1600", "1600 km"),
        ("1_600", "1600", "1600 km"),
        ("2.50", "2.50", "2.50 km"),
    ],
)
def test_a_number_answer_is_shown_as_the_author_wrote_it(
    written: str, shown: str, label: str
) -> None:
    text = pack_text(question("number", unit="km")).replace("answer = 1600", f"answer = {written}")
    [number] = parse_pack(text.encode(), NAME).questions
    assert (number.answer, number.answer_label) == (shown, label)
    assert number.is_correct(shown)


def test_a_huge_tolerance_is_shown_with_an_exponent() -> None:
    [number] = parse_pack(pack_text(question("number", tolerance=1e300)).encode()).questions
    assert number.answer_label == "1600 (± 1e+300) troops"


def test_an_integer_too_long_for_python_is_a_located_problem() -> None:
    digits = "9" * (sys.get_int_max_str_digits() + 1)
    text = pack_text(question("number", id="a"), question("number", id="b"))
    text = text.replace("answer = 1600", f"answer = {digits}", 2).replace(
        f"answer = {digits}", "answer = 1600", 1
    )
    [problem] = problems_of(text)
    assert (problem.line, problem.question, problem.field) == (
        line_of(text, f"answer = {digits}"),
        "#2",
        "answer",
    )
    assert str(problem).startswith(f"{NAME}:{problem.line}: question #2: answer: is an integer")
    assert "of more than 4,300 digits" in problem.message


def test_an_integer_too_long_at_the_top_is_located_too() -> None:
    text = pack_text(question()).replace("format = 1", "format = 1" + "0" * 5_000)
    [problem] = problems_of(text)
    assert (problem.line, problem.question, problem.field) == (1, None, "format")


def test_the_line_index_places_a_line_in_its_table_and_key() -> None:
    text = pack_text(question(id="a"), question(id="b"))
    index = LineIndex(text)
    assert index.place(1) == Place("", None, "format")
    assert index.place(line_of(text, "title =")) == Place("pack", None, "title")
    second = line_of(text, "prompt =", after='id = "b"')
    assert index.place(second) == Place("questions", 1, "prompt")
    assert index.place(line_of(text, "[[questions]]")) == Place("questions", 0, None)
