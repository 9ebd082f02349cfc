"""The rules of the game: packs, rounds, scoring and history. No Textual here."""
