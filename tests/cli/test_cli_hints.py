"""``quiz check`` says what the author probably meant, and warns about gameable packs."""

from __future__ import annotations

import pytest

HEADER = 'format = 1\n\n[pack]\nid = "p"\ntitle = "P"\n\n'
CHOICE = """\
[[questions]]
id = "magazine"
kind = "choice"
prompt = "Which magazine dubbed him the most dangerous person on the planet?"
answer = "Wired"
choices = ["Wired", "Time", "The New Yorker"]
evidence = ["Wired magazine dubbed him the most dangerous person on the planet."]
explanation = "The article credits Wired."
"""


def _check(quiz, files, text, *options):
    path = files / "p.toml"
    path.write_text(text, encoding="utf-8")
    return path, quiz("check", path, *options)


def test_a_misspelt_field_name_is_named(quiz, files):
    text = HEADER + CHOICE.replace("explanation =", "explaination =")

    path, result = _check(quiz, files, text)

    assert result.code == 1
    assert (
        f"{path}:14: question 'magazine': explaination: unknown field; did you mean "
        "'explanation'?" in result.out.splitlines()
    )


def test_a_singular_question_table_is_named(quiz, files):
    text = HEADER + CHOICE.replace("[[questions]]", "[[question]]")

    path, result = _check(quiz, files, text)

    assert f"{path}:7: question: unknown field; did you mean [[questions]]?" in result.out


def test_a_singular_question_table_among_valid_ones_is_named(quiz, files):
    text = (
        HEADER
        + CHOICE
        + "\n"
        + CHOICE.replace("[[questions]]", "[[question]]").replace(
            'id = "magazine"', 'id = "magazine-2"'
        )
    )

    path, result = _check(quiz, files, text)

    assert result.code == 1
    assert f"{path}:16: question: unknown field; did you mean [[questions]]?" in result.out


def test_misspelt_pack_and_source_fields_are_named(quiz, files):
    text = HEADER.replace("title =", "titel =") + '[pack.source]\ntitle = "A"\npublsher = "B"\n\n'

    _path, result = _check(quiz, files, text + CHOICE)

    assert "pack.titel: unknown field; did you mean 'title'?" in result.out
    assert "pack.source.publsher: unknown field; did you mean 'publisher'?" in result.out


def test_an_unrelated_field_gets_no_suggestion(quiz, files):
    _path, result = _check(quiz, files, HEADER + CHOICE + 'colour = "red"\n')

    assert "colour: unknown field\n" in result.out


def test_an_answer_that_is_not_a_choice_names_the_nearest(quiz, files):
    text = HEADER + CHOICE.replace('answer = "Wired"', 'answer = "wired"')

    path, result = _check(quiz, files, text)

    assert result.out == (
        f"{path}:11: question 'magazine': answer: 'wired' is not one of the choices; the "
        "nearest choice is 'Wired' (answer must be its text exactly)\n"
    )


def test_a_number_written_as_a_string_says_to_drop_the_quotes(quiz, files):
    text = HEADER + CHOICE + 'difficulty = "3"\n'

    path, result = _check(quiz, files, text)

    assert result.out == (
        f"{path}:15: question 'magazine': difficulty: must be 1, 2 or 3, not a string; write it "
        "without quotes: difficulty = 3\n"
    )


def test_evidence_as_a_string_shows_the_list_to_write(quiz, files):
    text = HEADER + CHOICE.replace(
        'evidence = ["Wired magazine dubbed him the most dangerous person on the planet."]',
        'evidence = "Wired magazine dubbed him the most dangerous person on the planet."',
    )

    path, result = _check(quiz, files, text)

    assert result.out == (
        f"{path}:13: question 'magazine': evidence: must be an array of strings, not a string; "
        'write it as a list: evidence = ["Wired magazine dubbed him the most dang\u2026"]\n'
    )


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ('prompt = "She said "no" to it."', 21),
        ('evidence = [""They are not going after Americans," one official said"]', 15),
    ],
)
def test_a_double_quote_that_ends_a_string_early_says_how_to_write_it(quiz, files, line, column):
    text = HEADER + CHOICE.replace(
        'prompt = "Which magazine dubbed him the most dangerous person on the planet?"', line
    )

    path, result = _check(quiz, files, text)

    assert result.code == 1
    assert result.out.startswith(f"{path}:10: column {column}: TOML syntax error: ")
    assert result.out.endswith(
        '; a " inside a string ends it: write it as \\" or put the whole string in single '
        "quotes ('She said \"no\".')\n"
    )


