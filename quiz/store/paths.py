"""Where the game keeps its files.

The data directory is, in order of precedence: the ``--data-dir`` option,
the ``QUIZ_HOME`` environment variable, or the platform's user data
directory (``~/.local/share/quiz`` on Linux). It holds ``settings.toml``,
one file per player in ``players/``, and the player's own packs in ``packs/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

APP_NAME = "quiz"
PROGRESS_FILE = "progress.toml"
PACKS_FOLDER = "packs"
PLAYERS_FOLDER = "players"
PLAYER_SUFFIX = ".toml"

_PLAIN_SLUG = re.compile(r"[a-z0-9_]+(-[a-z0-9_]+)*")
_NOT_SLUG = re.compile(r"[^a-z0-9_]+")


def printable(text: str) -> str:
    """Text that came from the system (a file name, an argument) as it can be shown and stored.

    A name that is not valid UTF-8 reaches Python with its bad bytes as lone
    surrogates, which no UTF-8 file or terminal accepts: each becomes U+FFFD.
    Valid UTF-8 decoded under another locale (a C locale) is read as UTF-8.
    """
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no byte decodes to
        data = text.encode("utf-8", "replace")
    return data.decode("utf-8", "replace")


def find_printable(stored: str) -> str:
    """The file a stored :func:`printable` path names: itself, or the one entry of its
    folder whose name prints that way; ``stored`` when there is none or several."""
    if "\ufffd" not in stored or os.path.lexists(stored):
        return stored
    path = Path(stored)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return stored
    found = [name for name in names if printable(name) == path.name]
    return str(path.parent / found[0]) if len(found) == 1 else stored


def data_dir(override: Path | str | None = None) -> Path:
    """Return the folder that holds the progress file and user packs.

    Args:
        override: A folder given on the command line, which wins.

    Returns:
        The folder, not necessarily existing yet.
    """
    if override:
        return Path(override).expanduser()
    env = os.environ.get("QUIZ_HOME")
    if env:
        return Path(env).expanduser()
    # Only a command without QUIZ_HOME or --data-dir pays for platformdirs (and the
    # tempfile it loads); quiz check, which uses no data folder, never does:
    # benchmark row "`quiz check FILE`", and tests/cli/test_cli_headless.py.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def progress_path(folder: Path) -> Path:
    """The single progress file of format 1, which a data folder held before ``players/``."""
    return folder / PROGRESS_FILE


def players_dir(folder: Path) -> Path:
    """The folder of the players' files."""
    return folder / PLAYERS_FOLDER


def player_slug(name: str) -> str:
    """A safe file name, without suffix, for a player's name; two names never share one.

    A name of lowercase letters, digits and single hyphens is its own slug
    (``ann``). Any other is cleaned to those characters and followed by two
    hyphens, which no name used as is contains, and a hash of the exact name
    (``ann--3f0c…`` for ``Ann``), so ``Ann`` and ``ann`` stay apart even on a
    file system that ignores case.

    hashlib (which loads OpenSSL) is imported here, for such names only: every
    command imports this module, and the ``quiz packs`` and ``quiz scores`` rows and the
    home screen row of the benchmark (``tests/benchmarks/run.py``) never hash a name.
    """
    if len(name) <= 32 and _PLAIN_SLUG.fullmatch(name):
        return name
    import hashlib

    readable = _NOT_SLUG.sub("-", name.lower()).strip("-")[:24].strip("-") or "player"
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{readable}--{digest}"


def player_path(folder: Path, name: str) -> Path:
    """The file of one player."""
    return players_dir(folder) / (player_slug(name) + PLAYER_SUFFIX)


def user_packs_dir(folder: Path) -> Path:
    """The folder of packs the player installed."""
    return folder / PACKS_FOLDER


def builtin_packs_dir() -> Path:
    """The folder of packs that ship with the game.

    An installed wheel carries them inside the package as ``quiz/questions``;
    a source checkout has them at the top of the repository.
    """
    package = Path(__file__).resolve().parent.parent
    bundled = package / "questions"
    if bundled.is_dir():
        return bundled
    return package.parent / "questions"
