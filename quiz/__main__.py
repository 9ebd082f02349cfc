"""The ``quiz`` command: parse the arguments, run one command, set the exit code."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from quiz.model.text import clean_line
from quiz.store.paths import data_dir

_DATA_DIR_HELP = (
    "where progress and your packs are kept (default: $QUIZ_HOME, else the user data folder)"
)


def _whole_number(text: str, least: int) -> int:
    """Read an option's whole number, or say in the player's words what is wrong."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"must be {least} or more")
    return value


def _positive(text: str) -> int:
    return _whole_number(text, 1)


def _seed(text: str) -> int:
    return _whole_number(text, 0)


def build_parser() -> argparse.ArgumentParser:
    """The command line: ``quiz`` for the game, subcommands for playing and managing packs."""
    parser = argparse.ArgumentParser(
        prog="quiz",
        description="A terminal fact-checking game: is each claim supported by the source, "
        "contradicted by it, or not stated?",
    )
    parser.add_argument("--data-dir", type=Path, metavar="DIR", help=_DATA_DIR_HELP)
    # The option is also accepted after the command; SUPPRESS keeps a missing
    # one there from overwriting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", type=Path, metavar="DIR", default=argparse.SUPPRESS, help=_DATA_DIR_HELP
    )
    for where in (parser, game := argparse.ArgumentParser(add_help=False)):
        where.add_argument(
            "--player",
            metavar="NAME",
            default=argparse.SUPPRESS,
            help="who is playing (default: the name last chosen in the game, else your login)",
        )
        where.add_argument(
            "--confidence",
            action=argparse.BooleanOptionalAction,
            default=argparse.SUPPRESS,
            help="confidence mode: state how sure you are after each answer "
            "(default: as last chosen in the game)",
        )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    play = commands.add_parser(
        "play",
        parents=[common, game],
        help="start a round straight away (--closed-book hides the source text during it)",
    )
    play.add_argument("pack", metavar="PACK", help="an installed pack's id, or a pack file")
    play.add_argument("--seed", type=_seed, help="fix the order of questions and choices")
    play.add_argument("--questions", type=_positive, metavar="N", help="ask only N questions")
    play.add_argument("--review", action="store_true", help="ask only the questions due for review")
    play.add_argument(
        "--closed-book",
        action="store_true",
        help="hide the source text during the round (it can be read before the first question)",
    )
    scores = commands.add_parser(
        "scores",
        parents=[common],
        help="show scores and progress (--closed-book / --open-book: rounds played one way)",
    )
    scores.add_argument("--pack", metavar="ID", help="only this pack")
    scores.add_argument(
        "--player",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="only this player (default: everyone)",
    )
    book = scores.add_mutually_exclusive_group()
    book.add_argument(
        "--closed-book",
        dest="closed_book",
        action="store_const",
        const=True,
        help="only rounds played closed-book, with the source text hidden",
    )
    book.add_argument(
        "--open-book",
        dest="closed_book",
        action="store_const",
        const=False,
        help="only rounds played with the source text at hand (default: both)",
    )
    scores.add_argument(
        "--all",
        action="store_true",
        help="list every pack, not only the ten played last, and twenty rounds, not ten",
    )
    scores.add_argument("--json", action="store_true", help="print JSON for scripts")
    packs = commands.add_parser("packs", parents=[common], help="list the installed packs")
    packs.add_argument("--json", action="store_true", help="print a JSON list for scripts")
    check = commands.add_parser(
        "check", parents=[common], help="validate pack files without installing them"
    )
    check.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a pack file")
    check.add_argument(
        "--source",
        type=Path,
        metavar="TEXT_FILE",
        help=(
            "a UTF-8 text file of the article to look every evidence quote up in; "
            "by default the pack's own [pack.source] text"
        ),
    )
    add = commands.add_parser("add", parents=[common], help="validate and install pack files")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a pack file")
    add.add_argument(
        "--replace",
        action="store_true",
        help="replace an installed user pack that has the same id",
    )
    remove = commands.add_parser("remove", parents=[common], help="uninstall one of your packs")
    remove.add_argument("pack_id", metavar="ID", help="the pack's id, as 'quiz packs' lists it")
    return parser


