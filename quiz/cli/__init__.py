"""The ``quiz`` commands, one module each, with a ``main(args, folder)`` the command line calls.

``play`` runs the game; the others (``packs``, ``scores``, ``check``, ``add``,
``remove``) print a report and return the exit code. None of those imports
Textual, so scripts and CI get fast answers; a test asserts it.
"""
