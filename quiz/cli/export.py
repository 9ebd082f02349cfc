"""``quiz scores --csv`` and ``quiz scores --items``: the teacher's view of a class.

``--csv`` writes one row per player and question answered, for a spreadsheet;
``--items`` shows each question, hardest first, with its most common wrong
answer, as a table or JSON. Every player's file is read, never written.
"""

from __future__ import annotations

import csv
import json
import sys
from argparse import Namespace
from collections.abc import Iterable
from pathlib import Path

from quiz.class_tables import items_table
from quiz.cli.output import warn
from quiz.model.classroom import CSV_COLUMNS, Item, csv_rows, items
from quiz.model.history import combine
from quiz.model.pack import Pack, PackError
from quiz.model.text import clean_line
from quiz.store.library import Library
from quiz.store.progress import read_players
from quiz.table_look import show


def installed(folder: Path, ids: Iterable[str]) -> dict[str, Pack]:
    """The installed packs among ``ids`` that load; the others are left out."""
    library = Library(folder)
    library.keeps_cache = False  # a report changes nothing in the data folder
    found: dict[str, Pack] = {}
    for pack_id in sorted(set(ids)):
        try:
            found[pack_id] = library.find_pack(pack_id)
        except PackError:
            continue
    return found


def run_csv(folder: Path, *, pack: str | None = None) -> int:
    """Print the rows as CSV with a header row.

    Returns:
        0; 1 when a player's file cannot be read (the others are still written).
    """
    players, problems = read_players(folder)
    packs = installed(folder, (pack_id for p in players for pack_id in p.packs))
    writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in csv_rows(players, packs, pack):
        writer.writerow({key: clean_line(str(value)) for key, value in row.items()})
    for problem in problems:
        warn(f"quiz scores: {problem}")
    return 1 if problems else 0


def run_items(folder: Path, *, pack: str | None = None, as_json: bool = False) -> int:
    """Print each question answered, hardest first.

    Returns:
        0; 1 when a player's file cannot be read (the others are still counted).
    """
    players, problems = read_players(folder, rounds=False)
    everyone = combine(players)
    found = items(everyone, installed(folder, everyone.packs), pack)
    if as_json:
        print(json.dumps([item_json(item) for item in found], indent=2))
    elif found:
        show(items_table(found))
    else:
        print("No questions answered yet.")
    for problem in problems:
        warn(f"quiz scores: {problem}")
    return 1 if problems else 0


def item_json(item: Item) -> dict[str, object]:
    """One question's figures for scripts."""
    figures = dict(vars(item))
    wrong = figures.pop("common_wrong")
    label = figures.pop("wrong_label")
    figures["share_right"] = item.share_right
    figures["most_common_wrong"] = (
        None if wrong is None else {"answer": wrong[0], "label": label, "times": wrong[1]}
    )
    return figures


def main(args: Namespace, folder: Path) -> int:
    """``quiz scores --csv`` and ``quiz scores --items``, from the parsed command line.

    Returns:
        The exit code.
    """
    if args.csv and args.json:
        warn("quiz scores: --csv and --json are two formats; choose one")
        return 2
    if args.csv:
        return run_csv(folder, pack=args.pack)
    return run_items(folder, pack=args.pack, as_json=args.json)