def run_game(folder: Path, args: argparse.Namespace) -> int:
    """Run the TUI until the player quits.

    Returns:
        The exit code.
    """
    from quiz.app import build_app
    from quiz.model.pack import PackError
    from quiz.store.crashlog import write_crash_log
    from quiz.store.lock import AlreadyPlaying

    try:
        app = build_app(
            folder,
            pack=getattr(args, "pack", None),
            seed=getattr(args, "seed", None),
            questions=getattr(args, "questions", None),
            review=getattr(args, "review", False),
            player=getattr(args, "player", None),
            confidence=getattr(args, "confidence", None),
            closed_book=getattr(args, "closed_book", False),
        )
    except PackError as error:
        print(error, file=sys.stderr)
        return 1
    except (ValueError, AlreadyPlaying) as error:
        print(f"quiz: {error}", file=sys.stderr)
        return 1
    terminal = sys.stdin.isatty() and sys.stdout.isatty()
    if not terminal and not os.environ.get("TEXTUAL_DRIVER"):
        # Textual would wait for keys that never come, at full speed. A driver named in
        # the environment (a browser's, through textual-serve) brings its own keys.
        app.session.close()
        print(
            "quiz: the game needs a terminal for its keys and screen; "
            "quiz packs, scores, check, add and remove work without one",
            file=sys.stderr,
        )
        return 2
    try:
        app.run()
    finally:
        saved = app.session.close()
    if app.crash is not None:
        log = write_crash_log(folder, app.crash_report)
        where = f" Details are in {log}." if log else ""
        detail = clean_line(f"{type(app.crash).__name__}: {app.crash}")[:200]
        print(
            f"quiz stopped on an unexpected error ({detail})."
            f" Your answers up to the last one are saved.{where}",
            file=sys.stderr,
        )
        return 1
    if not saved or app.session.save_error is not None:
        reason = app.session.save_error
        print(
            f"quiz: progress could not be saved to {app.session.progress_path}: {reason}",
            file=sys.stderr,
        )
        return 1
    return app.return_code or 0


def run_command(args: argparse.Namespace, folder: Path) -> int:
    """Run one of the pack commands; each module is imported only when it runs.

    Importing on demand keeps each command's start to what it uses; none of
    them imports Textual, and only the listings import Rich.

    Returns:
        The command's exit code.
    """
    # An output encoding that cannot hold a character (PYTHONIOENCODING=ascii,
    # a latin-1 terminal) prints it as "?" rather than stopping the command.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")
    module = importlib.import_module(f"quiz.cli.{args.command}")
    if args.command == "packs":
        return int(module.run(folder, as_json=args.json))
    if args.command == "scores":
        player = getattr(args, "player", None)
        return int(
            module.run(
                folder,
                pack=args.pack,
                player=player,
                closed_book=args.closed_book,
                every=args.all,
                as_json=args.json,
            )
        )
    if args.command == "check":
        return int(module.run(args.files, args.source))
    if args.command == "add":
        return int(module.run(folder, args.files, replace=args.replace))
    return int(module.run(folder, args.pack_id))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``quiz`` command.

    Args:
        argv: The arguments, without the program name; ``sys.argv`` when None.

    Returns:
        The exit code: 0 on success, 1 on a failure, 2 on a usage error.
    """
    args = build_parser().parse_args(argv)
    # quiz check reads only the files it is given: no data folder to look up.
    folder = Path() if args.command == "check" else data_dir(args.data_dir)
    if args.command in ("play", None):
        return run_game(folder, args)
    try:
        return run_command(args, folder)
    except BrokenPipeError:
        # The reader went away (``quiz packs --json | head``); say nothing more,
        # and keep Python from complaining when it flushes stdout at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        print(f"quiz {args.command}: {error.strerror or error}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
