"""The ``quiz`` command: parse the arguments, run one command, set the exit code."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from quiz.model.text import clean_line
from quiz.store.paths import data_dir, printable

_DATA_DIR_HELP = (
    "where progress and your packs are kept (default: $QUIZ_HOME, else the user data folder)"
)


def _whole_number(text: str, least: int, most: int | None = None) -> int:
    """Read an option's whole number, or say in the player's words what is wrong."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"must be {least} or more")
    if most is not None and value > most:
        raise argparse.ArgumentTypeError(f"must be {most} or less")
    return value


def _positive(text: str) -> int:
    return _whole_number(text, 1)


def _seed(text: str) -> int:
    # The largest seed the player's file keeps (a 64-bit TOML integer).
    return _whole_number(text, 0, 2**63 - 1)


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
    teacher = scores.add_mutually_exclusive_group()
    teacher.add_argument(
        "--csv",
        action="store_true",
        help="one row per player and question answered, for a spreadsheet",
    )
    teacher.add_argument(
        "--items", action="store_true", help="each question, hardest first (with --json too)"
    )
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
    check.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (give-aways, surface cues, imbalance, tabs) as errors",
    )
    new = commands.add_parser(
        "new", help="start a pack from an article: write SOURCE.toml beside the text"
    )
    new.add_argument("source", type=Path, metavar="SOURCE", help="the article, as UTF-8 text")
    new.add_argument("--id", metavar="ID", help="the pack's id (default: from the file name)")
    add = commands.add_parser("add", parents=[common], help="validate and install pack files")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a pack file")
    add.add_argument(
        "--replace",
        action="store_true",
        help="replace an installed user pack that has the same id",
    )
    serve = commands.add_parser(
        "serve", parents=[common], help="let a class play in their browsers (one game per tab)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    serve.add_argument("--port", type=_positive, default=8000, help="the port (default: 8000)")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address players type (default: this machine's address on the network)",
    )
    serve.add_argument("--pack", metavar="ID", help="send every player straight to this pack")
    serve.add_argument("--tab", action="store_true", help=argparse.SUPPRESS)  # one tab's game
    remove = commands.add_parser("remove", parents=[common], help="uninstall one of your packs")
    remove.add_argument("pack_id", metavar="ID", help="the pack's id, as 'quiz packs' lists it")
    return parser


COMMANDS: dict[str | None, str] = {
    None: "quiz.cli.play",
    "play": "quiz.cli.play",
    "packs": "quiz.cli.packs",
    "scores": "quiz.cli.scores",
    "check": "quiz.cli.check",
    "add": "quiz.cli.add",
    "remove": "quiz.cli.remove",
    "new": "quiz.cli.new",
    "serve": "quiz.cli.serve",
    "tab": "quiz.cli.serve_tab",
    "export": "quiz.cli.export",
}
"""The module that runs each command, by name: see :func:`command_main`."""


def command_main(command: str | None) -> Callable[[argparse.Namespace, Path], int]:
    """The ``main(args, folder)`` of the module that runs a command.

    The modules are named, not imported here, so each command loads only what
    it uses: the game's module imports Textual, and ``quiz packs``, ``scores``,
    ``check``, ``add`` and ``remove`` must never load it (a test checks it, and
    their rows of the benchmark, ``tests/benchmarks/run.py``, time them against
    a bare Rich start).
    """
    module = importlib.import_module(COMMANDS[command])
    run: Callable[[argparse.Namespace, Path], int] = module.main
    return run


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``quiz`` command.

    Args:
        argv: The arguments, without the program name; ``sys.argv`` when None.

    Returns:
        The exit code: 0 on success, 1 on a failure, 2 on a usage error.
    """
    # A message that names a file the output's encoding cannot hold (PYTHONIOENCODING=ascii,
    # a C locale) shows "?" where it cannot, rather than stopping the command.
    if isinstance(sys.stderr, io.TextIOWrapper):
        sys.stderr.reconfigure(errors="replace")
    args = build_parser().parse_args(argv)
    # Names typed in a locale that is not UTF-8 arrive as escaped bytes: read them as the
    # UTF-8 the players' files hold. Files named on the line keep their bytes.
    for name in ("player", "pack_id") + (("pack",) if args.command == "scores" else ()):
        if isinstance(getattr(args, name, None), str):
            setattr(args, name, printable(getattr(args, name)))
    # quiz check and quiz new read only the files they are given: no data folder to look up.
    folder = Path() if args.command in ("check", "new") else data_dir(args.data_dir)
    # One browser tab's game, started by quiz serve, is the game with a step of its own
    # before it; the teacher's exports are a command of their own, which the scores
    # summary need not load.
    tab = bool(getattr(args, "tab", False))
    export = args.command == "scores" and (args.csv or args.items)
    run = command_main("tab" if tab else "export" if export else args.command)
    if tab or args.command in ("play", None):
        return run(args, folder)
    # An output encoding that cannot hold a character (PYTHONIOENCODING=ascii,
    # a latin-1 terminal) prints it as "?" rather than stopping the command.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")
    try:
        return run(args, folder)
    except BrokenPipeError:
        # The reader went away (``quiz packs --json | head``); say nothing more,
        # and keep Python from complaining when it flushes stdout at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:
        where = f" ({error.filename})" if error.filename else ""
        text = clean_line(printable(f"{error.strerror or error}{where}"))
        print(f"quiz {args.command}: {text}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
