"""The pack catalogue: summaries reused while files are unchanged, never trusted blindly."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from quiz.store import packs as packs_module
from quiz.store.catalog import CACHE_FILE, Catalog

ROOT = Path(__file__).resolve().parents[2]
BUILTIN = ROOT / "questions" / "iran-quds-force-iraq.toml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    packs = tmp_path / "packs"
    packs.mkdir()
    shutil.copy(BUILTIN, packs / "article.toml")
    (packs / "broken.toml").write_text("format = 1\n[pack\n", "utf-8")
    return packs


def count_loads(monkeypatch) -> list[Path]:
    loaded: list[Path] = []
    real = packs_module.load_pack

    def spy(path):
        loaded.append(path)
        return real(path)

    monkeypatch.setattr(packs_module, "load_pack", spy)
    return loaded


def test_a_second_listing_reuses_the_cache_and_parses_nothing(folder, tmp_path, monkeypatch):
    cache = tmp_path / CACHE_FILE
    first = Catalog(cache)
    entries = first.entries(folder, builtin=False)
    first.save()
    assert [(e.id, e.summary.questions, e.error is None) for e in entries] == [
        ("iran-quds-force-iraq", 46, True),
        ("broken", 0, False),
    ]
    loaded = count_loads(monkeypatch)
    again = Catalog(cache).entries(folder, builtin=False)
    assert loaded == []
    assert [e.summary for e in again] == [e.summary for e in entries]
    assert again[0].pack is not None and len(again[0].pack.questions) == 46
    assert loaded == [folder / "article.toml"]


def test_a_changed_file_is_parsed_again(folder, tmp_path, monkeypatch):
    cache = tmp_path / CACHE_FILE
    catalog = Catalog(cache)
    catalog.entries(folder, builtin=False)
    catalog.save()
    path = folder / "article.toml"
    path.write_text(path.read_text("utf-8").replace("Iran's Quds Force", "Edited"), "utf-8")
    os.utime(path, ns=(1, 1))
    loaded = count_loads(monkeypatch)
    [entry, _] = Catalog(cache).entries(folder, builtin=False)
    assert loaded == [path]
    assert entry.summary.title.startswith("Edited")


@pytest.mark.parametrize(
    "damage",
    [
        b"not json at all [",
        b"\xff\xfe garbage",
        b"[1, 2]",
        b"[" * 100_000,
        b'{"format": 1, "version": "0.0.0-other", "packs": {}}',
        b'{"format": 1, "version": "VERSION", "packs": 3}',
        b'{"format": 1, "version": "VERSION", "packs": {"x": NaN}}',
    ],
)
def test_a_damaged_or_foreign_cache_is_ignored(folder, tmp_path, monkeypatch, damage):
    from quiz import __version__

    cache = tmp_path / CACHE_FILE
    cache.write_bytes(damage.replace(b"VERSION", __version__.encode()))
    loaded = count_loads(monkeypatch)
    entries = Catalog(cache).entries(folder, builtin=False)
    assert len(loaded) == 2 and entries[0].summary.questions == 46


def test_cached_text_is_cleaned_like_pack_text(folder, tmp_path):
    cache = tmp_path / CACHE_FILE
    catalog = Catalog(cache)
    catalog.entries(folder, builtin=False)
    catalog.save()
    text = cache.read_text("utf-8").replace(
        "Iran's Quds Force", "Evil \\u001b]0;pwned\\u0007 \\u202e title"
    )
    cache.write_text(text, "utf-8")
    [entry, _] = Catalog(cache).entries(folder, builtin=False)
    assert entry.summary.title.startswith("Evil ]0;pwned  title".replace("  ", " "))
    assert "\x1b" not in entry.summary.title and "\u202e" not in entry.summary.title


def test_a_pack_broken_after_listing_is_reported_broken_when_loaded(folder, tmp_path):
    [entry, _] = Catalog(None).entries(folder, builtin=False)
    entry._pack = None
    (folder / "article.toml").write_text("format = 1\n", "utf-8")
    assert entry.pack is None
    assert entry.error is not None and "article.toml" in entry.error


def test_the_cache_of_an_older_version_is_removed_when_the_new_one_is_written(folder, tmp_path):
    from quiz.store.catalog import OLD_CACHE_FILE

    (tmp_path / OLD_CACHE_FILE).write_text("format = 1\n", "utf-8")
    catalog = Catalog(tmp_path / CACHE_FILE)
    catalog.entries(folder, builtin=False)
    catalog.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packs", CACHE_FILE]


def test_cached_text_is_held_to_a_sensible_length(folder, tmp_path):
    cache = tmp_path / CACHE_FILE
    catalog = Catalog(cache)
    catalog.entries(folder, builtin=False)
    catalog.save()
    text = cache.read_text("utf-8").replace("Iran's Quds Force", "\u4e2d" * 300_000)
    cache.write_text(text, "utf-8")
    [entry, _] = Catalog(cache).entries(folder, builtin=False)
    assert 200 < len(entry.summary.title) <= 5_000


def test_a_summary_carries_the_description_and_the_source(folder, tmp_path):
    path = folder / "article.toml"
    text = path.read_text("utf-8").replace(
        'publisher = "The Daily Beast"\n',
        'publisher = "The Daily Beast"\nurl = "https://example.org/a"\ndate = 2014-09-25\n',
    )
    path.write_text(text, "utf-8")
    cache = tmp_path / CACHE_FILE
    catalog = Catalog(cache)
    [fresh, _] = catalog.entries(folder, builtin=False)
    catalog.save()

    [cached, _] = Catalog(cache).entries(folder, builtin=False)

    summary = fresh.summary
    assert summary.description.startswith("Fact-check claims against one news report")
    assert (
        summary.source == "Iran Orders Elite Troops: Lay Off U.S. Forces in Iraq (The Daily Beast)"
    )
    assert summary.source_title == "Iran Orders Elite Troops: Lay Off U.S. Forces in Iraq"
    assert (summary.source_publisher, summary.source_date, summary.source_url) == (
        "The Daily Beast",
        "2014-09-25",
        "https://example.org/a",
    )
    assert summary.source_text == "iran-quds-force-iraq.txt"
    assert cached.summary == summary and cached._pack is None


def test_a_pack_without_a_source_has_none_of_its_fields(folder):
    path = folder / "article.toml"
    text = path.read_text("utf-8")
    start, end = text.index("[pack.source]"), text.index("[[questions]]")
    path.write_text(text[:start] + text[end:], "utf-8")

    [entry, broken] = Catalog(None).entries(folder, builtin=False)

    assert entry.summary.source is None and entry.summary.source_title is None
    assert entry.summary.source_text is None and entry.summary.source_date is None
    assert broken.summary.description == "" and broken.summary.source_text is None


def test_a_cache_of_the_former_layout_is_ignored(folder, tmp_path, monkeypatch):
    from quiz.store.catalog import CACHE_FORMAT

    cache = tmp_path / CACHE_FILE
    catalog = Catalog(cache)
    catalog.entries(folder, builtin=False)
    catalog.save()
    document = json.loads(cache.read_text("utf-8"))
    assert document["format"] == CACHE_FORMAT == 2
    # What the game wrote before summaries had a description and the source's parts.
    document["format"] = 1
    for entry in document["packs"].values():
        for key in list(entry):
            if key == "description" or key.startswith("source_"):
                del entry[key]
    cache.write_text(json.dumps(document), "utf-8")
    loaded = count_loads(monkeypatch)

    entries = Catalog(cache).entries(folder, builtin=False)

    assert len(loaded) == 2
    assert entries[0].summary.source_text == "iran-quds-force-iraq.txt"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("description", None),
        ("description", 3),
        ("source_title", ["x"]),
        ("source_publisher", 1),
        ("source_date", 20140925),
        ("source_date", "25 September 2014"),
        ("source_date", "2014-09-25T00:00"),
        ("source_url", {"href": "x"}),
        ("source_text", True),
    ],
)
def test_a_cached_summary_with_a_field_of_the_wrong_type_is_parsed_again(
    folder, tmp_path, monkeypatch, key, value
):
    cache = tmp_path / CACHE_FILE
    catalog = Catalog(cache)
    catalog.entries(folder, builtin=False)
    catalog.save()
    document = json.loads(cache.read_text("utf-8"))
    [article] = [entry for entry in document["packs"].values() if "error" not in entry]
    article[key] = value
    cache.write_text(json.dumps(document), "utf-8")
    loaded = count_loads(monkeypatch)

    [entry, _] = Catalog(cache).entries(folder, builtin=False)

    assert loaded == [folder / "article.toml"]
    assert entry.summary.source_text == "iran-quds-force-iraq.txt"


def test_cached_source_fields_are_cleaned_like_pack_text(folder, tmp_path):
    cache = tmp_path / CACHE_FILE
    catalog = Catalog(cache)
    catalog.entries(folder, builtin=False)
    catalog.save()
    document = json.loads(cache.read_text("utf-8"))
    [article] = [entry for entry in document["packs"].values() if "error" not in entry]
    article["source_url"] = "https://x\u001b]8;;evil\u0007"
    article["description"] = "two\nlines \u202e\u001b[2J"
    cache.write_text(json.dumps(document), "utf-8")

    [entry, _] = Catalog(cache).entries(folder, builtin=False)

    assert entry.summary.source_url == "https://x]8;;evil"
    assert entry.summary.description == "two\nlines [2J"


def test_a_pack_holding_an_integer_too_long_for_python_is_listed_as_broken(folder):
    (folder / "huge.toml").write_text("format = 1" + "0" * 5_000 + "\n", "utf-8")

    entries = Catalog(None).entries(folder, builtin=False)

    [huge] = [entry for entry in entries if entry.path.name == "huge.toml"]
    assert huge.pack is None and huge.error is not None
    assert f"{folder / 'huge.toml'}:1: format: is an integer of more than" in huge.error
