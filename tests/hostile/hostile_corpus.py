"""The hostile pack corpus: what each file holds and what the loader must make of it.

The files in ``corpus/`` are written by this module (``python
tests/hostile/hostile_corpus.py`` rewrites them) and a test checks that they
still match it, so the expectations below and the bytes on disk cannot drift
apart. Files too large to keep in the repository, and links and named pipes,
are made at test time by :func:`generated`.

An entry either loads (``refused=False``) or is refused with one problem per
item of ``lines``: the line each problem must name, or None where a problem has
no line (an empty file, a file too large to read).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).with_name("corpus")
MARKUP = (
    "[/]",
    "[/red",
    "[@click=app.quit]x[/]",
    "[link=https://example.com]x[/link]",
    "a[0]",
    "[b]",
    "$accent",
)
# TOML escapes of what must never reach a terminal: OSC window title, OSC 52
# clipboard, OSC 8 hyperlink, CSI clear screen and colour, the 8-bit CSI and
# OSC, NUL, DEL, backspace, bidi overrides, isolates and marks, line separators.
CONTROLS = (
    r"\u001b]0;pwned\u0007 \u001b]52;c;ZXZpbA==\u0007 "
    r"\u001b]8;;https://evil.example/\u001b\\link\u001b]8;;\u001b\\ "
    r"\u001b[2J\u001b[31m \u009b2J \u009d0;t\u009c \u0000 \u007f \u0008 "
    r"\u202e \u202a \u2066 \u2069 \u200e \u200f \u061c \u2028 \ufeff"
)


@dataclass(frozen=True)
class Entry:
    """One hostile pack.

    Attributes:
        name: The file name.
        data: The file's bytes.
        lines: None when the pack loads; else the line of each problem, in any order.
        says: Text one of the problems must contain.
        shows: For a pack played in a real terminal, text that must be on screen.
        xfail: Why the loader gets this entry wrong today, if it does.
    """

    name: str
    data: bytes
    lines: tuple[int | None, ...] | None = None
    says: str = ""
    shows: str = ""
    xfail: str = ""

    @property
    def refused(self) -> bool:
        """Whether the loader must refuse the file."""
        return self.lines is not None


def line_of(text: str | bytes, needle: str | bytes, nth: int = 1) -> int:
    """The 1-based line of the nth occurrence of ``needle``."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)  # type: ignore[arg-type]
    return text.count("\n" if isinstance(text, str) else b"\n", 0, at) + 1  # type: ignore[arg-type]


def toml(text: str) -> bytes:
    """Source text of a pack, as UTF-8 bytes."""
    return text.encode("utf-8")


def question(qid: str = "q", text: str = "Is it so?", **extra: str) -> str:
    """A valid verdict question, with fields replaced or added as TOML values."""
    fields = {
        "id": f'"{qid}"',
        "kind": '"verdict"',
        "prompt": f'"{text}"',
        "answer": '"supported"',
        "evidence": '["It is so."]',
        "explanation": '"The source says so."',
        **extra,
    }
    return "\n[[questions]]\n" + "".join(f"{key} = {value}\n" for key, value in fields.items())


def pack(pack_id: str = "hostile", title: str = "Hostile", body: str = "", **questions: str) -> str:
    """A valid pack with one question unless ``body`` gives others."""
    head = f'format = 1\n\n[pack]\nid = "{pack_id}"\ntitle = "{title}"\n'
    return head + (body or question(**questions))


def _markup() -> Entry:
    every = " ".join(MARKUP)
    fields = {"explanation": f'"{every} :skull: \\\\[b] [$accent]x[/]"'}
    text = (
        "format = 1\n\n[pack]\n"
        'id = "hostile-markup"\n'
        'title = "[@click=app.quit]x[/] [/red $accent"\n'
        'description = "[link=https://example.com]x[/link] a[0] [b] [/]"\n\n'
        "[pack.source]\n"
        'title = "[/] [b]source $accent"\n'
        'publisher = "[/red a[0]"\n'
        'url = "[link=https://example.com]x[/link]"\n'
        + question(
            "verdict",
            f"[@click=app.quit]x[/] verdict: {every}",
            evidence=f'["{every}", "[@click=app.bell]ring[/] [on red]x"]',
            tags='["markup"]',
            **fields,
        )
        + question(
            "choice",
            f"[@click=app.quit]x[/] choice: {every}",
            kind='"choice"',
            choices="[" + ", ".join(f'"{m}"' for m in (*MARKUP[:5], "[b] $accent")) + "]",
            answer='"[@click=app.quit]x[/]"',
            **fields,
        )
        + question(
            "number",
            f"[@click=app.quit]x[/] number: {every}",
            kind='"number"',
            answer="3",
            unit='"[b]u[/b]"',
            **fields,
        )
    )
    return Entry("markup.toml", toml(text), shows="[@click=app.quit]x[/]")


