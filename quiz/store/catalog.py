"""The installed packs, listed without parsing every pack at every start.

Each file's summary (id, title, description, question count, source, or its
first error) is kept in ``packs-cache.json`` in the data folder, keyed by the
file's path, size, times and inode; a pack is parsed only when it is new or
changed, or when it is played. JSON, because Python reads it many times faster
than TOML. The cache is only a cache: it is checked as strictly as any input,
ignored whole when it is damaged or was written by another version of the
game, and losing it costs one slow start.

What pays for it: the rows "home screen visible in a pty, 10-year history"
(100 packs of 20 questions) and "`quiz packs`" of ``tests/benchmarks/run.py``,
whose budgets a listing that validates every pack misses by far. The pack reader
(:mod:`quiz.store.packs`, with the validator and the TOML parser behind it)
and the pack model (:mod:`quiz.model.pack`) are imported when a pack is first
parsed, not at start: the home screen row pays for the reader, and the
"`quiz packs`" row, which parses no pack when the cache answers, for the model
(docs/performance.md).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from quiz import __version__
from quiz.model.text import clean_line, clean_text
from quiz.store.files import open_cache, write_atomic

if TYPE_CHECKING:
    from quiz.model.pack import Pack

CACHE_FILE = "packs-cache.json"
CACHE_FORMAT = 2
"""Raised whenever a summary gains or changes a field: a cache laid out otherwise is ignored."""
_MOST = 5_000
"""Characters kept of one cached text: more than any title or source a pack may have,
or a first error with its file's path."""
OLD_CACHE_FILE = "packs-cache.toml"
"""The former name of the cache (it was TOML), removed when the new one is written."""
MAX_CACHE_BYTES = 4 * 1024 * 1024


class PackSummary(NamedTuple):
    """What a pack list shows of a pack, without its questions.

    Attributes:
        id: The pack's id, or the file's name for a broken pack.
        title: The pack's title ("" when broken).
        questions: How many questions it has.
        source: The source as a one-line citation (``Source.describe``).
        error: The pack's first problem, or None when it loads.
        description: The pack's description, possibly empty.
        source_title: The source's headline.
        source_publisher: Who published it.
        source_date: The day it was published, as ISO 8601 text (``2014-09-25``).
        source_url: Where to read it, as text.
        source_text: The file name of its plain text, beside the pack file.
    """

    id: str
    title: str
    questions: int
    source: str | None = None
    error: str | None = None
    description: str = ""
    source_title: str | None = None
    source_publisher: str | None = None
    source_date: str | None = None
    source_url: str | None = None
    source_text: str | None = None

    @classmethod
    def of(cls, pack: Pack) -> PackSummary:
        """Summarise a loaded pack."""
        source = pack.source
        if source is None:
            return cls(pack.id, pack.title, len(pack.questions), description=pack.description)
        return cls(
            pack.id,
            pack.title,
            len(pack.questions),
            source.describe(),
            description=pack.description,
            source_title=source.title,
            source_publisher=source.publisher or None,
            source_date=source.date.isoformat() if source.date is not None else None,
            source_url=source.url,
            source_text=source.text,
        )


class PackEntry:
    """An installed pack: its summary, and the pack itself once it is needed."""

    __slots__ = ("path", "builtin", "summary", "_pack")

    def __init__(
        self, path: Path, builtin: bool, summary: PackSummary, pack: Pack | None = None
    ) -> None:
        """Create an entry; ``pack`` when it is already loaded."""
        self.path = path
        self.builtin = builtin
        self.summary = summary
        self._pack = pack

    def __repr__(self) -> str:
        return f"PackEntry({str(self.path)!r}, builtin={self.builtin}, {self.summary!r})"

    @property
    def id(self) -> str:
        """The pack's id, or the file's name for a broken pack."""
        return self.summary.id

    @property
    def error(self) -> str | None:
        """The pack's first problem, or None when it loads."""
        return self.summary.error

    @property
    def pack(self) -> Pack | None:
        """The validated pack, loaded on first use; None for a broken pack."""
        if self._pack is None and self.summary.error is None:
            from quiz.model.pack import PackError  # see the module docstring
            from quiz.store.packs import load_pack

            try:
                self._pack = load_pack(self.path)
            except PackError as error:
                # Changed since it was listed: from now on it is listed as broken.
                self.summary = PackSummary(self.path.stem, "", 0, None, str(error.problems[0]))
            else:
                # The file decides, not a summary that may have gone stale.
                self.summary = PackSummary.of(self._pack)
        return self._pack


