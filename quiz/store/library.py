"""The packs a game can play: the built-in ones and the player's own, and their source texts.

Listing comes from :class:`~quiz.store.catalog.Catalog`; this module keeps the
list for the life of a game and finds a pack by id or by path. The model of a
source text (:mod:`quiz.model.article`) is imported when a text is first read,
and the pack reader (:mod:`quiz.store.packs`, with the validator and the TOML
parser behind it) when a pack file is first read, both after the home screen's
first frame: the benchmark row "home screen visible in a pty, 10-year history"
pays for them (docs/performance.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from quiz.model.pack import Pack, PackError, Problem
from quiz.store import paths
from quiz.store.catalog import CACHE_FILE, Catalog, PackEntry

if TYPE_CHECKING:
    from quiz.model.article import Article

__all__ = ["Library", "LoadedArticle", "PackEntry", "discover"]

LoadedArticle = tuple["Article | None", str]
"""A pack's source text, or None with why it cannot be shown ("" when the pack names none)."""


def discover(folder: Path, *, builtin: bool) -> list[PackEntry]:
    """Every ``*.toml`` pack in a folder, parsed afresh, broken ones included.

    Args:
        folder: The folder to look in; a missing folder holds no packs.
        builtin: Whether these packs ship with the game.

    Returns:
        The entries, sorted by file name.
    """
    return Catalog(None).entries(folder, builtin=builtin)


class Library:
    """The installed packs, listed once per game."""

    def __init__(self, data_dir: Path, builtin_dir: Path | None = None) -> None:
        """Set the folders; nothing is read yet.

        Args:
            data_dir: The data folder, which holds the player's packs.
            builtin_dir: The built-in packs; the game's own folder by default.
        """
        self.data_dir = data_dir
        self.builtin_dir = builtin_dir or paths.builtin_packs_dir()
        self.keeps_cache = True
        """Whether listing may write the catalog's cache (not when saving is off)."""
        self._entries: list[PackEntry] | None = None

    def packs(self, *, refresh: bool = False) -> list[PackEntry]:
        """Every installed pack: built-in first, then the player's own."""
        if self._entries is None or refresh:
            catalog = Catalog(self.data_dir / CACHE_FILE if self.keeps_cache else None)
            builtin = catalog.entries(self.builtin_dir, builtin=True)
            user = catalog.entries(paths.user_packs_dir(self.data_dir), builtin=False)
            catalog.save()
            self._entries = builtin + user
        return self._entries

    def find_pack(self, reference: str) -> Pack:
        """Find a pack by installed id, or load it from a path.

        Args:
            reference: A pack id, or the path of a pack file.

        Returns:
            The pack.

        Raises:
            PackError: No such pack, or the file is not a valid pack.
        """
        for entry in self.packs():
            if entry.error is None and entry.id == reference:
                pack = entry.pack  # loaded once per game, then kept
                if pack is not None and pack.id == reference:
                    return pack
        path = Path(reference).expanduser()
        if path.suffix == ".toml" or path.exists():
            # An installed pack named by its path is the same pack: no second parse.
            resolved = path.resolve(strict=False)
            for entry in self.packs():
                same = entry.error is None and entry.path.resolve(strict=False) == resolved
                if same and entry.pack is not None:
                    return entry.pack
            from quiz.model.validate import parse_pack  # see the module docstring
            from quiz.store.packs import read_pack_file

            data = read_pack_file(path)
            name = paths.printable(str(path))
            pack = parse_pack(data, name, path)
            return self._not_impersonating(pack, data, name)
        known = ", ".join(entry.id for entry in self.packs() if entry.error is None) or "none"
        raise PackError([Problem(reference, f"no installed pack has this id (installed: {known})")])

    def _not_impersonating(self, pack: Pack, data: bytes, name: str) -> Pack:
        """A pack file played by its path, unless it takes an installed pack's id.

        Its rounds would count as that pack's (its best, its leaderboard), so a
        file with the id and other contents is refused; a copy, byte for byte,
        is the same pack and plays as the installed one.

        Raises:
            PackError: The file reuses an installed pack's id with other contents.
        """
        from quiz.store.packs import read_pack_file  # see the module docstring

        for entry in self.packs():
            if entry.error is not None or entry.id != pack.id:
                continue
            try:
                same = read_pack_file(entry.path) == data
            except PackError:
                same = False
            if same and entry.pack is not None:
                return entry.pack
            kind = "built-in" if entry.builtin else "installed"
            raise PackError(
                [
                    Problem(
                        name,
                        f"'{pack.id}' is the id of the {kind} pack ({entry.summary.title}), "
                        "so its rounds would be counted as that pack's: not played. Give this "
                        f"file an id of its own, or play that pack: quiz play {pack.id}",
                        field="pack.id",
                    )
                ]
            )
        return pack

    def article(self, pack: Pack) -> LoadedArticle:
        """Read the pack's source text.

        Args:
            pack: A loaded pack.

        Returns:
            The article, or None with why it cannot be shown ("" when the pack
            names no text). A text that cannot be read never stops a round.
        """
        from quiz.model.article import Article  # not for the first frame: see the module docstring
        from quiz.store.packs import StoreError, read_source_text, source_text_path

        path = source_text_path(pack)
        if path is None:
            return None, ""
        try:
            return Article.parse(read_source_text(path)), ""
        except StoreError as error:
            return None, f"The source text cannot be shown: {error}"
