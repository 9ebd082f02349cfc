"""The teacher's table of questions, hardest first, as a Rich renderable.

Printed by ``quiz scores --items``, in the look of :mod:`quiz.report_tables`.
Every cell is plain text, never markup.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from quiz.model.classroom import Item
from quiz.report_tables import share
from quiz.table_look import cells, new_table

PROMPT_WIDTH = 48


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
