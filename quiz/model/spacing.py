"""Tabs in a valid pack: text that reads as one space in the file and shows as a wide gap.

Cleaning keeps tabs in the fields that keep their line breaks (a prompt, an
explanation, a quote, the pack's description), and the game shows each one as
a wide gap, where the author's editor may have shown a space. ``quiz check``
prints what this module finds as warnings, with those of
:mod:`quiz.model.gameable` (``--strict`` makes them errors); loading a pack
does not look for tabs.
"""

from __future__ import annotations

from quiz.model.gameable import Finding
from quiz.model.pack import Pack

_TAB = "tab: shows as a wide gap in play; write a space instead"


def tabs(pack: Pack) -> list[Finding]:
    """Every text of a validated pack that holds a tab, question by question.

    Returns:
        One finding per field, on its question (None for the pack's
        description) and naming the field (``prompt``, ``evidence[2]``), the
        fields in the order the authors' guide lists them.
    """
    findings = []
    if "\t" in pack.description:
        findings.append(Finding(_TAB, None, "pack.description"))
    for question in pack.questions:
        if "\t" in question.prompt:
            findings.append(Finding(_TAB, question.id, "prompt"))
        for position, quote in enumerate(question.evidence, start=1):
            if "\t" in quote:
                findings.append(Finding(_TAB, question.id, f"evidence[{position}]"))
        if "\t" in question.explanation:
            findings.append(Finding(_TAB, question.id, "explanation"))
    return findings
