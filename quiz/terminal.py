"""What the output stream is: how wide, and whether it takes colour.

Light on purpose (no Rich, no dataclasses): every command asks this at start.
"""

from __future__ import annotations

import os


def terminal_width(stream: object, default: int = 80) -> int:
    """The width to lay out for: ``$COLUMNS``, else the terminal's, else ``default``.

    As Rich does, output that is not a terminal (a pipe, a file) gets ``default``.
    """
    columns = os.environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and int(columns) > 0:
        return int(columns)
    fileno = getattr(stream, "fileno", None)
    try:
        if fileno is not None and os.isatty(fileno()):
            return os.get_terminal_size(fileno()).columns or default
    except (OSError, ValueError):
        pass
    return default


def wants_color(stream: object) -> bool:
    """Colour for a terminal, unless ``NO_COLOR`` is set or ``TERM`` is ``dumb``."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    fileno = getattr(stream, "fileno", None)
    try:
        return fileno is not None and os.isatty(fileno())
    except (OSError, ValueError):
        return False
