"""The ``quiz`` command: parse the arguments, run one command, set the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from quiz.model.pack import PackError
from quiz.store.paths import data_dir


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _seed(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``quiz`` for the game, ``quiz play PACK`` to go straight in."""
    parser = argparse.ArgumentParser(
        prog="quiz",
        description="A terminal fact-checking game: is each claim supported by the source, "
        "contradicted by it, or not stated?",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="where progress and your packs are kept (default: $QUIZ_HOME, "
        "else the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    play = commands.add_parser("play", help="start a round straight away")
    play.add_argument("pack", metavar="PACK", help="an installed pack's id, or a pack file")
    play.add_argument("--seed", type=_seed, help="fix the order of questions and choices")
    play.add_argument("--questions", type=_positive, metavar="N", help="ask only N questions")
    return parser


def run_game(folder: Path, pack: str | None, seed: int | None, questions: int | None) -> int:
    """Run the TUI until the player quits.

    Returns:
        The exit code.
    """
    from quiz.app import build_app

    try:
        app = build_app(folder, pack=pack, seed=seed, questions=questions)
    except PackError as error:
        print(error, file=sys.stderr)
        return 1
    try:
        app.run()
    finally:
        saved = app.session.close()
    if not saved or app.session.save_error is not None:
        reason = app.session.save_error
        print(f"quiz: progress could not be saved to {app.session.progress_path}: {reason}",
              file=sys.stderr)
        return 1
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``quiz`` command.

    Args:
        argv: The arguments, without the program name; ``sys.argv`` when None.

    Returns:
        The exit code: 0 on success, 1 on a failure, 2 on a usage error.
    """
    args = build_parser().parse_args(argv)
    folder = data_dir(args.data_dir)
    if args.command == "play":
        return run_game(folder, args.pack, args.seed, args.questions)
    return run_game(folder, None, None, None)


if __name__ == "__main__":
    sys.exit(main())
