"""In-process timings of the store and the pack loader.

* A durable save is what the saver thread does after every answer:
  ``write_atomic(path, renderer.render(snapshot))``, timed as a whole and in its
  two parts, beside the snapshot the UI thread takes first. Each run changes one
  question of one pack, as an answer does, so the renderer re-serialises that
  pack and reuses the text of everything else.
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
from typing import TypeVar

from quiz.model.pack import parse_pack
from quiz.session import Session
from quiz.store import paths, progress
from quiz.store.files import write_atomic
from quiz.store.mirror import mirror_path
from quiz.store.snapshot import Renderer, Snapshotter

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


def saves(progress_file: Path, runs: int) -> Saves:
    """Save the history ``runs`` times beside it, as the saver thread would.

    Args:
        progress_file: The progress file holding the history; it is read,
            and the copies are written to a sibling file.
        runs: How many saves to time.
    """
    result = Saves()
    target = progress_file.with_name("bench-save.toml")
    history = progress.load(progress_file).progress
    snapshots, renderer = Snapshotter(), Renderer()
    renderer.render(snapshots.take(history))  # the first save of a session writes it all
    pack_ids = sorted(history.packs)
    for run in range(runs):
        pack_id = pack_ids[run % len(pack_ids)]
        stats = next(iter(history.packs[pack_id].questions.values()))
        stats.seen += 1
        history.touched.add(("packs", pack_id))
        snapshot, taken = _ms(partial(snapshots.take, history))
        dumped, data = _ms(partial(renderer.render, taken))
        written, _ = _ms(partial(write_atomic, target, data))
        result.snapshot.append(snapshot)
        result.dumps.append(dumped)
        result.write.append(written)
        result.total.append(dumped + written)
    result.size = target.stat().st_size
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
        took, entries = _ms(session.packs)
        listed.append(took)
        count = len(entries)
        session.close()
    return opened, listed, count


def startup_without_copy(data_dir: Path, runs: int) -> list[float]:
    """Milliseconds to open a session when the JSON copy is missing and TOML is parsed."""
    copy = mirror_path(paths.progress_path(data_dir))
    aside = copy.with_name(copy.name + ".aside")
    copy.rename(aside)
    try:
        return [_ms(partial(Session, data_dir, builtin_dir=paths.builtin_packs_dir()))[0]
                for _ in range(runs)]
    finally:
        aside.rename(copy)


def parse_times(
    data: bytes, runs: int
) -> tuple[list[float], list[float], list[float]]:
    """Milliseconds for ``tomllib.loads`` and for ``parse_pack`` of the same bytes.

    The loader pauses Python's cycle collector while it parses and checks, which
    a bare ``tomllib.loads`` does not; so the floor is also timed with the
    collector paused, to show what the checks alone cost.

    Returns:
        The floor's times, the loader's, and the floor's with the collector
        paused: ``runs`` of each, after one of each to warm up.
    """
    name = "bench.toml"
    parse_pack(data, name)
    floors: list[float] = []
    measured: list[float] = []
    paused: list[float] = []
    for run in range(runs):
        order: list[tuple[Callable[[], object], list[float]]] = [
            (partial(_bare, data), floors),
            (partial(parse_pack, data, name), measured),
            (partial(_bare_paused, data), paused),
        ]
        for action, into in order if run % 2 == 0 else reversed(order):
            into.append(_ms(action)[0])
    return floors, measured, paused


def _bare_paused(data: bytes) -> object:
    """The floor with the cycle collector paused, as the loader runs."""
    gc.disable()
    try:
        return _bare(data)
    finally:
        gc.enable()


def _bare(data: bytes) -> object:
    """The floor: decode and parse, nothing more."""
    return tomllib.loads(data.decode("utf-8"))
