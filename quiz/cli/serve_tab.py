"""What a browser tab's game (``quiz serve --tab``) does before it starts.

The server relays the tab's keys through the game's standard input; when the
server dies without ending its games (killed, or crashed), the input just
stops and the game would wait for keys forever. On Linux the kernel can send
the game SIGTERM when its parent dies, and Textual's web driver ends the game
on SIGTERM as on the server's own quit message, saving as it goes.

It is a module of its own, run by name as a command is, so that the game in
a terminal never loads ``ctypes``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
import sys
from argparse import Namespace
from pathlib import Path

from quiz.cli import play

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def end_with_server() -> bool:
    """Ask to be sent SIGTERM when the server (the parent process) dies.

    Returns:
        True when the system agreed (Linux); False elsewhere.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def main(args: Namespace, folder: Path) -> int:
    """Run one browser tab's game, ended with the server if the system allows it.

    Args:
        args: The parsed command line of ``quiz serve --tab``.
        folder: The data folder.

    Returns:
        The exit code, as :func:`quiz.cli.play.main` gives it.
    """
    end_with_server()
    return play.main(args, folder)
