"""In-process timings of the store and the pack loader.

* A durable save is what the saver thread does after every answer: the whole
  player's file rendered by rtoml and written atomically, beside the snapshot
  the UI thread takes first. Each run changes one question of one pack, as an
  answer does.
* Reading and writing that file is timed with rtoml against tomllib and
  tomli_w, the pure-Python reader and writer, on the same document.
* Opening a session reads and checks the whole history, and listing the
  packs loads every installed pack: both happen before the first frame.
* Loading a pack is ``parse_pack`` on the file's bytes, against a bare
  ``tomllib.loads`` of the same bytes, alternating so noise falls on both.
"""

from __future__ import annotations

import gc
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import rtoml
import tomli_w
from bench_data import PLAYER

from quiz.model.validate import parse_pack
from quiz.session import Session
from quiz.store import paths
from quiz.store.files import write_atomic
from quiz.store.player_file import PlayerFile, parse

T = TypeVar("T")


@dataclass
class Saves:
    """Milliseconds per save, and the parts."""

    total: list[float] = field(default_factory=list)
    dumps: list[float] = field(default_factory=list)
    write: list[float] = field(default_factory=list)
    snapshot: list[float] = field(default_factory=list)
    size: int = 0


def _ms(action: Callable[[], T]) -> tuple[float, T]:
    gc.collect()
    began = time.perf_counter()
    result = action()
    return (time.perf_counter() - began) * 1000, result


def saves(data_dir: Path, runs: int) -> Saves:
    """Save the player's history ``runs`` times beside it, as the saver thread would.

    Args:
        data_dir: The data folder; the player's file is read, and the copies are
            written to a sibling file.
        runs: How many saves to time.
    """
    result = Saves()
    source = paths.player_path(data_dir, PLAYER)
    target = source.with_name("bench-save.toml")
    _, history = parse(source.read_bytes())
    player = PlayerFile(target, PLAYER)
    pack_ids = sorted(history.packs)
    for run in range(runs):
        pack_id = pack_ids[run % len(pack_ids)]
        stats = next(iter(history.packs[pack_id].questions.values()))
        stats.seen += 1
        taken, snapshot = _ms(partial(player.snapshot, history))
        dumped, data = _ms(snapshot.to_bytes)
        written, _ = _ms(partial(write_atomic, target, data))
        result.snapshot.append(taken)
        result.dumps.append(dumped)
        result.write.append(written)
        result.total.append(dumped + written)
    result.size = target.stat().st_size
    return result


@dataclass
class Formats:
    """Milliseconds to read and to write one player's file, by library."""

    reads: dict[str, list[float]] = field(default_factory=dict)
    writes: dict[str, list[float]] = field(default_factory=dict)
    size: int = 0


def formats(data_dir: Path, runs: int) -> Formats:
    """Read and write the player's file with rtoml and with tomllib / tomli_w, alternating."""
    text = paths.player_path(data_dir, PLAYER).read_text("utf-8")
    document: dict[str, Any] = rtoml.loads(text)
    assert tomllib.loads(text) == document, "both readers read the same document"
    result = Formats(size=len(text.encode()))
    readers: dict[str, Callable[[], object]] = {
        "rtoml": partial(rtoml.loads, text),
        "tomllib": partial(tomllib.loads, text),
    }
    writers: dict[str, Callable[[], object]] = {
        "rtoml": partial(rtoml.dumps, document),
        "tomli_w": partial(tomli_w.dumps, document),
    }
    for run in range(runs):
        for table, into in ((readers, result.reads), (writers, result.writes)):
            names = sorted(table) if run % 2 == 0 else sorted(table, reverse=True)
            for name in names:
                into.setdefault(name, []).append(_ms(table[name])[0])
    return result


def startup(data_dir: Path, runs: int) -> tuple[list[float], list[float], int]:
    """Milliseconds to open a session on the data folder, and to list its packs.

    Returns:
        The times of ``Session(data_dir)`` and of ``session.packs()``, and how
        many packs were listed.
    """
    opened: list[float] = []
    listed: list[float] = []
    count = 0
    for _ in range(runs):
        took, session = _ms(partial(Session, data_dir, builtin_dir=paths.builtin_packs_dir()))
        opened.append(took)
        took, entries = _ms(session.library.packs)
        listed.append(took)
        count = len(entries)
        session.close()
    return opened, listed, count


def parse_times(data: bytes, runs: int) -> tuple[list[float], list[float]]:
    """Milliseconds for ``tomllib.loads`` and for ``parse_pack`` of the same bytes.

    Returns:
        The floor's times and the loader's: ``runs`` of each, alternating,
        after one of each to warm up.
    """
    name = "bench.toml"
    parse_pack(data, name)
    floors: list[float] = []
    measured: list[float] = []
    for run in range(runs):
        order: list[tuple[Callable[[], object], list[float]]] = [
            (partial(_bare, data), floors),
            (partial(parse_pack, data, name), measured),
        ]
        for action, into in order if run % 2 == 0 else reversed(order):
            into.append(_ms(action)[0])
    return floors, measured


def _bare(data: bytes) -> object:
    """The floor: decode and parse, nothing more."""
    return tomllib.loads(data.decode("utf-8"))
