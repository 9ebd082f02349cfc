"""The pack catalogue: summaries reused while files are unchanged, never trusted blindly."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from quiz.model import pack as pack_module
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
    real = pack_module.load_pack

    def spy(path):
        loaded.append(path)
        return real(path)

    # The catalogue imports the loader when it needs it, so the spy goes where it looks.
    monkeypatch.setattr(pack_module, "load_pack", spy)
    return loaded


def test_a_second_listing_reuses_the_cache_and_parses_nothing(folder, tmp_path, monkeypatch):
    cache = tmp_path / CACHE_FILE
    first = Catalog(cache)
    entries = first.entries(folder, builtin=False)
    first.save()
    assert [(e.id, e.summary.questions, e.error is None) for e in entries] == [
        ("iran-quds-force-iraq", 36, True),
        ("broken", 0, False),
    ]
    loaded = count_loads(monkeypatch)
    again = Catalog(cache).entries(folder, builtin=False)
    assert loaded == []
    assert [e.summary for e in again] == [e.summary for e in entries]
    assert again[0].pack is not None and len(again[0].pack.questions) == 36
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
    assert len(loaded) == 2 and entries[0].summary.questions == 36


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
