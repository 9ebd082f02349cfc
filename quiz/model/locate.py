"""Finding the line of a table or key in a TOML file.

``tomllib`` returns plain dicts without positions, so error messages get
their line numbers from this index: one pass over the lines that records
each table header and the keys written under it. It reads the layout pack
authors write (headers and ``key = value`` lines); anything it cannot place
simply gets no line number.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\s\"']+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*[=.]""")


class _Block:
    __slots__ = ("name", "line", "index", "keys")

    def __init__(self, name: str, line: int, index: int | None = None) -> None:
        self.name = name
        self.line = line
        self.index = index
        self.keys: dict[str, int] = {}


class Place(NamedTuple):
    """Where a line of a TOML document is.

    Attributes:
        section: The dotted name of the table it is in, ``""`` at the top level.
        element: Which element of an array of tables that is (0-based), or None.
        key: The key written on the line, or the last one above it in the table.
    """

    section: str
    element: int | None
    key: str | None


class LineIndex:
    """Where each table and key of a TOML document starts."""

    def __init__(self, text: str) -> None:
        """Index a document.

        Args:
            text: The decoded TOML text.
        """
        self._blocks: dict[str, list[_Block]] = {"": [_Block("", 1)]}
        current = self._blocks[""][0]
        self._order = [current]
        in_string: str | None = None
        for number, line in enumerate(text.split("\n"), start=1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            header = _HEADER.match(line)
            if header is not None:
                name = re.sub(r"[\s\"']", "", header.group(2))
                same = self._blocks.setdefault(name, [])
                current = _Block(name, number, len(same) if header.group(1) == "[[" else None)
                same.append(current)
                self._order.append(current)
                continue
            key = _KEY.match(line)
            if key is not None:
                current.keys.setdefault(key.group(1).strip("\"'"), number)
            for quotes in ('"""', "'''"):
                if line.count(quotes) % 2 == 1:
                    in_string = quotes
                    break

    def find(self, section: str, key: str | None = None, index: int | None = None) -> int | None:
        """Return the line of a key in a table, or of the table itself.

        Args:
            section: The dotted table name, ``""`` for the top level.
            key: The key within the table, or None for the table's header.
            index: For an array of tables, which element (0-based).

        Returns:
            The 1-based line number, or None when it cannot be found.
        """
        blocks = self._blocks.get(section)
        if not blocks:
            parent, _, child = section.rpartition(".")
            if child and parent != section:
                return self.find(parent, child)
            return None
        block = blocks[index if index is not None and index < len(blocks) else 0]
        if index is not None and index >= len(blocks):
            return None
        if key is None:
            return block.line
        if key in block.keys:
            return block.keys[key]
        # A key written as a table of its own, such as an unknown ``[extra]``.
        nested = self._blocks.get(f"{section}.{key}" if section else key)
        if nested and index is None:
            return nested[0].line
        return block.line if block.name else None

    def place(self, line: int) -> Place:
        """Say which table, array element and key a line belongs to.

        Args:
            line: A 1-based line number.

        Returns:
            Where it is, as well as the layout allows.
        """
        block = self._order[0]
        for candidate in self._order:
            if candidate.line > line:
                break
            block = candidate
        above = [(start, key) for key, start in block.keys.items() if start <= line]
        return Place(block.name, block.index, max(above)[1] if above else None)
