"""``quiz new SOURCE.txt [--id ID]``: start a pack from an article.

Writes ``SOURCE.toml`` beside the text: ``format``, ``[pack]`` and
``[pack.source]`` with what the text tells (its headline, its file name),
one commented example of each kind of question quoting the text itself, and
the text's paragraphs, numbered as the game's reader numbers them, in a
comment block to copy quotes from. The tables are written by ``tomli-w``,
so every value is valid TOML however the article is punctuated. An existing
file is never overwritten. ``quiz check`` on the skeleton then lists what is
left to fill: the title, and the questions.
"""

from __future__ import annotations

import re
from argparse import Namespace
from pathlib import Path
from typing import Any

import tomli_w

from quiz.cli.output import say, warn
from quiz.model.article import Article, ArticleError
from quiz.model.pack import LIMITS, SLUG, file_name_problem, format_number, parse_number
from quiz.model.validate import QUESTION_FIELDS
from quiz.store.files import write_new
from quiz.store.packs import StoreError, read_source_text

USAGE_ERROR = 2
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d\u2019)]))\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])"
)
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")

_HEAD = """\
# A question pack about {text}, started by `quiz new`.
# 1. Fill in what is empty below (`quiz check` lists it).
# 2. Write your questions. The three examples below show each kind: copy one,
#    remove the "# " before each of its lines, and change every value.
#    Quote the article word for word; its paragraphs are at the end of this file.
# 3. Run `quiz check {pack}` until it says ok, and read its warnings:
#    they say how a player could guess an answer without reading the article.
#
# From a clone of the game's repository, type `uv run quiz` for `quiz`, in its
# folder. The authors' guide (questions/README.md) explains every field.

"""

_OPTIONAL_SOURCE = """\
# Optional, under [pack.source]: publisher = "…", url = "https://…",
# date = 2025-03-17 (a TOML date, without quotes).
"""

_EXAMPLES = (
    (
        "A verdict: is the claim supported by the article, contradicted by it, or not\n"
        "stated? answer is one of: supported, contradicted, not-stated. Say the claim\n"
        "in your own words; a contradicted claim changes a detail (a date, a name, a\n"
        "number), a not-stated one is an inference the article stops short of.",
        {
            "id": "claim-1",
            "kind": "verdict",
            "prompt": "A claim about the article, in your own words.",
            "answer": "supported",
            "explanation": "Why the article supports the claim, in a sentence or two.",
            "difficulty": 1,
        },
    ),
    (
        "A choice: 2 to 6 choices, shown shuffled; answer is the right one's text, exactly.",
        {
            "id": "choice-1",
            "kind": "choice",
            "prompt": "A question with one right answer?",
            "answer": "The right answer",
            "choices": ["The right answer", "A wrong answer", "Another wrong answer"],
            "explanation": "Why that answer is right and the others are not.",
            "difficulty": 2,
            "tags": ["sourcing"],
        },
    ),
    (
        'A number: answer is a TOML number (1600, not "1,600"); tolerance is how far off\n'
        "an answer may be and still count; unit is shown after the number.",
        {
            "id": "number-1",
            "kind": "number",
            "prompt": "A question whose answer is a number?",
            "answer": 0,
            "tolerance": 0,
            "unit": "",
            "explanation": "Where the number comes from.",
            "difficulty": 1,
        },
    ),
)


def run(source: Path, pack_id: str | None = None) -> int:
    """Write a pack skeleton beside a source text.

    Args:
        source: The article as UTF-8 text.
        pack_id: The pack's id; by default made from the text's file name.

    Returns:
        0 when the skeleton was written, 1 when it was not (the text cannot
        be read, or the pack file exists), 2 when the arguments are wrong.
    """
    problem = _name_problem(source)
    if problem is None and pack_id is not None and not SLUG.match(pack_id):
        problem = (
            f"--id {pack_id!r} is not a slug: use lowercase letters, digits and single "
            f"hyphens, at most {LIMITS['id']} characters"
        )
    if problem is not None:
        warn(f"quiz new: {problem}")
        return USAGE_ERROR
    target = source.with_suffix(".toml")
    if target.exists() or target.is_symlink():
        warn(f"quiz new: {target} already exists; nothing was written")
        return 1
    try:
        article = Article.parse(read_source_text(source))
    except (StoreError, ArticleError) as error:
        warn(f"quiz new: {source}: {error}" if isinstance(error, ArticleError) else str(error))
        return 1
    if not any(not paragraph.heading for paragraph in article.paragraphs):
        warn(f"quiz new: {source}: has no paragraph to quote, only headings")
        return 1
    text = skeleton(article, source.name, target.name, pack_id or slug_of(source.stem))
    try:
        write_new(target, text.encode("utf-8"))
    except FileExistsError:
        warn(f"quiz new: {target} already exists; nothing was written")
        return 1
    say(f"wrote {target}: run 'quiz check {target}' to see what is left to fill in")
    return 0


