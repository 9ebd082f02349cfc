"""The loader's quick path for a valid question agrees with the checks that name problems.

``_quick_question`` accepts the common case, a question right in every field,
in one pass; ``_Checker._question`` finds and names every problem. Hypothesis
builds questions near the edges of every rule (wrong types, empty and overlong
texts, control characters, unknown and misplaced fields) and checks that the
quick path never accepts what the checks refuse, and builds the same question
when both accept it.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.model.pack import MAX_CHOICES, _Checker, _quick_question

TEXTS = st.one_of(
    st.sampled_from(["", " ", "a", "A claim.", "two\nlines", " pad ", "x  y", "\x1b[2J",
                     "\u202e", "a\r\nb", "\t", "q-1", "Q1", "-q", "q--1", "ok-2"]),
    st.text(max_size=12),
    st.builds(lambda n: "x" * n, st.sampled_from([29, 30, 31, 32, 33, 64, 65, 200, 201, 500,
                                                   501, 1000, 1001, 2000, 2001])),
)
VALUES = st.one_of(TEXTS, st.integers(-2, 5), st.floats(allow_nan=True), st.booleans(),
                   st.lists(TEXTS, max_size=3))
NUMBERS = st.one_of(st.integers(-5, 5), st.floats(allow_nan=True, allow_infinity=True),
                    st.booleans(), TEXTS, st.just(10**400))
GOOD_TEXT = st.sampled_from(["A claim.", "two\nlines", " pad ", "x  y", "a\x1b[2Jb", "a\r\nb",
                             "\u202eab", "x" * 500])
GOOD_SLUG = st.sampled_from(["q1", "q-2", "a" * 32, "a" * 64])


def pick(draw: st.DrawFn, good: st.SearchStrategy[Any], odd: st.SearchStrategy[Any]) -> Any:
    """Mostly a value near the edge of valid, now and then anything at all."""
    return draw(odd if draw(st.integers(0, 7)) == 0 else good)


@st.composite
def questions(draw: st.DrawFn) -> dict[str, Any]:
    kind = pick(draw, st.sampled_from(["verdict", "choice", "number"]), st.sampled_from(["x", 1]))
    raw: dict[str, Any] = {
        "id": pick(draw, GOOD_SLUG, st.one_of(TEXTS, st.integers())),
        "kind": kind,
        "prompt": pick(draw, GOOD_TEXT, VALUES),
        "explanation": pick(draw, st.one_of(GOOD_TEXT, st.just("y" * 2000)), VALUES),
        "evidence": pick(draw, st.lists(st.one_of(GOOD_TEXT, st.just("z" * 1000)),
                                        min_size=1, max_size=10),
                         st.one_of(st.lists(TEXTS, max_size=11), VALUES)),
    }
    if draw(st.booleans()):
        raw["tags"] = pick(draw, st.lists(st.sampled_from(["sourcing", "a-b", "x" * 32]),
                                          max_size=10),
                           st.one_of(st.lists(st.sampled_from(["A", "", "x" * 33, 3]),
                                              min_size=1, max_size=11), VALUES))
    if draw(st.booleans()):
        raw["difficulty"] = pick(draw, st.integers(1, 3),
                                 st.one_of(st.integers(-1, 4), st.booleans(), st.floats()))
    if kind == "verdict":
        raw["answer"] = pick(draw, st.sampled_from(["supported", "not-stated", "contradicted"]),
                             st.one_of(st.just("Supported"), VALUES))
    elif kind == "choice":
        raw["choices"] = pick(draw, st.lists(st.sampled_from(["a", "b", " c ", "d  e", "x" * 200]),
                                             min_size=2, max_size=MAX_CHOICES, unique=True),
                              st.one_of(st.lists(st.sampled_from(["a", "a ", "", "x" * 201, 1]),
                                                 max_size=MAX_CHOICES + 1), VALUES))
        raw["answer"] = pick(draw, st.sampled_from(["a", "b", "c", " c", "d e", "x" * 200]),
                             VALUES)
    else:
        raw["answer"] = pick(draw, st.one_of(st.integers(-5, 5), st.floats(-1e6, 1e6)), NUMBERS)
        if draw(st.booleans()):
            raw["tolerance"] = pick(draw, st.sampled_from([0, 1, 2.5]), NUMBERS)
        if draw(st.booleans()):
            raw["unit"] = pick(draw, st.sampled_from(["", "troops", " km ", "u" * 30]), TEXTS)
    for key, value in (("choices", ["a", "b"]), ("tolerance", 1), ("unit", "m"),
                       ("surprise", 1)):
        if key not in raw and draw(st.integers(0, 15)) == 0:
            raw[key] = value
    return raw


@settings(max_examples=1500, deadline=None)
@given(questions())
def test_the_quick_path_agrees_with_the_checks(raw: dict[str, Any]) -> None:
    checker = _Checker("q.toml", "")
    checked = checker._question(0, raw)
    quick = _quick_question(raw)

    if quick is not None:
        assert checker.found == 0, "accepted quickly, refused by the checks"
        assert quick == checked
        assert [type(value) for value in quick] == [type(value) for value in checked]


COMMON = [
    {"id": "v", "kind": "verdict", "prompt": "P", "answer": "supported",
     "evidence": ["e"], "explanation": "x", "tags": ["sourcing", "sourcing"]},
    {"id": "c", "kind": "choice", "prompt": "P", "choices": ["a", "b"], "answer": "b",
     "evidence": ["e"], "explanation": "x", "difficulty": 2},
    {"id": "n", "kind": "number", "prompt": "P", "answer": 1600, "tolerance": 50,
     "unit": "troops", "evidence": ["e"], "explanation": "x"},
]


def test_the_quick_path_takes_the_common_questions() -> None:
    for raw in COMMON:
        quick = _quick_question(raw)
        assert quick is not None and quick == _Checker("q.toml", "")._question(0, raw)
    verdict = _quick_question(COMMON[0])
    assert verdict is not None and verdict.tags == ("sourcing",)
