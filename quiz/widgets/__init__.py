"""Reusable widgets, one per file, each with its own DEFAULT_CSS."""