def skeleton(article: Article, text_name: str, pack_name: str, pack_id: str) -> str:
    """The pack file ``quiz new`` writes for an article.

    Args:
        article: The source text, in paragraphs.
        text_name: The text's file name, for ``[pack.source] text``.
        pack_name: The pack file's name, for the instructions.
        pack_id: The pack's id.

    Returns:
        The whole file: valid TOML that ``quiz check`` reports as unfinished.
    """
    header = {
        "format": 1,
        "pack": {
            "id": pack_id,
            "title": "",
            "source": {"title": article.title, "text": text_name},
        },
    }
    parts = [_HEAD.format(text=text_name, pack=pack_name), tomli_w.dumps(header), _OPTIONAL_SOURCE]
    quotes = _example_quotes(article)
    for (note, example), quote in zip(_EXAMPLES, quotes, strict=True):
        filled: dict[str, Any] = {**example, "evidence": [quote]}
        if filled["kind"] == "number":
            filled["answer"] = _first_number(quote)
        # In the order the guide lists the fields.
        question = {key: filled[key] for key in QUESTION_FIELDS if key in filled}
        parts.append("\n" + _commented(note) + _commented(tomli_w.dumps({"questions": [question]})))
    parts.append("\n" + _paragraphs(article))
    return "".join(parts)


def slug_of(name: str) -> str:
    """A pack id made from a file name: ``Riverside (2025)`` gives ``riverside-2025``."""
    slug = _NOT_SLUG.sub("-", name.lower()).strip("-")[: LIMITS["id"]].strip("-")
    return slug or "new-pack"


def _name_problem(source: Path) -> str | None:
    """Why a source file's name cannot be a pack's ``[pack.source] text``, if it cannot."""
    problem = file_name_problem(source.name)
    if problem is not None:
        return f"{source}: the text's file name {problem}"
    if source.suffix.lower() == ".toml":
        return f"{source}: give the article a name that does not end in .toml, such as .txt"
    return None


def _sentences(article: Article) -> list[str]:
    """The body's sentences, in order, short enough to quote."""
    found = []
    for paragraph in article.paragraphs:
        if paragraph.heading:
            continue
        for sentence in _SENTENCE_END.split(paragraph.text):
            if sentence.strip() and len(sentence) <= LIMITS["evidence"]:
                found.append(sentence.strip())
    return found or [article.paragraphs[-1].text[: LIMITS["evidence"]]]


def _example_quotes(article: Article) -> tuple[str, str, str]:
    """A real quote for each example (the number's holds a number when the text has one)."""
    sentences = _sentences(article)
    first = sentences[0]
    second = sentences[1] if len(sentences) > 1 else first
    numbered = next((s for s in sentences if _NUMBER.search(s)), first)
    return first, second, numbered


def _first_number(quote: str) -> float | int:
    match = _NUMBER.search(quote)
    value = parse_number(match.group()) if match else None
    if value is None:
        return 0
    return int(value) if value.is_integer() and format_number(value) == str(int(value)) else value


def _commented(text: str) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in text.splitlines())


def _paragraphs(article: Article) -> str:
    """The source in a comment block: one paragraph a line, numbered as the reader shows it."""
    lines = ["The source, one paragraph a line, numbered as the game's reader numbers them.", ""]
    for index, paragraph in enumerate(article.paragraphs):
        label = f"[{paragraph.number}]"
        if paragraph.heading:
            label = "headline:" if index == 0 else "heading:"
        lines.append(f"{label} {paragraph.text}")
    return _commented("\n".join(lines))


def main(args: Namespace, folder: Path) -> int:
    """``quiz new``, from the parsed command line (it uses no data folder).

    Returns:
        The exit code.
    """
    return run(args.source, args.id)