def _controls() -> Entry:
    text = (
        "format = 1\n\n[pack]\n"
        'id = "hostile-controls"\n'
        f'title = "Title {CONTROLS}"\n'
        f'description = "{CONTROLS}"\n\n'
        "[pack.source]\n"
        f'title = "{CONTROLS}"\n'
        f'publisher = "{CONTROLS}"\n'
        f'url = "https://example.com/{CONTROLS}"\n'
        + question(
            "verdict",
            f"Claim {CONTROLS}",
            evidence=f'["{CONTROLS}", "quote\\r\\nnext\\rline"]',
            explanation=f'"{CONTROLS}"',
        )
        + question(
            "choice",
            f"Claim {CONTROLS}",
            kind='"choice"',
            choices=f'["one {CONTROLS}", "two {CONTROLS}"]',
            answer=f'"one {CONTROLS}"',
            evidence=f'["{CONTROLS}"]',
            explanation=f'"{CONTROLS}"',
        )
        + question(
            "number",
            f"Claim {CONTROLS}",
            kind='"number"',
            answer="3",
            unit='"u \\u001b[2J\\u009b\\u202e"',
            evidence=f'["{CONTROLS}"]',
            explanation=f'"{CONTROLS}"',
        )
    )
    return Entry("controls-escaped.toml", toml(text), shows="Claim ]0;pwned")


def _raw_unicode_controls() -> Entry:
    # TOML allows these raw in strings (only C0 and DEL are forbidden), so the
    # file is valid and the loader must strip them itself.
    raw = (
        "\u009b2J \u009d0;t\u009c \u202e \u202a \u2066 \u2069 \u200e \u200f \u061c "
        "\u2028 \ufeff \u0085"
    )
    text = pack(
        "raw-unicode-controls",
        f"Raw {raw}",
        text=f"Raw [/red {raw} claim",
        evidence=f'["{raw} quote"]',
        explanation=f'"{raw} why"',
    )
    return Entry("raw-c1-bidi.toml", toml(text), shows="Raw [/red")


def _crlf_and_tabs() -> Entry:
    text = pack(
        "crlf-tabs", "Tabs\there", text="A\\tclaim", explanation='"""\nline one\nline two"""'
    ).replace("\n", "\r\n")
    return Entry("crlf-and-tabs.toml", toml(text))


def _raw(name: str, needle: bytes, data: bytes, says: str = "TOML syntax error") -> Entry:
    return Entry(name, data, (line_of(data, needle),), says)


def _raw_entries() -> list[Entry]:
    base = toml(pack())
    esc_prompt = base.replace(b"Is it so?", b"Is \x1b[2J it so?")
    osc_title = base.replace(b'"Hostile"', b'"Hostile \x1b]0;pwned\x07"')
    nul = base.replace(b"Is it so?", b"Is \x00 it so?")
    delete = base.replace(b"Is it so?", b"Is \x7f it so?")
    backspace = base.replace(b"Is it so?", b"Is it\x08\x08 so?")
    comment = base.replace(b"[pack]\n", b"[pack] # \x1b]52;c;ZXZpbA==\x07\n")
    multiline = base.replace(b'"Is it so?"', b'"""\nIs it\n so \x1b[31m?"""')
    literal = base.replace(b'"Is it so?"', b"'Is it \x1b[2J so?'")
    key = base.replace(b"title =", b"ti\x07tle =")
    lone_cr = base.replace(b'title = "Hostile"\n', b'title = "Hostile"\rid2 = "x"\n')
    c1_byte = base.replace(b"Is it so?", b"Is \x9b2J it so?")
    return [
        _raw("raw-esc-in-prompt.toml", b"\x1b", esc_prompt),
        _raw("raw-osc-in-title.toml", b"\x1b", osc_title),
        _raw("raw-nul.toml", b"\x00", nul),
        _raw("raw-del.toml", b"\x7f", delete),
        _raw("raw-backspace.toml", b"\x08", backspace),
        _raw("raw-esc-in-comment.toml", b"\x1b", comment),
        _raw("raw-esc-in-multiline.toml", b"\x1b", multiline),
        _raw("raw-esc-in-literal.toml", b"\x1b", literal),
        _raw("raw-bel-in-key.toml", b"\x07", key),
        _raw("raw-lone-cr.toml", b"\r", lone_cr),
        _raw("raw-8bit-csi.toml", b"\x9b", c1_byte, "is not UTF-8 text (byte 0x9b)"),
    ]


