"""Everything that touches disk: where data lives, atomic writes, the progress file."""
