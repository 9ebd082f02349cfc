"""Samples, rows and the printed report: the machine, then one Markdown table.

Every row compares a measurement with its floor (measured side by side in the
same run) or with a fixed budget, and says ``ok`` or ``over``. Rows that only
explain another row say ``info``; a measurement that could not be taken says
``error`` with the reason in the notes.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

OK, OVER, INFO, ERROR, MISSING = "ok", "over", "info", "error", "not implemented"


@dataclass
class Sample:
    """Repeated measurements of one thing, in one unit."""

    values: list[float]
    unit: str = "ms"

    @property
    def median(self) -> float:
        """The middle value."""
        return statistics.median(self.values)

    @property
    def p95(self) -> float:
        """The 95th percentile, by the nearest-rank method."""
        ordered = sorted(self.values)
        rank = max(1, -(-95 * len(ordered) // 100))
        return ordered[rank - 1]

    def pick(self, stat: str) -> float:
        """The median or the p95, by name."""
        return self.p95 if stat == "p95" else self.median

    def cell(self, stat: str = "median") -> str:
        """``12.3 ms (11.9–13.0)``, or with the p95 first when that is what is judged."""
        spread = f"{number(min(self.values))}–{number(max(self.values))}"
        if stat == "p95":
            return (
                f"p95 {number(self.p95)} {self.unit} (median {number(self.median)}, {spread}, "
                f"n={len(self.values)})"
            )
        return f"{number(self.median)} {self.unit} ({spread}, n={len(self.values)})"


@dataclass
class Row:
    """One line of the table."""

    measure: str
    floor: str = "—"
    measured: str = "—"
    ratio: float | None = None
    budget: str = "—"
    status: str = INFO
    notes: list[str] = field(default_factory=list)


def number(value: float) -> str:
    """A figure with as many decimals as its size deserves."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def versus_floor(
    measure: str,
    floor: Sample,
    measured: Sample,
    limit: float,
    *,
    stat: str = "median",
    floor_label: str = "",
) -> Row:
    """A row judged by the ratio of the measurement to its floor.

    The two samples are taken in pairs, side by side (the n-th of each one
    after the other); the ratio is the median of the pairs' ratios, which a
    machine that slows down and speeds up during the run (a shared virtual
    machine does) moves far less than a ratio of two medians.
    """
    row = beside_floor(measure, floor, measured, stat=stat, floor_label=floor_label)
    assert row.ratio is not None
    row.budget = f"≤ {limit:g}×"
    row.status = OK if row.ratio <= limit else OVER
    return row


def beside_floor(
    measure: str, floor: Sample, measured: Sample, *, stat: str = "median", floor_label: str = ""
) -> Row:
    """A row that explains another by its ratio to a floor, and is not judged (the
    ratio as :func:`versus_floor` takes it)."""
    if stat == "median" and len(floor.values) == len(measured.values) and all(floor.values):
        ratio = statistics.median(m / f for m, f in zip(measured.values, floor.values, strict=True))
    else:
        ratio = measured.pick(stat) / floor.pick(stat)
    prefix = f"{floor_label}: " if floor_label else ""
    return Row(measure, floor=prefix + floor.cell(stat), measured=measured.cell(stat), ratio=ratio)


def versus_budget(
    measure: str,
    measured: Sample,
    budget: float,
    *,
    stat: str = "median",
    floor: str = "—",
    budget_label: str | None = None,
) -> Row:
    """A row judged against a fixed budget in the sample's own unit."""
    ratio = measured.pick(stat) / budget
    label = budget_label or f"≤ {number(budget)} {measured.unit}" + (
        " p95" if stat == "p95" else " median"
    )
    return Row(
        measure,
        floor=floor,
        measured=measured.cell(stat),
        ratio=ratio,
        budget=label,
        status=OK if ratio <= 1.0 else OVER,
    )


def info(measure: str, measured: Sample, *, stat: str = "median", note: str = "") -> Row:
    """A row that explains another and is not judged."""
    return Row(measure, measured=measured.cell(stat), notes=[note] if note else [])


def failed(measure: str, reason: str) -> Row:
    """A row whose measurement could not be taken."""
    return Row(measure, measured="—", status=ERROR, notes=[reason])


def machine(data_dir: Path) -> list[str]:
    """The lines that say when and where the figures were taken."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return [
        f"date:     {datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"machine:  {platform.platform()}; {cpu}; {os.cpu_count()} CPUs",
        f"python:   {sys.version.split()[0]} ({sys.executable})",
        f"textual:  {version('textual')}; rich {version('rich')}",
        f"data:     {data_dir} ({filesystem(data_dir)})",
    ]


def filesystem(path: Path) -> str:
    """The type of the file system holding ``path``, from /proc/mounts when there is one."""
    try:
        mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "file system unknown"
    best = ("", "unknown")
    resolved = str(path.resolve())
    for fields in mounts:
        point, kind = fields[1], fields[2]
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best[0]):
            best = (point, kind)
    return f"{best[1]} at {best[0]}"


def render(rows: list[Row]) -> str:
    """The table in Markdown, then the numbered notes it refers to."""
    lines = [
        "| measure | floor | measured | ratio | budget | result |",
        "|---|---|---|---|---|---|",
    ]
    notes: list[str] = []
    for row in rows:
        marks = ""
        for note in row.notes:
            notes.append(note)
            marks += f" [{len(notes)}]"
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
        lines.append(
            f"| {row.measure}{marks} | {row.floor} | {row.measured} | {ratio} | {row.budget} "
            f"| {row.status} |"
        )
    if notes:
        lines.append("")
        lines += [f"[{index}] {note}" for index, note in enumerate(notes, start=1)]
    return "\n".join(lines)
