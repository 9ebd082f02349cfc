"""What a browser tab's game (``quiz serve --tab``) does before it starts.

The server relays the tab's keys through the game's standard input; when the
server dies without ending its games (killed, or crashed), the input just
stops and the game would wait for keys forever. On Linux the kernel can send
the game SIGTERM when its parent dies, and Textual's web driver ends the game
on SIGTERM as on the server's own quit message, saving as it goes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
import sys

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