def _encodings() -> list[Entry]:
    base = toml(pack())
    latin1 = base.replace(b'"Hostile"', b'"Caf\xe9 cr\xe8me"')
    cp1252 = base.replace(b"Is it so?", b"Is it \x93so\x94?")
    overlong = base.replace(b'id = "hostile"', b'id = "..\xc0\xafevil"')
    surrogate = base.replace(b"Is it so?", b"Is \xed\xa0\x80 so?")
    utf16 = pack().encode("utf-16")
    bom = b"\xef\xbb\xbf"
    escape = pack(text="\\ud800")
    return [
        _raw("latin1.toml", b"\xe9", latin1, "is not UTF-8 text (byte 0xe9)"),
        _raw("cp1252-quotes.toml", b"\x93", cp1252, "is not UTF-8 text (byte 0x93)"),
        _raw("overlong-slash.toml", b"\xc0", overlong, "is not UTF-8 text (byte 0xc0)"),
        _raw("surrogate-bytes.toml", b"\xed", surrogate, "is not UTF-8 text (byte 0xed)"),
        Entry("utf16.toml", utf16, (1,), "is not UTF-8 text (byte 0xff)"),
        Entry("surrogate-escape.toml", toml(escape), (line_of(escape, "prompt"),), "scalar"),
        Entry("empty.toml", b"", (None,), "is empty"),
        Entry("whitespace-only.toml", b" \n\t\r\n  \n", (None,), "is empty"),
        Entry("bom-only.toml", bom, (None,), "is empty"),
        Entry("bom-twice.toml", bom + bom + base, (1,), "TOML syntax error"),
        Entry("bom-then-valid.toml", bom + base),
    ]


def _nesting() -> list[Entry]:
    arrays = pack(evidence="[" * 30 + '"deep"' + "]" * 30)
    tables = pack(body=question() + "\n[pack.source]\ntitle = " + "{a = " * 30 + "1" + "}" * 30)
    dotted = pack() + "a.b.c.d.e.f.g.h.i.j.k = 1\n"
    return [
        Entry("nested-arrays.toml", toml(arrays), (line_of(arrays, "evidence"),), "evidence[1]"),
        Entry("nested-tables.toml", toml(tables), (line_of(tables, "title = {"),), "string"),
        Entry("dotted-key.toml", toml(dotted), (line_of(dotted, "a.b."),), "dotted key"),
    ]


def _huge_integer() -> Entry:
    # tomllib reads a decimal integer with int(), which refuses more digits than
    # Python's limit (sys.get_int_max_str_digits()) with a ValueError.
    text = pack(body=question("n", kind='"number"', answer="9" * 4_301))
    return Entry("huge-integer.toml", toml(text), (line_of(text, "answer ="),), "4,300 digits")


def _too_long() -> Entry:
    text = (
        "format = 1\n\n[pack]\n"
        f'id = "{"a" * 65}"\n'
        f'title = "{"t" * 201}"\n'
        f'description = "{"d" * 1001}"\n\n'
        "[pack.source]\n"
        f'title = "{"s" * 201}"\n'
        f'publisher = "{"p" * 201}"\n'
        f'url = "https://example.com/{"u" * 500}"\n'
        + question(
            "q" * 65,
            "w" * 501,
            kind='"choice"',
            choices=f'["{"c" * 201}", "short"]',
            answer='"short"',
            evidence=f'["{"e" * 1001}"]',
            explanation=f'"{"x" * 2001}"',
            tags=f'["{"g" * 33}"]',
        )
        + question("n", kind='"number"', answer="1", unit=f'"{"u" * 31}"', explanation='"Why."')
    )
    keys = ("id", "title =", "description", "title =", "publisher", "url", "id", "prompt")
    nth = {"title =": 0}
    lines: list[int | None] = []
    for key in keys:
        nth[key] = nth.get(key, 0) + 1
        lines.append(line_of(text, f"\n{key}", nth[key]) + 1)
    for key in ("choices", "evidence", "explanation", "tags", "unit"):
        lines.append(line_of(text, f"\n{key}") + 1)
    return Entry("too-long.toml", toml(text), tuple(lines), "is longer than")


