"""``quiz packs [--json]``: every installed pack, as a table or as JSON.

Built-in packs come first, then the player's own; a user pack that no longer
loads is listed as broken with its first error rather than left out. The
best scores come from every player's file, which is only read.
"""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path
from typing import Any

from rich.text import Text

from quiz.cli.output import warn
from quiz.model.text import clean_line
from quiz.report_tables import cells, new_table, show
from quiz.store import paths
from quiz.store.catalog import CACHE_FILE, Catalog, PackEntry
from quiz.store.progress import read_progress


def run(folder: Path, *, as_json: bool = False, builtin_dir: Path | None = None) -> int:
    """List the installed packs.

    Args:
        folder: The data folder.
        as_json: Print a JSON list for scripts instead of a table.
        builtin_dir: The built-in packs; the game's own folder by default.

    Returns:
        0; a player's file that cannot be read only costs the best scores.
    """
    # The game keeps the cache of pack summaries; a listing only reads it.
    catalog = Catalog(folder / CACHE_FILE)
    entries = catalog.entries(builtin_dir or paths.builtin_packs_dir(), builtin=True)
    entries += catalog.entries(paths.user_packs_dir(folder), builtin=False)
    best, notice = _best_scores(folder)
    rows = [row(entry, best) for entry in entries]
    if as_json:
        print(json.dumps(rows, indent=2))
    else:
        citations = [entry.summary.source if entry.error is None else None for entry in entries]
        _print_table(rows, citations, paths.user_packs_dir(folder))
    if notice:
        warn(f"quiz packs: best scores not shown: {notice}")
    return 0


def _best_scores(folder: Path) -> tuple[dict[str, int] | None, str | None]:
    """The best score on each pack, and None, or None and why they cannot be shown."""
    progress, notice = read_progress(folder, rounds=False)  # best scores are totals
    if progress is None:
        return None, notice
    return progress.best_scores(), None


def row(entry: PackEntry, best: dict[str, int] | None) -> dict[str, Any]:
    """One pack as plain data: the JSON object, and the source of a table row.

    Args:
        entry: The pack, loaded or broken.
        best: The best score on each pack with a finished round, or None when
            the progress could not be read.

    Returns:
        ``id``, ``title``, ``description``, ``questions``, ``source`` (an
        object of ``title``, ``publisher``, ``date`` as ``YYYY-MM-DD``,
        ``url`` and ``text``, the file name of the source text beside the
        pack; absent ones are None; or None when the pack names no source),
        ``builtin``, ``best`` (None until a round is finished), ``path`` and
        ``error`` (None unless the pack is broken). A broken pack has None
        for everything it would take loading it to know.
    """
    summary = entry.summary
    loaded = summary.error is None
    best_score = best.get(summary.id) if best is not None and loaded else None
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
        "best": best_score,
        "path": str(entry.path),
        "error": entry.error,
    }


def _print_table(
    rows: list[dict[str, Any]], citations: list[str | None], user_folder: Path
) -> None:
    table = new_table("", "ID", "Title", "Questions", "Source", "Kind", "Best")
    # Words, save the two figures; a long id, title or source folds rather than being cut.
    for index, column in enumerate(table.columns):
        column.justify = "right" if index in (2, 5) else "left"
        column.overflow = "fold"
        column.no_wrap = index in (2, 4, 5)
    for item, citation in zip(rows, citations, strict=True):
        broken = item["error"] is not None
        title = _broken(item) if broken else item["title"]
        shown = cells(
            item["id"],
            title,
            item["questions"],
            citation or "",
            "built-in" if item["builtin"] else "user",
            item["best"],
        )
        if broken:
            shown[1].stylize("red")
        table.add_row(*shown)
    show(table, Text(f"Your packs are kept in {clean_line(str(user_folder))}", style="dim"))


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
