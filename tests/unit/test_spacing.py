"""Tabs in a valid pack: each text that keeps one is named, with its question and field."""

from __future__ import annotations

from typing import Any

import tomli_w

from quiz.model.spacing import tabs
from quiz.model.validate import parse_pack


def pack(description: str = "", **fields: Any) -> Any:
    table = {
        "id": "q1",
        "kind": "verdict",
        "prompt": "The county engineer resigned.",
        "answer": "supported",
        "evidence": ["The county engineer resigned.", "He left on Monday."],
        "explanation": "The report says so.",
    }
    table.update(fields)
    header = {"id": "p", "title": "P", "description": description}
    document = {"format": 1, "pack": header, "questions": [table]}
    return parse_pack(tomli_w.dumps(document).encode("utf-8"))


def test_a_pack_without_tabs_has_no_finding():
    assert tabs(pack()) == []


def test_each_field_holding_a_tab_is_named():
    found = tabs(
        pack(
            "An article\tabout roads.",
            prompt="The county\tengineer resigned.",
            explanation="The\treport says so.",
            evidence=["The county engineer resigned.", "He left\ton Monday."],
        )
    )

    assert [(f.question, f.field) for f in found] == [
        (None, "pack.description"),
        ("q1", "prompt"),
        ("q1", "evidence[2]"),
        ("q1", "explanation"),
    ]
    assert all(f.message.startswith("tab: shows as a wide gap in play") for f in found)


def test_a_tab_in_a_one_line_field_is_folded_to_a_space_and_not_named():
    loaded = pack(kind="choice", answer="The mayor", choices=["The\tmayor", "Ana Costa"])

    assert loaded.questions[0].choices[0] == "The mayor"
    assert tabs(loaded) == []
