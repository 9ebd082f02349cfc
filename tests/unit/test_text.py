"""Text safety: control characters never survive loading; markup-looking text survives untouched."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from quiz.model.pack import Pack, PackError
from quiz.model.text import clean_line, clean_text, normalise_quote
from quiz.model.validate import parse_pack

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("a\x1bb", "ab"),
        ("\x1b]0;evil title\x07after", "]0;evil titleafter"),
        ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "]8;;http://x\\link]8;;\\"),
        ("\x1b[2J\x1b[31mred", "[2J[31mred"),
        ("\x9b2Jc1", "2Jc1"),
        ("\x9d0;title\x9c", "0;title"),
        ("nul\x00here", "nulhere"),
        ("del\x7fhere", "delhere"),
        ("bell\x07", "bell"),
        ("back\x08space", "backspace"),
        ("abc\u202edcba", "abcdcba"),
        ("\u2066iso\u2067late\u2068first\u2069", "isolatefirst"),
        ("\u202a\u202b\u202c\u202d", ""),
        ("lrm\u200e rlm\u200f alm\u061c", "lrm rlm alm"),
        ("line\u2028sep\u2029para", "lineseppara"),
        ("\ufeffbom", "bom"),
        ("crlf\r\nline", "crlf\nline"),
        ("cr\rline", "cr\nline"),
        ("keep\ttab\nand newline", "keep\ttab\nand newline"),
        ("café 中文 🙂 — “quotes”", "café 中文 🙂 — “quotes”"),
    ],
)
def test_clean_text(dirty: str, clean: str) -> None:
    assert clean_text(dirty) == clean
    assert UNSAFE.search(clean_text(dirty)) is None


def test_clean_text_removes_every_control_but_tab_and_newline() -> None:
    every = "".join(chr(code) for code in range(0x00, 0xA0))
    kept = clean_text(every)
    assert "\t" in kept and "\n" in kept
    assert UNSAFE.search(kept) is None
    assert kept.replace("\t", "").replace("\n", "") == "".join(chr(c) for c in range(0x20, 0x7F))


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("  a \n\t b  ", "a b"),
        ("one\r\ntwo", "one two"),
        ("x\x1b[1m y", "x[1m y"),
        ("\u00a0nbsp\u00a0", "nbsp"),
        ("中文 🙂", "中文 🙂"),
        ("", ""),
    ],
)
def test_clean_line_folds_whitespace(dirty: str, clean: str) -> None:
    assert clean_line(dirty) == clean


def test_normalise_quote_folds_typography() -> None:
    assert normalise_quote("“They’re  here” — said\u00a0he…") == '"they\'re here" - said he...'


def toml_string(value: str) -> str:
    """A TOML basic string with every control character escaped."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


NASTY = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x00\x7f\u202e\u2066\u2069\x85"


def strings_in(value: object) -> Iterator[str]:
    """Every string inside a loaded pack, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings_in(item)
    elif hasattr(value, "__slots__"):  # a Pack; its questions and source are tuples
        for name in value.__slots__:
            yield from strings_in(getattr(value, name))


def test_a_pack_full_of_controls_loads_clean() -> None:
    def s(text: str) -> str:
        return toml_string(text.replace("@", NASTY))

    text = f"""format = 1
[pack]
id = "nasty"
title = {s("Ti@tle")}
description = {s("De@scription")}
[pack.source]
title = {s("Sou@rce")}
publisher = {s("Pub@lisher")}
url = {s("https://example.com/@")}
[[questions]]
id = "v"
kind = "verdict"
prompt = {s("Pro@mpt")}
answer = "supported"
evidence = [{s("Evi@dence")}, {s("more@")}]
explanation = {s("Expla@nation")}
[[questions]]
id = "c"
kind = "choice"
prompt = {s("Which@?")}
answer = {s("Ri@ght")}
choices = [{s("Ri@ght")}, {s("Wr@ong")}]
evidence = [{s("E@")}]
explanation = {s("X@")}
[[questions]]
id = "n"
kind = "number"
prompt = {s("How@ many?")}
answer = 3
unit = {s("tro@ops")}
evidence = [{s("E@")}]
explanation = {s("X@")}
"""
    pack = parse_pack(text.encode(), "nasty.toml")
    found = list(strings_in(pack))
    assert len(found) > 15
    for value in found:
        assert UNSAFE.search(value) is None, repr(value)
    assert pack.title == "Ti]0;pwned[2J31mtle"
    choice = pack.question("c")
    assert choice is not None
    assert choice.answer == "Ri]0;pwned[2J31mght" and choice.answer in choice.choices
    number = pack.question("n")
    assert number is not None and number.unit.startswith("tro")


@pytest.mark.parametrize(
    "markup",
    ["a [/] b", "[@click=app.quit]x[/]", "[bold red", "[link=file:///etc/passwd]x[/link]", "[0]"],
)
def test_markup_looking_text_survives_loading_unchanged(markup: str) -> None:
    text = f"""format = 1
[pack]
id = "markup"
title = {toml_string(markup)}
[[questions]]
id = "c"
kind = "choice"
prompt = {toml_string(markup)}
answer = {toml_string(markup)}
choices = [{toml_string(markup)}, "other"]
evidence = [{toml_string(markup)}]
explanation = {toml_string(markup)}
"""
    pack: Pack = parse_pack(text.encode(), "markup.toml")
    q = pack.questions[0]
    assert pack.title == markup
    assert (q.prompt, q.answer, q.choices[0], q.evidence[0], q.explanation) == (markup,) * 5


def test_error_messages_carry_no_controls() -> None:
    text = (
        'format = 1\n"\\u001b]0;pwned\\u0007" = 1\n[pack]\nid = "x"\ntitle = "t"\n'
        '"\\u202eevil" = 2\n[[questions]]\n"\\u001b[2J" = 3\n'
    )
    with pytest.raises(PackError) as caught:
        parse_pack(text.encode(), "bad\x1b]0;name\x07.toml")
    shown = str(caught.value)
    assert UNSAFE.search(shown.replace("\n", "")) is None, repr(shown)
    assert "bad]0;name.toml: ]0;pwned: unknown field" in shown.splitlines()
    for problem in caught.value.problems:
        assert problem.field is None or UNSAFE.search(problem.field) is None
