"""Where the game keeps its files.

The data directory is, in order of precedence: the ``--data-dir`` option,
the ``QUIZ_HOME`` environment variable, or the platform's user data
directory (``~/.local/share/quiz`` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "quiz"
PROGRESS_FILE = "progress.toml"
PACKS_FOLDER = "packs"


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
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def progress_path(folder: Path) -> Path:
    """The progress file inside a data folder."""
    return folder / PROGRESS_FILE


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
