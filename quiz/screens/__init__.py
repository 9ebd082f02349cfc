"""The screens of the game, one per file."""
