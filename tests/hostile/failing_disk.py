"""The real ``quiz`` command on a disk that refuses writes, for ``test_unsaved_games.py``.

Usage: ``python failing_disk.py read-only|full ARGS...``. Running as root, a test
cannot make a folder read-only, and no test can fill a disk; this script makes
the store's writes fail as those would, then runs ``quiz ARGS...``:

``read-only``  every file the game would create or replace fails with EROFS;
``full``       the player's file can be created empty (as a full disk allows) and
               locked, but every write of data fails with ENOSPC.
"""

from __future__ import annotations

import errno
import sys

from quiz import __main__ as command
from quiz.store import files, lock, player_file


def refuse(code: int, words: str):
    def fail(path, *args, **kwargs):
        raise OSError(code, words, str(path))

    return fail


def main() -> int:
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "read-only":
        fail = refuse(errno.EROFS, "Read-only file system")
        lock.create_locked = fail
    else:
        fail = refuse(errno.ENOSPC, "No space left on device")
    files.write_atomic = fail
    player_file.write_atomic = fail
    lock.replace_locked = fail  # every save of a held file goes through lock.rewrite
    return command.main(args)


if __name__ == "__main__":
    sys.exit(main())
