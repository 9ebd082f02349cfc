"""``quiz packs [--json]``: every installed pack, as a table or as JSON.

Built-in packs come first, then the player's own; a user pack that no longer
loads is listed as broken with its first error rather than left out. A listing
of what is installed reads no player's file: how the rounds went is ``quiz
scores``.
"""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from quiz.model.text import clean_line
from quiz.store import paths
from quiz.store.catalog import CACHE_FILE, Catalog, PackEntry
from quiz.table_look import Listing, cells, new_table, show


def run(folder: Path, *, as_json: bool = False, builtin_dir: Path | None = None) -> int:
    """List the installed packs.

    Args:
        folder: The data folder.
        as_json: Print a JSON list for scripts instead of a table.
        builtin_dir: The built-in packs; the game's own folder by default.

    Returns:
        0.
    """
    # The game keeps the cache of pack summaries; a listing only reads it.
    catalog = Catalog(folder / CACHE_FILE)
    entries = catalog.entries(builtin_dir or paths.builtin_packs_dir(), builtin=True)
    entries += catalog.entries(paths.user_packs_dir(folder), builtin=False)
    rows = [row(entry) for entry in entries]
    if as_json:
        print(json.dumps(rows, indent=2))
    else:
        _print_table(rows, paths.user_packs_dir(folder))
    return 0


def row(entry: PackEntry) -> dict[str, Any]:
    """One pack as plain data: the JSON object, and the source of a table row.

    Args:
        entry: The pack, loaded or broken.

    Returns:
        ``id``, ``title``, ``description``, ``questions``, ``source`` (an
        object of ``title``, ``publisher``, ``date`` as ``YYYY-MM-DD``,
        ``url`` and ``text``, the file name of the source text beside the
        pack; absent ones are None; or None when the pack names no source),
        ``builtin``, ``path`` and ``error`` (None unless the pack is broken). A broken pack has None
        for everything it would take loading it to know.
    """
    summary = entry.summary
    loaded = summary.error is None
    source = None
    if loaded and summary.source_title is not None:
        source = {
            "title": summary.source_title,
            "publisher": summary.source_publisher,
            "date": summary.source_date,
            "url": summary.source_url,
            "text": summary.source_text,
        }
    return {
        "id": entry.id,
        "title": summary.title if loaded else None,
        "description": summary.description if loaded else None,
        "questions": summary.questions if loaded else None,
        "source": source,
        "builtin": entry.builtin,
        "path": str(entry.path),
        "error": entry.error,
    }


def _print_table(rows: list[dict[str, Any]], user_folder: Path) -> None:
    builtin = [item for item in rows if item["builtin"]]
    mine = [item for item in rows if not item["builtin"]]
    tables: list[RenderableType] = [_table("Built-in packs", builtin)]
    if mine:
        tables.append(_table(f"Your packs, in {user_folder}", mine))
    else:
        tables.append(Text(f"Your packs are kept in {clean_line(str(user_folder))}", style="dim"))
    show(*tables)


def _table(title: str, rows: list[dict[str, Any]]) -> Listing:
    shown = []
    for item in rows:
        broken = item["error"] is not None
        row = cells(item["id"], _broken(item) if broken else item["title"], item["questions"])
        if broken:
            row[1].stylize("red")
        shown.append(row)
    return Listing(lambda: _new_table(title), shown)


def _new_table(title: str) -> Table:
    # A long id or title folds rather than being cut.
    table = new_table(title, "ID", "Title", "Questions", text=2)
    for column in table.columns:
        column.overflow = "fold"
    return table


def _broken(item: dict[str, Any]) -> str:
    """A broken pack's first error, without the path that makes the table unreadable."""
    detail = str(item["error"]).removeprefix(item["path"])
    if detail[:1] == ":" and detail[1:2].isdigit():
        return f"broken: line {detail[1:]}"
    return f"broken: {detail.lstrip(': ')}"


def main(args: Namespace, folder: Path) -> int:
    """``quiz packs``, from the parsed command line.

    Returns:
        The exit code.
    """
    return run(folder, as_json=args.json)
