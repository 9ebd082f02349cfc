"""quiz.model.hints: the likely fix added to a pack problem, or nothing when there is none."""

from __future__ import annotations

import pytest

from quiz.model.hints import (
    as_list,
    broken_string,
    did_you_mean,
    nearest_choice,
    typographic_end,
    typographic_quote,
)

QUESTION_KEYS = {"id", "kind", "prompt", "answer", "evidence", "explanation", "tags"}


@pytest.mark.parametrize(
    ("key", "value", "hint"),
    [
        ("explaination", "x", "; did you mean 'explanation'?"),
        ("Prompt", "x", "; did you mean 'prompt'?"),
        ("tag", ["a"], "; did you mean 'tags'?"),
        ("colour", "red", ""),
    ],
)
def test_did_you_mean_a_field(key, value, hint):
    assert did_you_mean(key, QUESTION_KEYS, value) == hint


def test_tables_are_suggested_as_their_headers():
    top = {"format", "pack", "questions"}

    assert did_you_mean("question", top, [{"id": "a"}]) == "; did you mean [[questions]]?"
    assert did_you_mean("packs", top, {"id": "a"}) == "; did you mean [pack]?"


def test_the_nearest_choice_is_named_even_when_far():
    choices = ["Wired", "The New Yorker", "Time"]

    assert nearest_choice("wired magazine", choices).startswith("; the nearest choice is 'Wired'")
    assert nearest_choice("New Yorker", choices).startswith("; the nearest choice is 'The New")
    assert nearest_choice("x", []) == ""


def test_a_string_is_shown_as_a_list_and_long_text_is_cut():
    assert as_list("evidence", "Short.") == '; write it as a list: evidence = ["Short."]'
    assert as_list("evidence", "x" * 100).endswith('x\u2026"]')
    assert as_list("evidence", 3) == ""


@pytest.mark.parametrize(
    ("line", "column", "hinted"),
    [
        ('prompt = "She said "no"."', 21, True),
        ('evidence = [""They" said"]', 15, True),
        ('evidence = ["We bake," Nair said"]', 24, True),
        ('evidence = ["One" "Two"]', 19, False),
        ('prompt = "fine" # comment', 17, False),
        ("difficulty = = 2", 14, False),
        ('prompt = "a"', 99, False),
    ],
)
def test_a_string_broken_by_a_double_quote(line, column, hinted):
    assert bool(broken_string(line, column)) is hinted


@pytest.mark.parametrize(
    ("line", "column", "quote"),
    [
        ("prompt = \u201cWho said it?\u201d", 10, "\u201c"),
        ("prompt = \u2018Who said it?\u2019", 10, "\u2018"),
        ('evidence = ["a", \u201dWe lost\u201d]', 18, "\u201d"),
        ("x = \u2019a\u2019", 5, "\u2019"),
        ('prompt = "She said "no"."', 21, None),
        ("prompt = \u201cWho\u201d", 99, None),
        ("prompt = \u201cWho\u201d", 0, None),
    ],
)
def test_a_typographic_quote_around_a_string(line, column, quote):
    hint = typographic_quote(line, column)

    if quote is None:
        assert hint == ""
    else:
        assert hint.startswith(f"; {quote} is a typographic quote: ")
        assert 'straight "' in hint


@pytest.mark.parametrize(
    ("line", "quote"),
    [
        ('prompt = "Who said it\u201d', "\u201d"),
        ('evidence = ["a\u2019, "b"]', "\u2019"),
        ('prompt = "plain" "text"', None),
    ],
)
def test_a_string_closed_by_a_typographic_quote(line, quote):
    hint = typographic_end(line)

    if quote is None:
        assert hint == ""
    else:
        assert hint.startswith(f"; if {quote} was meant to end a string, type a straight ")
