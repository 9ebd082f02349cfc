"""Saving after every answer without copying or re-serialising years of history.

A save used to turn the whole progress into TOML: with ten years of rounds that
is thousands of dicts on the UI thread and 75 ms of ``tomli_w`` on the saver's.
Now the file is written as a sequence of independent parts: the head (format,
settings, the interrupted round), one part per pack, one per player and pack,
and one per finished round, each serialised by ``tomli_w`` on its own. The UI
thread copies only the parts an answer changed (:class:`Snapshotter`); the
saver thread keeps the TOML text of every part and re-serialises only those
(:class:`Renderer`). Finished rounds never change, so their text is made once.
The bytes written are one ordinary TOML document that ``tomllib`` reads whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import tomli_w

from quiz.model.history import Progress
from quiz.store.schema import head_to_dict, pack_to_dict, player_pack_to_dict, round_to_dict

PartKey = tuple[str, ...]


@dataclass
class Snapshot:
    """What changed since the last snapshot, as plain data nobody else holds.

    Attributes:
        head: Format, settings and the interrupted round (always complete: it is small).
        order: Every part's key, in the order the file lists them.
        parts: The parts that changed, as documents such as ``{"packs": {id: ...}}``.
        rounds: The rounds finished since the last snapshot.
        full: Whether this snapshot holds every part (the writer must forget its text).
    """

    head: dict[str, Any]
    order: list[PartKey]
    parts: dict[PartKey, dict[str, Any]] = field(default_factory=dict)
    rounds: list[dict[str, Any]] = field(default_factory=list)
    full: bool = False

    def merge(self, newer: Snapshot) -> Snapshot:
        """Fold a newer snapshot into this unwritten one, so coalesced saves lose nothing."""
        if newer.full:
            return newer
        return Snapshot(
            head=newer.head,
            order=newer.order,
            parts={**self.parts, **newer.parts},
            rounds=self.rounds + newer.rounds,
            full=self.full,
        )


class Snapshotter:
    """Takes snapshots on the UI thread; cheap after the first."""

    def __init__(self) -> None:
        """Start with nothing sent: the first snapshot is full."""
        self._rounds_sent: int | None = None

    def take(self, progress: Progress) -> Snapshot:
        """Copy what changed since the last call.

        Args:
            progress: The live progress; its ``touched`` set is cleared.

        Returns:
            A snapshot the saver thread may keep and read at leisure.
        """
        order: list[PartKey] = [("packs", pack_id) for pack_id in progress.packs]
        order += [
            ("players", player, pack_id)
            for player, packs in progress.players.items()
            for pack_id in packs
        ]
        full = self._rounds_sent is None
        wanted = set(order) if full else progress.touched & set(order)
        progress.touched.clear()
        parts = {key: _part(progress, key) for key in wanted}
        start = 0 if full or self._rounds_sent is None else self._rounds_sent
        rounds = [round_to_dict(record) for record in progress.rounds[start:]]
        self._rounds_sent = len(progress.rounds)
        return Snapshot(head_to_dict(progress), order, parts, rounds, full)


def _part(progress: Progress, key: PartKey) -> dict[str, Any]:
    if key[0] == "packs":
        return {"packs": {key[1]: pack_to_dict(progress.packs[key[1]])}}
    player, pack_id = key[1], key[2]
    return {"players": {player: {pack_id: player_pack_to_dict(progress.players[player][pack_id])}}}


class Renderer:
    """Turns snapshots into file bytes on the saver thread, reusing unchanged text."""

    def __init__(self) -> None:
        """Start with no text kept."""
        self._parts: dict[PartKey, str] = {}
        self._rounds: list[str] = []

    def render(self, snapshot: Snapshot) -> bytes:
        """The whole file for the state the snapshot brings the writer to."""
        if snapshot.full:
            self._parts.clear()
            self._rounds.clear()
        for key, document in snapshot.parts.items():
            self._parts[key] = tomli_w.dumps(document)
        # One [[rounds]] table per round, so rounds can be appended as text.
        self._rounds.extend("[[rounds]]\n" + tomli_w.dumps(r) for r in snapshot.rounds)
        chunks = [tomli_w.dumps(snapshot.head)]
        chunks += [self._parts[key] for key in snapshot.order if key in self._parts]
        chunks += self._rounds
        return "\n".join(chunks).encode("utf-8")


def render_full(progress: Progress) -> bytes:
    """The whole file for progress, from scratch (for one-off saves)."""
    return Renderer().render(Snapshotter().take(progress))
