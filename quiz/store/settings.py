"""``settings.toml``: the choices that outlive a game, whoever plays next.

Who played last, whether confidence mode is on, the theme, and for each
player the round length they chose and whether confidence mode has been
explained to them: a few lines, read whole at every start and written
whole, atomically, when they change.
A file that cannot be understood is never fatal and never backed up: the
defaults apply, the player is told, and the next change writes a good file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rtoml

from quiz.model.round_length import DEFAULT_ROUND_LENGTH, ROUND_LENGTHS
from quiz.model.text import clean_player
from quiz.store.files import read_whole

SETTINGS_FILE = "settings.toml"
MAX_SETTINGS_BYTES = 64 * 1024


@dataclass
class PlayerSettings:
    """One player's own choices, kept between games.

    Attributes:
        round_length: How many questions a round asks, one of
            :data:`~quiz.model.round_length.ROUND_LENGTHS` (0 for all).
        confidence_explained: Whether confidence mode has been explained to them.
    """

    round_length: int = DEFAULT_ROUND_LENGTH
    confidence_explained: bool = False


@dataclass
class Settings:
    """Choices the player made in the game, kept between games.

    Attributes:
        player: Who played last, as chosen in the game ("" before anyone chose).
        confidence: Whether confidence mode is on.
        theme: The Textual theme's name ("" for the default).
        players: Each player's own choices, by name (a player at the defaults is left out).
    """

    player: str = ""
    confidence: bool = False
    theme: str = ""
    players: dict[str, PlayerSettings] = field(default_factory=dict)

    def of(self, player: str) -> PlayerSettings:
        """A player's own choices (the defaults for a player not yet seen)."""
        return self.players.get(player) or PlayerSettings()


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
    players = table.get("players", {})
    if not isinstance(players, dict):
        return None
    chosen: dict[str, PlayerSettings] = {}
    for name, row in players.items():
        own = _player_settings(row)
        if own is None:
            return None
        if clean_player(name):
            chosen[clean_player(name)] = own
    return Settings(clean_player(player), confidence, theme[:64], chosen)


def _player_settings(row: object) -> PlayerSettings | None:
    """One player's table, or None when a field has the wrong type or value."""
    if not isinstance(row, dict):
        return None
    length = row.get("round_length", DEFAULT_ROUND_LENGTH)
    explained = row.get("confidence_explained", False)
    if type(length) is not int or length not in ROUND_LENGTHS or type(explained) is not bool:
        return None
    return PlayerSettings(length, explained)


def to_bytes(settings: Settings) -> bytes:
    """The file's contents (values at their default are left out)."""
    players = {
        name: {key: value for key, value in _player_table(own).items() if value is not None}
        for name, own in sorted(settings.players.items())
        if own != PlayerSettings()
    }
    table: dict[str, Any] = {
        "player": settings.player,
        "confidence": settings.confidence,
        "theme": settings.theme,
        "players": players,
    }
    return rtoml.dumps({key: value for key, value in table.items() if value}).encode("utf-8")


def _player_table(own: PlayerSettings) -> dict[str, Any]:
    """A player's choices for the file; those at their default are None (left out)."""
    default = PlayerSettings()
    return {
        "round_length": own.round_length if own.round_length != default.round_length else None,
        "confidence_explained": own.confidence_explained or None,
    }


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