def marked(text: str) -> tuple[int, ...]:
    """The lines expected to hold problems: one ``!`` in a line's comment per problem."""
    return tuple(
        number
        for number, line in enumerate(text.split("\n"), start=1)
        for _ in range(line.partition("#")[2].count("!"))
    )


def _wrong_types() -> list[Entry]:
    header = """format = "1"  # !

[pack]
id = 5  # !
title = ["x"]  # !
description = 1.5  # !
source = "str"  # !
""" + question()
    questions = """format = 1

[pack]
id = "types"
title = "T"

[[questions]]
id = 1  # !
kind = 2  # !
prompt = 3  # !
answer = true
evidence = "e"  # !
explanation = {a = 1}  # !
difficulty = "2"  # !
tags = "x"  # !

[[questions]]
id = "c"
kind = "choice"
prompt = "P"
choices = [1, 2]  # ! choices[1], ! choices[2], ! fewer than 2
answer = true  # !
evidence = [1]  # !
explanation = "x"

[[questions]]
id = "n"
kind = "number"
prompt = "P"
answer = "3"  # !
tolerance = "1"  # !
unit = 1  # !
evidence = ["e"]
explanation = "x"

[[questions]]
id = "i"
kind = "number"
prompt = "P"
answer = inf  # !
tolerance = nan  # !
evidence = ["e"]
explanation = "x"

[[questions]]
id = "d"
kind = "verdict"
prompt = "P"
answer = 1979-05-27T07:32:00Z  # !
difficulty = 1979-05-27  # !
evidence = ["e"]
explanation = "x"
"""
    return [
        Entry("wrong-types-header.toml", toml(header), marked(header), "must be"),
        Entry("wrong-types-questions.toml", toml(questions), marked(questions), "must be"),
        Entry(
            "questions-as-table.toml",
            toml(pack(body='\n[questions]\nid = "q"\n')),
            (7,),
            "array of [[questions]] tables",
        ),
        Entry(
            "pack-as-array.toml",
            toml('format = 1\n\n[[pack]]\nid = "x"\n' + question()),
            (3,),
            "must be a table",
        ),
        Entry(
            "duplicate-keys.toml",
            toml(pack().replace('title = "Hostile"\n', 'title = "A"\ntitle = "B"\n')),
            (6,),
            "TOML syntax error",
        ),
    ]


def _ids() -> list[Entry]:
    """Pack and question ids that would name a path outside the pack folder."""
    entries = []
    for name, value in (
        ("id-dotdot-evil.toml", "../../evil"),
        ("id-slash.toml", "a/b"),
        ("id-dotdot.toml", ".."),
        ("id-dot.toml", "."),
        ("id-absolute.toml", "/etc/passwd"),
        ("id-backslash.toml", "..\\\\..\\\\evil"),
        ("id-nul.toml", "evil\\u0000"),
        ("id-tilde.toml", "~root"),
        ("id-file-name.toml", "evil.toml"),
        ("id-fraction-slash.toml", "a\\u2215b"),
        ("id-fullwidth-dots.toml", "\\uff0e\\uff0e\\uff0fevil"),
        ("id-empty.toml", ""),
    ):
        text = pack(value)
        entries.append(Entry(name, toml(text), (line_of(text, "id ="),), "pack.id"))
    text = pack(qid="../q")
    entries.append(Entry("question-id-dotdot.toml", toml(text), (line_of(text, 'id = "../q'),)))
    text = pack("evil\\n")
    entries.append(
        Entry(
            "id-trailing-newline.toml",
            toml(text),
            (line_of(text, "id ="),),
            "pack.id",
        )
    )
    return entries


