"""``quiz check FILE... [--source TEXT]``: validate packs without installing them.

Every problem in every file is printed in the compiler style
``FILE:LINE: question 'ID': field: problem``, so an author fixes them all in
one pass and editors can jump to each line. Every evidence quote is looked up
in the article, and each one not found is reported with the closest passage
that is: the article is the ``--source`` file when one is given, else the
source text the pack names in ``[pack.source] text``, beside it.
"""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from quiz.cli.output import plural, problems, say, warn
from quiz.model.document import Document, declared_text, read_document
from quiz.model.evidence import SourceText
from quiz.model.gameable import Finding, review
from quiz.model.locate import LineIndex
from quiz.model.pack import MAX_PROBLEMS, Pack, PackError, Problem
from quiz.model.quotes import check_quotes
from quiz.model.spacing import tabs
from quiz.model.validate import validate
from quiz.store.packs import (
    MAX_SOURCE_BYTES,
    StoreError,
    read_pack_file,
    read_regular_file,
    read_source_text,
    text_beside,
)
from quiz.store.paths import printable

USAGE_ERROR = 2


def run(files: list[Path], source: Path | None = None, *, strict: bool = False) -> int:
    """Check pack files, optionally against their source text.

    A valid pack is also reviewed for tabs that show as wide gaps
    (:mod:`quiz.model.spacing`) and for what makes it gameable
    (:mod:`quiz.model.gameable`); what that finds is printed as warnings.

    Args:
        files: The pack files, in the order given.
        source: A UTF-8 text file holding the article the packs quote; when
            None, each pack that names its own source text is checked
            against that.
        strict: Count the warnings as problems.

    Returns:
        0 when every file is valid (and every quote found), 1 when any is
        not (a pack's own source text that cannot be read is one of its
        problems; with ``strict``, a warning is one too), 2 when the
        ``--source`` file cannot be read.
    """
    article: SourceText | None = None
    if source is not None:
        article = _read_source(source)
        if article is None:
            return USAGE_ERROR
    failed = 0
    total = 0
    for path in files:
        count = _check_file(path, article, source.name if source else "", strict)
        total += count
        failed += bool(count)
    if failed and len(files) > 1:
        say(f"found {plural(total, 'problem')} in {failed} of {plural(len(files), 'file')}")
    return 1 if failed else 0


def _by_line(problem: Problem) -> tuple[bool, int]:
    """Problems with a line first, by line; the others after them, as found."""
    return (problem.line is None, problem.line or 0)


def _read_source(path: Path) -> SourceText | None:
    try:
        data = read_regular_file(path, MAX_SOURCE_BYTES)
        text = data.decode("utf-8").removeprefix("\ufeff")
    except StoreError as error:
        warn(f"quiz check: --source {path}: {error}")
        return None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        warn(f"quiz check: --source {path}:{line}: is not UTF-8 text; save it as UTF-8")
        return None
    if not text.strip():
        warn(f"quiz check: --source {path}: is empty")
        return None
    return SourceText(text)


def _check_file(path: Path, article: SourceText | None, source_name: str, strict: bool) -> int:
    """Check one file and print its problems, or its warnings and a one-line summary.

    Returns:
        How many problems were found (warnings among them when ``strict``).
    """
    name = printable(str(path))
    found: list[Problem] = []
    pack: Pack | None = None
    try:
        document = read_document(read_pack_file(path), name)
    except PackError as error:
        # Not TOML, or not readable: there are no quotes to look up.
        return problems(error.problems)
    try:
        pack = validate(document, path)
    except PackError as error:
        found = list(error.problems)
    quotes = 0
    if article is None:
        article, source_name = _own_source(path, pack, document, found)
    if article is not None:
        missing, quotes = check_quotes(document, article, source_name)
        found += missing
    if found or pack is None:
        # In the order of the file, as an author fixes them from the top down.
        return problems(sorted(found, key=_by_line))
    findings = [*tabs(pack), *review(pack, article.normalised if article else None)]
    warnings = _locate(findings, document, strict)
    if strict and warnings:
        return problems(warnings)
    problems(warnings)
    summary = f"{name}: ok, {plural(len(pack.questions), 'question')}"
    if article is not None:
        summary += f", {plural(quotes, 'quote')} found in {source_name}"
    if warnings:
        summary += f"; {plural(len(warnings), 'warning')} (--strict makes them errors)"
    say(summary)
    return 0


def _locate(findings: list[Finding], document: Document, strict: bool) -> list[Problem]:
    """Turn what the review found into problems at the line of the field to change."""
    if not findings:
        return []
    lines = LineIndex(document.text)
    order: dict[str, int] = {}
    raw = document.table.get("questions")
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            order.setdefault(item["id"], index)
    located = []
    for finding in findings[:MAX_PROBLEMS]:
        line = None
        if finding.question is not None and finding.question in order:
            key = (finding.field or "id").partition("[")[0]
            line = lines.find("questions", key, order[finding.question])
        elif finding.question is None and finding.field is not None:
            section, _, key = finding.field.rpartition(".")
            line = lines.find(section, key) if section else None
        message = finding.message if strict else f"warning: {finding.message}"
        located.append(
            Problem(
                document.name, message, line=line, question=finding.question, field=finding.field
            )
        )
    if len(findings) > MAX_PROBLEMS:
        more = len(findings) - MAX_PROBLEMS
        located.append(Problem(document.name, f"and {more:,} more warnings not shown"))
    return located


def _own_source(
    path: Path, pack: Pack | None, document: Document, found: list[Problem]
) -> tuple[SourceText | None, str]:
    """The source text a pack names beside it, read for checking its quotes.

    The name is read from the raw document when the pack has other problems,
    so its quotes are checked all the same.

    Args:
        path: The pack file.
        pack: The pack, when it is valid.
        document: The parsed pack file.
        found: The problems so far; one is added when the text cannot be read.

    Returns:
        The text and its file name, or None and "" when there is none to use.
    """
    if pack is not None:
        name = pack.source.text if pack.source is not None else None
    else:
        name = declared_text(document)
    if name is None:
        return None, ""
    try:
        article = read_source_text(text_beside(path, name))
    except StoreError as error:
        line = LineIndex(document.text).find("pack.source", "text")
        found.append(Problem(printable(str(path)), str(error), line=line, field="pack.source.text"))
        return None, ""
    return SourceText(article), name


def main(args: Namespace, folder: Path) -> int:
    """``quiz check``, from the parsed command line (it uses no data folder).

    Returns:
        The exit code.
    """
    return run(args.files, args.source, strict=args.strict)
