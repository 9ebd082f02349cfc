"""The teacher's tables, as Rich renderables: discernment per player, questions hardest first.

Printed by ``quiz scores`` and drawn by the scores screen, in the look of
:mod:`quiz.report_tables`. Every cell is plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group
from rich.table import Table
from rich.text import Text

from quiz.model.classroom import Item
from quiz.model.discernment import Detection
from quiz.report_tables import share
from quiz.table_look import cells, new_table

DETECTION_NOTE = (
    "Hit rate: supported claims called supported. False alarms: contradicted or "
    "not-stated claims called supported. d\u2032 is how well the two are told apart "
    "(0: not at all, 2: well); c above 0 leans to doubt, below 0 to belief."
)
PROMPT_WIDTH = 48


def signed(value: float | None) -> str:
    """A d′ or c to two decimals, or a dash."""
    return "-" if value is None else f"{value:+.2f}"


def detection_table(found: Mapping[str, Detection]) -> Group:
    """Each player's hit rate, false-alarm rate, d′ and criterion c, with what they mean."""
    table = new_table(
        "Discernment per player (signal detection)",
        "Player",
        "Supported",
        "Hit rate",
        "Others",
        "False alarms",
        "d\u2032",
        "c",
    )
    for name, d in found.items():
        table.add_row(
            *cells(
                name,
                d.signal,
                share(d.hit_rate),
                d.noise,
                share(d.false_alarm_rate),
                signed(d.d_prime),
                signed(d.criterion),
            )
        )
    return Group(table, Text(DETECTION_NOTE))


def items_table(found: list[Item]) -> Table:
    """Every question answered, hardest first, with its most common wrong answer."""
    table = new_table(
        "Questions, hardest first",
        "Pack",
        "Question",
        "Answered",
        "Right",
        "Most common wrong",
        text=2,
    )
    for item in found:
        prompt = item.prompt if len(item.prompt) <= PROMPT_WIDTH else item.prompt[:47] + "\u2026"
        wrong = (
            "-"
            if item.common_wrong is None
            else f"{item.wrong_label or item.common_wrong[0]} ({item.common_wrong[1]}\u00d7)"
        )
        question = f"{item.question}: {prompt}" if prompt else item.question
        table.add_row(
            *cells(item.pack, question, item.answered, share(item.share_right)), Text(wrong)
        )
    return table
