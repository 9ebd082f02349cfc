"""``settings.toml``: the choices that outlive a game, whoever plays next.

Who played last, whether confidence mode is on, and the theme: a few lines,
read whole at every start and written whole, atomically, when they change.
A file that cannot be understood is never fatal and never backed up: the
defaults apply, the player is told, and the next change writes a good file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rtoml

from quiz.model.text import clean_player
from quiz.store.files import read_whole

SETTINGS_FILE = "settings.toml"
MAX_SETTINGS_BYTES = 64 * 1024


@dataclass
class Settings:
    """Choices the player made in the game, kept between games.

    Attributes:
        player: Who played last, as chosen in the game ("" before anyone chose).
        confidence: Whether confidence mode is on.
        theme: The Textual theme's name ("" for the default).
    """

    player: str = ""
    confidence: bool = False
    theme: str = ""


def settings_path(folder: Path) -> Path:
    """The settings file of a data folder."""
    return folder / SETTINGS_FILE


def settings_from_table(table: dict[str, Any]) -> Settings | None:
    """Settings from the parsed file, or None when a field has the wrong type."""
    player = table.get("player", "")
    confidence = table.get("confidence", False)
    theme = table.get("theme", "")
    if not isinstance(player, str) or type(confidence) is not bool or not isinstance(theme, str):
        return None
    return Settings(clean_player(player), confidence, theme[:64])


def to_bytes(settings: Settings) -> bytes:
    """The file's contents (values at their default are left out)."""
    table: dict[str, Any] = {
        "player": settings.player,
        "confidence": settings.confidence,
        "theme": settings.theme,
    }
    return rtoml.dumps({key: value for key, value in table.items() if value}).encode("utf-8")


def load(folder: Path) -> tuple[Settings, str | None]:
    """Read the settings, never failing.

    Returns:
        The settings (the defaults when there is no file or it cannot be
        understood), and a sentence for the player when it could not, else None.
    """
    path = settings_path(folder)
    try:
        data = read_whole(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return Settings(), None
    except OSError as error:
        return Settings(), f"{path} could not be read ({error.strerror}); the defaults apply."
    try:
        settings = settings_from_table(rtoml.loads(data.decode("utf-8")))
    except ValueError:  # rtoml's and UTF-8's errors are ValueErrors
        settings = None
    if settings is None:
        return Settings(), f"{path} could not be understood; the defaults apply."
    return settings, None