def test_a_string_in_typographic_quotes_says_to_use_straight_ones(quiz, files):
    text = HEADER + CHOICE.replace(
        'prompt = "Which magazine dubbed him the most dangerous person on the planet?"',
        "prompt = \u201cWhich magazine dubbed him the most dangerous person?\u201d",
    )

    path, result = _check(quiz, files, text)

    assert result.code == 1
    assert result.out == (
        f"{path}:10: column 10: TOML syntax error: Invalid value; \u201c is a typographic "
        'quote: a string starts and ends with a straight " ("like this"); curly quotes are '
        "fine inside it\n"
    )


def test_other_syntax_errors_get_no_quote_hint(quiz, files):
    _path, result = _check(quiz, files, HEADER + CHOICE + "difficulty = = 2\n")

    assert result.code == 1
    assert "TOML syntax error" in result.out and "inside a string" not in result.out


GAMEABLE = (
    HEADER
    + """\
[[questions]]
id = "forces-count"
kind = "number"
prompt = "How many U.S. forces does the Pentagon count inside Iraq?"
answer = 1600
evidence = ["more than 1,600 U.S. forces inside Iraq"]
explanation = "The Pentagon's count."

[[questions]]
id = "forces-combat"
kind = "verdict"
prompt = "The 1,600 U.S. forces inside Iraq engage in combat missions."
answer = "contradicted"
evidence = ["these forces do not engage in combat missions"]
explanation = "They do not."
"""
)


def test_warnings_are_printed_and_the_check_passes(quiz, files):
    path, result = _check(quiz, files, GAMEABLE)

    assert result.code == 0
    assert result.out.splitlines() == [
        f"{path}:18: question 'forces-combat': prompt: warning: give-away: \"1,600\" answers "
        "question 'forces-count'",
        f"{path}:18: question 'forces-combat': prompt: warning: surface cue: contradicted claim "
        "only drops the negation of its evidence; change a detail instead (a date, an actor, a "
        "number, some for all)",
        f"{path}: warning: surface cue: contradicted: 1 of 1 negate their evidence",
        f"{path}: ok, 2 questions; 3 warnings (--strict makes them errors)",
    ]


def test_strict_makes_the_warnings_errors(quiz, files, make_pack):
    path, result = _check(quiz, files, GAMEABLE, "--strict")
    clean = make_pack("clean.toml", "clean")

    assert result.code == 1
    assert len(result.out.splitlines()) == 3
    assert ": warning: " not in result.out
    assert f"{path}:18: question 'forces-combat': prompt: give-away: " in result.out
    assert quiz("check", "--strict", clean).code == 0


def test_warnings_are_only_looked_for_in_a_valid_pack(quiz, files):
    broken = GAMEABLE.replace('answer = "contradicted"', 'answer = "wrong"')

    _path, result = _check(quiz, files, broken)

    assert result.code == 1
    assert len(result.out.splitlines()) == 1 and ": warning: " not in result.out


def test_a_tab_in_a_prompt_is_a_warning_naming_the_question_and_field(quiz, files):
    text = HEADER + CHOICE.replace("most dangerous person", "most\tdangerous person", 1)

    path, result = _check(quiz, files, text)

    assert result.code == 0
    assert result.out.splitlines() == [
        f"{path}:10: question 'magazine': prompt: warning: tab: shows as a wide gap in play; "
        "write a space instead",
        f"{path}: ok, 1 question; 1 warning (--strict makes them errors)",
    ]


def test_strict_makes_a_tab_an_error(quiz, files):
    text = HEADER.replace('title = "P"', 'title = "P"\ndescription = "A\tpack"') + CHOICE

    path, result = _check(quiz, files, text, "--strict")

    assert result.code == 1
    assert result.out == (
        f"{path}:6: pack.description: tab: shows as a wide gap in play; write a space instead\n"
    )


def test_a_string_closed_by_a_typographic_quote_says_to_use_a_straight_one(quiz, files):
    text = HEADER + CHOICE.replace(
        'prompt = "Which magazine dubbed him the most dangerous person on the planet?"',
        'prompt = "Which magazine dubbed him the most dangerous person?\u201d',
    )

    path, result = _check(quiz, files, text)

    assert result.code == 1
    assert result.out.startswith(f"{path}:10: column ")
    assert result.out.endswith(
        '; if \u201d was meant to end a string, type a straight " instead: curly quotes '
        "are fine only inside one\n"
    )