class Catalog:
    """Lists pack folders, reusing the summaries of files that did not change."""

    def __init__(self, cache_path: Path | None) -> None:
        """Read the cache, if there is a usable one.

        Args:
            cache_path: The cache file, or None to parse every pack every time.
        """
        self.cache_path = cache_path
        self._cached = _read_cache(cache_path) if cache_path is not None else {}
        self._fresh: dict[str, dict[str, Any]] = {}
        self._changed = False

    def entries(self, folder: Path, *, builtin: bool) -> list[PackEntry]:
        """Every ``*.toml`` pack in a folder, sorted by file name; broken ones included."""
        try:
            with os.scandir(folder) as found:
                # As Path.glob("*.toml") matches: any name, hidden ones too, and without
                # regard to case where the system's file names have none.
                names = sorted(
                    item.name for item in found if os.path.normcase(item.name).endswith(".toml")
                )
        except OSError:
            return []
        # Files are read, never followed: the folder's real path and a name make the key.
        real = str(folder.resolve(strict=False))
        return [
            entry
            for name in names
            if (entry := self._entry(folder / name, os.path.join(real, name), builtin)) is not None
        ]

    def _entry(self, path: Path, key: str, builtin: bool) -> PackEntry | None:
        try:
            info = path.lstat()
        except OSError:
            return None
        # ctime cannot be set back by copying tools (cp -p, rsync -t, touch -r), unlike mtime.
        stamp = {
            "size": info.st_size,
            "mtime_ns": info.st_mtime_ns,
            "ctime_ns": info.st_ctime_ns,
            "inode": info.st_ino,
        }
        cached = self._cached.get(key)
        if cached is not None and all(cached.get(k) == v for k, v in stamp.items()):
            summary = _summary(cached)
            if summary is not None:
                self._fresh[key] = cached
                return PackEntry(path, builtin, summary)
        from quiz.model.pack import PackError  # see the module docstring
        from quiz.store.packs import load_pack

        pack = None
        try:
            pack = load_pack(path)
            summary = PackSummary.of(pack)
        except PackError as error:
            summary = PackSummary(path.stem, "", 0, None, str(error.problems[0]))
        known = {k: v for k, v in summary._asdict().items() if v is not None}
        self._fresh[key] = {**stamp, **known}
        self._changed = True
        return PackEntry(path, builtin, summary, pack)

    def save(self) -> None:
        """Write the summaries of the files listed, if any changed; failures only cost speed."""
        unchanged = not self._changed and self._fresh.keys() == self._cached.keys()
        # A listing does not create the data folder just to keep a cache in it.
        if self.cache_path is None or unchanged or not self.cache_path.parent.is_dir():
            return
        document = {"format": CACHE_FORMAT, "version": __version__, "packs": self._fresh}
        try:
            write_atomic(self.cache_path, json.dumps(document, indent=1).encode("utf-8"))
        except OSError:
            return
        with contextlib.suppress(OSError):
            self.cache_path.with_name(OLD_CACHE_FILE).unlink(missing_ok=True)
        self._cached, self._changed = dict(self._fresh), False


def _read_cache(path: Path) -> dict[str, dict[str, Any]]:
    try:
        with open_cache(path, MAX_CACHE_BYTES) as file:
            document = json.loads(file.read())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(document, dict):
        return {}
    packs = document.get("packs")
    if document.get("format") != CACHE_FORMAT or document.get("version") != __version__:
        return {}
    if not isinstance(packs, dict) or not all(isinstance(v, dict) for v in packs.values()):
        return {}
    return packs


_OPTIONAL = (
    "source",
    "error",
    "source_title",
    "source_publisher",
    "source_date",
    "source_url",
    "source_text",
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _summary(data: dict[str, Any]) -> PackSummary | None:
    """A summary from the cache, or None if the entry is not what this module writes."""
    pack_id, title, count = data.get("id"), data.get("title"), data.get("questions")
    description = data.get("description")
    if not isinstance(pack_id, str) or not isinstance(title, str) or type(count) is not int:
        return None
    if not isinstance(description, str):
        return None
    optional: dict[str, str | None] = {}
    for key in _OPTIONAL:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            return None
        # Cached text is shown like pack text, so it is cleaned like pack text, and held to
        # the lengths a pack may have (a summary the game wrote is never longer).
        optional[key] = None if value is None else clean_line(value)[:_MOST]
    date = optional["source_date"]
    if date is not None and not _ISO_DATE.fullmatch(date):
        return None
    return PackSummary(
        clean_line(pack_id)[:_MOST],
        clean_line(title)[:_MOST],
        count,
        description=clean_text(description).strip()[:_MOST],
        **optional,
    )
