"""``quiz`` and ``quiz play PACK``: the game itself, in the terminal, until the player quits."""

from __future__ import annotations

import os
import sys
from argparse import Namespace
from pathlib import Path

from quiz.app import build_app
from quiz.model.pack import PackError
from quiz.model.text import clean_line, clean_text
from quiz.store.crashlog import write_crash_log
from quiz.store.lock import AlreadyPlaying
from quiz.store.paths import printable


def main(args: Namespace, folder: Path) -> int:
    """Run the game until the player quits.

    Args:
        args: The parsed command line; ``quiz`` alone carries no pack or round options.
        folder: The data folder.

    Returns:
        The exit code.
    """
    tab = bool(getattr(args, "tab", False))
    try:
        app = build_app(
            folder,
            pack=getattr(args, "pack", None),
            seed=getattr(args, "seed", None),
            questions=getattr(args, "questions", None),
            review=getattr(args, "review", False),
            player=getattr(args, "player", None),
            confidence=getattr(args, "confidence", None),
            closed_book=getattr(args, "closed_book", False),
            ask_player=tab,
        )
    except PackError as error:
        print(clean_text(printable(str(error))), file=sys.stderr)
        return 1
    except (ValueError, AlreadyPlaying) as error:
        print(f"quiz: {clean_line(printable(str(error)))}", file=sys.stderr)
        return 1
    terminal = sys.stdin.isatty() and sys.stdout.isatty()
    if not terminal and not os.environ.get("TEXTUAL_DRIVER"):
        # Textual would wait for keys that never come, at full speed. A driver named in
        # the environment (a browser's, through textual-serve) brings its own keys.
        app.session.close()
        print(
            "quiz: the game needs a terminal for its keys and screen; "
            "quiz packs, scores, check, new, add and remove work without one",
            file=sys.stderr,
        )
        return 2
    try:
        app.run()
    finally:
        saved = app.session.close()
    unsaved = app.session.unsaved()
    if unsaved is None and not saved:
        unsaved = f"{app.session.progress_path}: the last save did not finish in time"
    if app.crash is not None:
        log = write_crash_log(folder, app.crash_report)
        where = f" Details are in {log}." if log else ""
        detail = clean_line(f"{type(app.crash).__name__}: {app.crash}")[:200]
        kept = " Your answers up to the last one are saved." if unsaved is None else ""
        print(f"quiz stopped on an unexpected error ({detail}).{kept}{where}", file=sys.stderr)
        return 1
    if unsaved is not None:
        print(f"quiz: this game was not saved: {clean_line(printable(unsaved))}", file=sys.stderr)
        return 1
    return app.return_code or 0
