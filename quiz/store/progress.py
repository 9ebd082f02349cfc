"""The progress file: a versioned TOML document, read strictly, written atomically.

Loading never loses data. A file that cannot be understood is copied byte for
byte to a backup beside it before the game starts afresh; a file written by a
newer version of the game, or one that cannot be read at all, is left alone
and the session does not save.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from quiz.model.history import PackStats, Progress, QuestionStats, RoundRecord
from quiz.model.round import AnswerRecord, RoundState
from quiz.model.text import clean_line
from quiz.store.files import write_atomic, write_new

FORMAT = 1
MAX_PROGRESS_BYTES = 64 * 1024 * 1024


class ProgressError(Exception):
    """A progress document that does not have the expected shape."""


@dataclass
class Loaded:
    """The result of reading the progress file.

    Attributes:
        progress: What was read, or a fresh start.
        notice: Something the player should be told, or None.
        writable: False when saving would destroy data the game could not read.
    """

    progress: Progress
    notice: str | None = None
    writable: bool = True


def load(path: Path) -> Loaded:
    """Read the progress file, protecting whatever is there.

    Args:
        path: The progress file.

    Returns:
        The progress, plus a notice when the file was missing parts, corrupt,
        unreadable or from a newer version.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Loaded(Progress())
    except OSError as error:
        reason = error.strerror or str(error)
        return Loaded(
            Progress(),
            f"Could not read {path}: {reason}. Progress will not be saved this session.",
            writable=False,
        )
    try:
        if len(data) > MAX_PROGRESS_BYTES:
            raise ProgressError(f"larger than {MAX_PROGRESS_BYTES // (1024 * 1024)} MiB")
        document = tomllib.loads(data.decode("utf-8"))
        version = document.get("format")
        if type(version) is int and version > FORMAT:
            return Loaded(
                Progress(),
                f"{path} was written by a newer version of quiz (format {version}). "
                "Upgrade quiz to keep playing with your history; it was left untouched "
                "and progress will not be saved this session.",
                writable=False,
            )
        return Loaded(from_document(document))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ProgressError, RecursionError) as error:
        return _keep_corrupt(path, data, error)


def _keep_corrupt(path: Path, data: bytes, error: Exception) -> Loaded:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for attempt in range(100):
        suffix = f"-{attempt}" if attempt else ""
        backup = path.with_name(f"{path.name}.corrupt-{stamp}{suffix}")
        try:
            write_new(backup, data)
        except FileExistsError:
            continue
        except OSError as failure:
            return Loaded(
                Progress(),
                f"{path} could not be read ({_reason(error)}) and could not be backed up "
                f"({failure.strerror or failure}); it was left untouched and progress will not "
                "be saved this session.",
                writable=False,
            )
        return Loaded(
            Progress(),
            f"{path} could not be read ({_reason(error)}). Its contents were kept in "
            f"{backup}; a new history starts now.",
        )
    return Loaded(Progress(), f"{path} could not be read or backed up.", writable=False)


