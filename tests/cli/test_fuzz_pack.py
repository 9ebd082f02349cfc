"""Whatever a pack file holds, the loader returns a Pack or raises PackError, quickly.

Hypothesis throws arbitrary bytes and TOML-shaped junk at ``parse_pack``;
two hand-made files reproduce what made ``tomllib`` slow (a key of 20,000
dotted parts) or crash (arrays nested 500 deep).
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.model.document import read_document
from quiz.model.evidence import SourceText
from quiz.model.pack import Pack, PackError
from quiz.model.quotes import check_quotes
from quiz.model.validate import parse_pack

FRAGMENTS = [
    "format = 1\n",
    "format = 2\n",
    "[pack]\n",
    '[pack]\nid = "p"\ntitle = "T"\n',
    "[pack.source]\n",
    'title = "Source"\n',
    "[[questions]]\n",
    '[[questions]]\nid = "q"\nkind = "verdict"\nprompt = "P"\nanswer = "supported"\n'
    'evidence = ["e"]\nexplanation = "x"\n',
    'kind = "choice"\n',
    'kind = "number"\n',
    'choices = ["a", "b"]\n',
    'answer = "a"\n',
    "answer = 1e400\n",
    "answer = nan\n",
    "tolerance = -1\n",
    "difficulty = 4\n",
    'tags = ["x", "X", "x"]\n',
    'id = "q"\n',
    "id = 1\n",
    "a.b.c.d.e.f.g.h.i = 1\n",
    "x = [[[[[[[[1]]]]]]]]\n",
    "y = {a = {b = {c = 1}}}\n",
    '"\\u001b[31m"',
    "'''\nmulti\n'''",
    '"""\n',
    "[",
    "]",
    "{",
    "}",
    "=",
    ".",
    ",",
    '"',
    "'",
    "#",
    "\n",
    "\r\n",
    " ",
    "\x00",
    "\ufeff",
    "\u202e",
    "\x1b]0;title\x07",
    "\U0001f600",
    "[red]markup[/red]",
    "1979-05-27T07:32:00Z",
    "true",
    "inf",
    "-0",
    "0x1F",
]


def _outcome(data: bytes) -> None:
    try:
        result = parse_pack(data, "fuzz.toml")
    except PackError as error:
        assert error.problems
        assert all(problem.file == "fuzz.toml" for problem in error.problems)
        assert all(str(problem).startswith("fuzz.toml") for problem in error.problems)
    else:
        assert isinstance(result, Pack)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_pack_or_a_pack_error(data):
    _outcome(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=40))
def test_toml_shaped_junk_gives_a_pack_or_a_pack_error(pieces):
    text = "".join(pieces)
    _outcome(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30), st.text(max_size=300))
def test_quote_checking_never_raises_on_junk(pieces, article):
    text = "".join(pieces)
    try:
        document = read_document(text.encode("utf-8", "surrogatepass"), "fuzz.toml")
    except PackError:
        return
    problems, count = check_quotes(document, SourceText(article), "article.txt")
    assert len(problems) <= count + 1


def _refused_quickly(data: bytes) -> PackError:
    started = time.perf_counter()
    try:
        parse_pack(data, "hostile.toml")
    except PackError as error:
        elapsed = time.perf_counter() - started
        assert elapsed < 2.0, f"took {elapsed:.2f} s"
        return error
    raise AssertionError("a hostile file was accepted")


def test_a_key_of_twenty_thousand_dotted_parts_is_refused_fast_with_a_line():
    data = b"format = 1\n" + b".".join([b"a"] * 20_000) + b" = 1\n"
    assert 39_000 < len(data) < 41_000

    error = _refused_quickly(data)

    assert error.problems[0].line is not None
    assert str(error.problems[0]).startswith("hostile.toml:")


def test_arrays_nested_five_hundred_deep_are_refused_fast_with_a_line():
    data = b"format = 1\nx = " + b"[" * 500 + b"1" + b"]" * 500 + b"\n"

    error = _refused_quickly(data)

    assert error.problems[0].line == 2
    assert "nested" in error.problems[0].message
