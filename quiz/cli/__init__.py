"""The ``quiz`` subcommands that need no terminal UI: packs, check, add, remove.

Each command is one module with a ``run`` function that prints its report and
returns the exit code. None of them imports Textual, so scripts and CI get
fast answers; a test asserts it.
"""
