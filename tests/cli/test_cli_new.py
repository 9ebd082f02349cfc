"""``quiz new``: a skeleton beside the article, which ``quiz check`` says how to finish."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from quiz.model.article import Article

ARTICLE = (
    "# Riverside Library Reopens\n\n"
    "The library reopened on Monday, eight months after a flood. "
    "Repairs cost $1.2 million, paid mostly by the town\u2019s insurance.\n\n"
    "\u201cWe lost about 4,000 books,\u201d said head librarian Ana Costa. "
    'She said "no" to closing it.\n'
)


def _write_article(files, name="riverside.txt", text=ARTICLE):
    path = files / name
    path.write_text(text, encoding="utf-8")
    return path


def _uncomment_examples(text: str) -> str:
    """Remove the "# " before the example questions' lines, as the skeleton tells the author."""
    head, _, examples = text.partition("# [[questions]]")
    examples = "# [[questions]]" + examples
    lines = [
        line[2:] if re.match(r"# (\[\[questions\]\]|[a-z]+ = |    \"|\])", line) else line
        for line in examples.splitlines()
    ]
    return head + "\n".join(lines) + "\n"


def test_new_writes_a_skeleton_beside_the_source(quiz, files):
    source = _write_article(files)

    result = quiz("new", source)

    pack_file = files / "riverside.toml"
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        f"wrote {pack_file}: run 'quiz check {pack_file}' to see what is left to fill in\n"
    )
    text = pack_file.read_text(encoding="utf-8")
    table = tomllib.loads(text)
    assert table == {
        "format": 1,
        "pack": {
            "id": "riverside",
            "title": "",
            "source": {"title": "Riverside Library Reopens", "text": "riverside.txt"},
        },
    }
    kinds = re.findall(r'^# kind = "(\w+)"$', text, re.MULTILINE)
    assert kinds == ["verdict", "choice", "number"]
    # The paragraphs, numbered as the reader numbers them, ready to copy quotes from.
    body = [p for p in Article.parse(ARTICLE).paragraphs if not p.heading]
    for paragraph in body:
        assert f"# [{paragraph.number}] {paragraph.text}\n" in text
    assert "# headline: Riverside Library Reopens\n" in text


def test_check_on_the_skeleton_says_exactly_what_is_left_to_fill(quiz, files):
    source = _write_article(files)
    quiz("new", source)
    pack_file = files / "riverside.toml"

    result = quiz("check", pack_file)

    assert result.code == 1
    assert result.out.splitlines() == [
        f"{pack_file}:1: questions: the pack has no questions; add a [[questions]] table",
        f"{pack_file}:16: pack.title: is empty",
    ]


def test_new_then_fill_in_then_check_passes(quiz, files):
    source = _write_article(files)
    quiz("new", source, "--id", "riverside-library")
    pack_file = files / "riverside.toml"
    text = pack_file.read_text(encoding="utf-8")

    filled = _uncomment_examples(text.replace('title = ""', 'title = "Riverside reopens"', 1))
    filled = filled.replace(
        "A claim about the article, in your own words.",
        "The library was closed for most of a year.",
    )
    pack_file.write_text(filled, encoding="utf-8")
    result = quiz("check", pack_file)

    assert result.code == 0, result.out
    assert result.out == (f"{pack_file}: ok, 3 questions, 3 quotes found in riverside.txt\n")
    assert tomllib.loads(filled)["pack"]["id"] == "riverside-library"
    number = tomllib.loads(filled)["questions"][2]
    assert (number["kind"], number["answer"]) == ("number", 1.2)


def test_new_never_overwrites_a_file(quiz, files):
    source = _write_article(files)
    existing = files / "riverside.toml"
    existing.write_text("mine", encoding="utf-8")

    result = quiz("new", source)

    assert result.code == 1
    assert result.err == f"quiz new: {existing} already exists; nothing was written\n"
    assert existing.read_text(encoding="utf-8") == "mine"


def test_the_id_is_made_from_the_file_name(quiz, files):
    source = _write_article(files, "Riverside Library (2025).txt")

    assert quiz("new", source).code == 0

    table = tomllib.loads((files / "Riverside Library (2025).toml").read_text("utf-8"))
    assert table["pack"]["id"] == "riverside-library-2025"


def test_a_text_without_a_headline_leaves_the_source_title_to_fill(quiz, files):
    source = _write_article(files, text="Just one paragraph, with no heading.\n")
    quiz("new", source)

    result = quiz("check", files / "riverside.toml")

    assert "pack.source.title: is empty" in result.out


def test_a_bad_id_is_a_usage_error(quiz, files):
    source = _write_article(files)

    result = quiz("new", source, "--id", "Not A Slug")

    assert result.code == 2
    assert result.err.startswith("quiz new: --id 'Not A Slug' is not a slug")
    assert not (files / "riverside.toml").exists()


def test_a_toml_source_is_refused(quiz, files):
    source = _write_article(files, "article.toml")

    result = quiz("new", source)

    assert result.code == 2
    assert "give the article a name that does not end in .toml" in result.err


def test_a_missing_or_unreadable_source_is_one_line(quiz, files):
    missing = quiz("new", files / "missing.txt")
    binary = files / "binary.txt"
    binary.write_bytes(b"\xff\xfe not text")
    unreadable = quiz("new", binary)

    assert missing.code == 1 and len(missing.err.splitlines()) == 1
    assert "missing.txt" in missing.err
    assert unreadable.code == 1 and "UTF-8" in unreadable.err
    assert not (files / "missing.toml").exists() and not (files / "binary.toml").exists()


def test_the_skeleton_names_the_check_command_for_a_clone_and_for_an_installed_tool(quiz, files):
    source = _write_article(files)

    quiz("new", source)

    text = (files / "riverside.toml").read_text(encoding="utf-8")
    comments = " ".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#"))
    # Installed as a tool, the command is `quiz`; from a clone, `uv run quiz` in its
    # folder, as the authors' guide says.
    assert "Run `quiz check riverside.toml` until it says ok" in comments
    assert "From a clone of the game's repository, type `uv run quiz` for `quiz`" in comments
    guide_file = Path(__file__).resolve().parents[2] / "questions" / "README.md"
    guide = " ".join(guide_file.read_text(encoding="utf-8").split())
    assert "From a clone of this repository, run them as `uv run quiz …` in its folder" in guide