def _text_names() -> list[Entry]:
    """Source text names that would reach a file outside the pack's folder, or hide one."""
    entries = []
    for name, value in (
        ("text-dotdot-evil.toml", "../../evil.txt"),
        ("text-absolute.toml", "/etc/passwd"),
        ("text-slash.toml", "notes/evil.txt"),
        ("text-backslash.toml", "..\\\\..\\\\evil.txt"),
        ("text-drive.toml", "C:evil.txt"),
        ("text-dotdot.toml", ".."),
        ("text-dot.toml", "."),
        ("text-hidden.toml", ".packs-cache.json"),
        ("text-nul.toml", "evil.txt\\u0000"),
        ("text-escape.toml", "evil\\u001b]0;pwned\\u0007.txt"),
        ("text-newline.toml", "evil\\n.txt"),
        ("text-empty.toml", ""),
    ):
        text = pack(body=f'\n[pack.source]\ntitle = "S"\ntext = "{value}"\n' + question())
        entries.append(Entry(name, toml(text), (line_of(text, "text ="),), "pack.source.text"))
    return entries


def committed() -> list[Entry]:
    """Every entry kept in ``corpus/``."""
    entries = [
        _markup(),
        _controls(),
        _raw_unicode_controls(),
        _crlf_and_tabs(),
        *_raw_entries(),
        *_encodings(),
        *_nesting(),
        _huge_integer(),
        _too_long(),
        *_wrong_types(),
        *_ids(),
        *_text_names(),
    ]
    names = [entry.name for entry in entries]
    assert len(set(names)) == len(names), "two corpus entries share a file name"
    return entries


TRAVERSAL = {entry.name for entry in (*_ids(), *_text_names())}
GENERATED = (
    "huge-prompt.toml",
    "over-size-limit.toml",
    "nested-100k.toml",
    "nested-with-comments.toml",
    "nested-inline-tables.toml",
    "dotted-100k.toml",
    "symlink.toml",
    "symlink-outside.toml",
    "symlink-dangling.toml",
    "fifo.toml",
    "folder.toml",
)


def generated(folder: Path) -> list[tuple[Path, Entry]]:
    """Entries too large or too special to commit, made in ``folder``.

    Returns:
        Each file made, with its entry (whose ``data`` is empty: read the file).
    """
    folder.mkdir(parents=True, exist_ok=True)
    made: list[tuple[Path, Entry]] = []

    def write(name: str, text: str | bytes, entry: Entry) -> None:
        path = folder / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        made.append((path, entry))

    big = "w" * (3 * 1024 * 1024)
    text = pack(text=big)
    write("huge-prompt.toml", text, Entry("", b"", (line_of(text, "prompt"),), "longer than 500"))
    write("over-size-limit.toml", b"#" * (4 * 1024 * 1024 + 1), Entry("", b"", (None,), "larger"))
    depth = 100_000
    text = pack() + "x = " + "[" * depth + "]" * depth + "\n"
    write("nested-100k.toml", text, Entry("", b"", (line_of(text, "x = "),), "nested"))
    # Comments or keys between the brackets hide the nesting from the pattern
    # that finds its line, so these errors are located by the file only.
    text = pack() + "x = " + "[ # c\n" * 3000 + "]" * 3000 + "\n"
    write("nested-with-comments.toml", text, Entry("", b"", (None,), "nested"))
    text = pack() + "x = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n"
    write("nested-inline-tables.toml", text, Entry("", b"", (None,), "nested"))
    text = pack() + ".".join(["k"] * 100_000) + " = 1\n"
    write("dotted-100k.toml", text, Entry("", b"", (line_of(text, "k.k"),), "dotted key"))

    target = folder / "target.toml"
    target.write_text(pack("link-target"), "utf-8")
    for name, points_to in (
        ("symlink.toml", target),
        ("symlink-outside.toml", Path("/etc/passwd")),
        ("symlink-dangling.toml", folder / "missing.toml"),
    ):
        (folder / name).symlink_to(points_to)
        made.append((folder / name, Entry("", b"", (None,), "symbolic link")))
    fifo = folder / "fifo.toml"
    os.mkfifo(fifo)
    made.append((fifo, Entry("", b"", (None,), "not a regular file")))
    (folder / "folder.toml").mkdir()
    made.append((folder / "folder.toml", Entry("", b"", (None,), "is a folder, not a file")))
    return made


def write_corpus(folder: Path = CORPUS) -> None:
    """Rewrite the corpus files from :func:`committed`."""
    folder.mkdir(exist_ok=True)
    for stale in folder.glob("*.toml"):
        stale.unlink()
    for entry in committed():
        (folder / entry.name).write_bytes(entry.data)


if __name__ == "__main__":
    write_corpus(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS)