def _reason(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(error, RecursionError):
        return "nested too deeply"
    # Field names in the message come from the file, which may hold control characters.
    return clean_line(str(error))[:200]


def save(path: Path, progress: Progress) -> None:
    """Write the progress file atomically (see :mod:`quiz.store.files`).

    Raises:
        OSError: It could not be written; the previous file is intact.
    """
    write_atomic(path, dumps(to_document(progress)))


def dumps(document: dict[str, Any]) -> bytes:
    """Serialise a progress document to TOML bytes."""
    return tomli_w.dumps(document).encode("utf-8")


def to_document(progress: Progress) -> dict[str, Any]:
    """Turn progress into plain data for TOML (a snapshot: later changes do not leak in)."""
    document: dict[str, Any] = {"format": FORMAT}
    if progress.current is not None:
        document["current"] = _state_to_dict(progress.current)
    document["packs"] = {
        pack_id: {
            "rounds": stats.rounds,
            "best": stats.best,
            "last": stats.last,
            "questions": {
                qid: {
                    "seen": q.seen,
                    "correct": q.correct,
                    "checked": q.checked,
                    "last": q.last,
                    "last_correct": q.last_correct,
                }
                for qid, q in stats.questions.items()
            },
        }
        for pack_id, stats in progress.packs.items()
    }
    document["rounds"] = [
        {
            "pack": r.pack,
            "started": r.started,
            "finished": r.finished,
            "score": r.score,
            "best_possible": r.best_possible,
            "correct": r.correct,
            "answered": r.answered,
            "best_streak": r.best_streak,
            "seconds": r.seconds,
            "checked": r.checked,
        }
        for r in progress.rounds
    ]
    return document


def _state_to_dict(state: RoundState) -> dict[str, Any]:
    data: dict[str, Any] = {
        "pack": state.pack_id,
        "seed": state.seed,
        "order": list(state.order),
        "elapsed": state.elapsed,
        "started": state.started,
        "answers": [
            {
                "question": a.question,
                "response": a.response,
                "correct": a.correct,
                "points": a.points,
                "checked": a.checked,
            }
            for a in state.answers
        ],
    }
    if state.pack_path is not None:
        data["pack_path"] = state.pack_path
    return data


def from_document(document: dict[str, Any]) -> Progress:
    """Build progress from a parsed TOML document, checking every type.

    Raises:
        ProgressError: Naming the first field that is missing or of the wrong type.
    """
    version = document.get("format")
    if type(version) is not int or version != FORMAT:
        raise ProgressError(f"format: expected {FORMAT}, found {version!r}")
    packs: dict[str, PackStats] = {}
    for pack_id, raw in _table(document, "packs", "packs").items():
        where = f"packs.{pack_id}"
        table = _as_table(raw, where)
        questions = {
            qid: _question_stats(_as_table(value, f"{where}.questions.{qid}"), f"{where}.{qid}")
            for qid, value in _table(table, "questions", where).items()
        }
        packs[pack_id] = PackStats(
            rounds=_int(table, "rounds", where),
            best=_int(table, "best", where),
            last=_int(table, "last", where),
            questions=questions,
        )
    rounds = [_round(_as_table(raw, f"rounds[{i}]"), f"rounds[{i}]") for i, raw in enumerate(
        _list(document, "rounds", ""))]
    current = None
    if "current" in document:
        current = _state(_as_table(document["current"], "current"))
    return Progress(packs=packs, rounds=rounds, current=current)


def _question_stats(table: dict[str, Any], where: str) -> QuestionStats:
    return QuestionStats(
        seen=_int(table, "seen", where),
        correct=_int(table, "correct", where),
        checked=_int(table, "checked", where),
        last=_str(table, "last", where),
        last_correct=_bool(table, "last_correct", where),
    )


def _round(table: dict[str, Any], where: str) -> RoundRecord:
    return RoundRecord(
        pack=_str(table, "pack", where),
        started=_str(table, "started", where),
        finished=_str(table, "finished", where),
        score=_int(table, "score", where),
        best_possible=_int(table, "best_possible", where),
        correct=_int(table, "correct", where),
        answered=_int(table, "answered", where),
        best_streak=_int(table, "best_streak", where),
        seconds=_float(table, "seconds", where),
        checked=_int(table, "checked", where),
    )


def _state(table: dict[str, Any]) -> RoundState:
    where = "current"
    order = _list(table, "order", where)
    if not all(isinstance(item, str) for item in order):
        raise ProgressError("current.order: expected a list of question ids")
    answers = []
    for index, raw in enumerate(_list(table, "answers", where)):
        entry = _as_table(raw, f"current.answers[{index}]")
        at = f"current.answers[{index}]"
        answers.append(
            AnswerRecord(
                question=_str(entry, "question", at),
                response=_str(entry, "response", at),
                correct=_bool(entry, "correct", at),
                points=_int(entry, "points", at),
                checked=_bool(entry, "checked", at),
            )
        )
    path = table.get("pack_path")
    if path is not None and not isinstance(path, str):
        raise ProgressError("current.pack_path: expected text")
    return RoundState(
        pack_id=_str(table, "pack", where),
        seed=_int(table, "seed", where),
        order=tuple(order),
        answers=tuple(answers),
        elapsed=_float(table, "elapsed", where),
        started=_str(table, "started", where),
        pack_path=path,
    )


def _as_table(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProgressError(f"{where}: expected a table")
    return value


def _table(table: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    return _as_table(table.get(key, {}), f"{where}.{key}" if where != key else key)


def _list(table: dict[str, Any], key: str, where: str) -> list[Any]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise ProgressError(f"{where}.{key}: expected a list".lstrip("."))
    return value


def _int(table: dict[str, Any], key: str, where: str) -> int:
    value = table.get(key, 0)
    if type(value) is not int:
        raise ProgressError(f"{where}.{key}: expected a whole number")
    return value


def _float(table: dict[str, Any], key: str, where: str) -> float:
    value = table.get(key, 0.0)
    if type(value) not in (int, float):
        raise ProgressError(f"{where}.{key}: expected a number")
    return float(value)


def _str(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise ProgressError(f"{where}.{key}: expected text")
    return value


def _bool(table: dict[str, Any], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ProgressError(f"{where}.{key}: expected true or false")
    return value
