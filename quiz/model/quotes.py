"""Checking a pack file's evidence quotes against the source it cites.

Used by ``quiz check``: each quote that
:class:`~quiz.model.evidence.SourceText` cannot find becomes a
:class:`~quiz.model.pack.Problem` located at the question's ``evidence``
line, in the same compiler style as the loader's own problems.
"""

from __future__ import annotations

from typing import Any

from quiz.model.document import Document
from quiz.model.evidence import Lookup, SourceText
from quiz.model.locate import LineIndex
from quiz.model.pack import LIMITS, MAX_EVIDENCE, SLUG, Problem
from quiz.model.text import clean_text

# A pack of thousands of questions quoting the wrong article would otherwise
# print thousands of lines, and search for each one's closest passage.
MAX_REPORTED = 100


def check_quotes(
    document: Document, source: SourceText, source_name: str
) -> tuple[list[Problem], int]:
    """Look every evidence quote of a pack file up in a source.

    The quotes are read from the parsed TOML rather than from a validated
    :class:`~quiz.model.pack.Pack`, so a pack with other problems still has
    its quotes checked and the author sees everything in one pass. Anything
    that is not a usable quote is skipped: the validator reports it.

    Args:
        document: The parsed pack file.
        source: The source text.
        source_name: The source's name for messages.

    Returns:
        A located problem for each quote not found, and how many quotes
        were looked up.
    """
    name = document.name
    questions = _raw_questions(document.table)
    lines = LineIndex(document.text)
    problems: list[Problem] = []
    count = missing = 0
    for index, raw in enumerate(questions):
        evidence = raw.get("evidence")
        if not isinstance(evidence, list):
            continue
        for position, item in enumerate(evidence[:MAX_EVIDENCE], start=1):
            quote = clean_text(item).strip() if isinstance(item, str) else ""
            if not quote or len(quote) > LIMITS["evidence"]:
                continue
            count += 1
            # Past the cap, only count: the closest-passage search is the slow part.
            result = source.lookup(quote, closest=missing < MAX_REPORTED)
            if result.found:
                continue
            missing += 1
            if missing > MAX_REPORTED:
                continue
            problems.append(
                Problem(
                    name,
                    _describe(result, source_name),
                    line=lines.find("questions", "evidence", index),
                    question=_label(raw, index),
                    field=f"evidence[{position}]",
                )
            )
    if missing > MAX_REPORTED:
        more = missing - MAX_REPORTED
        problems.append(Problem(name, f"and {more:,} more quotes not found in {source_name}"))
    return problems, count


def _raw_questions(table: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``[[questions]]`` tables of a parsed pack file."""
    questions = table.get("questions")
    if not isinstance(questions, list):
        return []
    return [item if isinstance(item, dict) else {} for item in questions]


def _label(raw: dict[str, Any], index: int) -> str:
    """A question as the loader names it: its id when valid, else ``#N``."""
    qid = raw.get("id")
    if isinstance(qid, str) and len(qid) <= LIMITS["id"] and SLUG.match(qid):
        return qid
    return f"#{index + 1}"


def _describe(result: Lookup, source_name: str) -> str:
    if not result.missing:
        return "has no words to look up"
    what = f"the part '{result.missing}'" if result.elided else "quote"
    if result.out_of_order:
        return f"{what} is in {source_name}, but only before the text that precedes it here"
    if not result.closest:
        return f"{what} not found in {source_name}, and no passage comes close"
    described = f'{what} not found in {source_name}; closest passage: "{result.closest}"'
    return f"{described}; changes: {result.changes}" if result.changes else described
