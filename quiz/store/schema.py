"""The progress documents: a player's file (format 4) as plain TOML data and back.

A player's file holds that player's aggregates per pack, tallies per pack,
finished rounds and unfinished round. Each finished round is one array of
:data:`ROUND_FIELDS`, and each question's statistics one array of
:data:`QUESTION_FIELDS` under its id, in that order: years of daily rounds
and every question of a hundred packs are most of the file, and an array is
read several times faster than a table of named keys and takes less room.
Format 3, the same file with each question's statistics a table, and format
2, which also kept each round as a ``[[rounds]]`` table, are still read; the
game writes format 4 at its next save. The single progress file of format 1,
which held every player and the settings, is still read, once, to be migrated
(:mod:`quiz.store.migrate`), and by listings of a folder not yet migrated.

Reading checks the type of every field and names the first one that is
wrong, so a damaged file is recognised as damaged (and backed up by
:mod:`quiz.store.player_file`) instead of half-loaded. Fields that hold their
default value are left out when writing, which keeps years of rounds small.
"""

from __future__ import annotations

from datetime import date
from itertools import repeat
from math import isnan
from typing import Any

from quiz.model.calibration import BANDS
from quiz.model.discernment import Confusion
from quiz.model.history import (
    WRONG_KEPT,
    WRONG_LENGTH,
    AnswerTallies,
    PackStats,
    PlayerPackStats,
    Progress,
    QuestionStats,
    RoundRecord,
    Tally,
)
from quiz.model.round_state import AnswerRecord, Mode, RoundState
from quiz.model.schedule import TOP_BOX, Slot
from quiz.model.text import clean_line, clean_player
from quiz.store import paths

FORMAT = 4
TABLE_QUESTIONS_FORMAT = 3
"""A player's file whose questions' statistics are tables: read, never written."""
TABLE_ROUNDS_FORMAT = 2
"""A player's file whose rounds are ``[[rounds]]`` tables too: read, never written."""
LEGACY_FORMAT = 1
LARGEST = 2**53  # beyond this no count, score or duration is real, and floats lose integers
SEEDS = range(2**63)
"""The seeds a round may have: every one is an integer a TOML file holds exactly."""


class ProgressError(Exception):
    """A progress document that does not have the expected shape."""


def to_document(player: str, progress: Progress) -> dict[str, Any]:
    """One player's progress as plain data for TOML (a snapshot: later changes do not leak in).

    Args:
        player: Whose file it is; every round and tally in ``progress`` is theirs.
        progress: That player's progress.

    Raises:
        ValueError: ``progress`` holds another player's tallies or rounds.
    """
    if set(progress.players) - {player}:
        raise ValueError(f"a file of {player!r} cannot hold other players' tallies")
    document: dict[str, Any] = {"format": FORMAT, "player": player}
    if progress.current is not None:
        document["current"] = _state_to_dict(progress.current)
    document["packs"] = {pack_id: pack_to_dict(stats) for pack_id, stats in progress.packs.items()}
    document["answers"] = {
        pack_id: player_pack_to_dict(stats)
        for pack_id, stats in progress.players.get(player, {}).items()
    }
    document["rounds"] = rounds_to_list(player, progress.rounds)
    return document


def rounds_to_list(player: str, records: list[RoundRecord]) -> list[list[Any]]:
    """A player's finished rounds as plain data (their name is the file's, not the round's).

    Raises:
        ValueError: A round is another player's.
    """
    if any(record.player != player for record in records):
        raise ValueError(f"a file of {player!r} cannot hold other players' rounds")
    return [round_to_row(record) for record in records]


def pack_to_dict(stats: PackStats) -> dict[str, Any]:
    """One pack's aggregates as plain data."""
    return {
        "rounds": stats.rounds,
        "best": stats.best,
        "last": stats.last,
        "questions": {qid: question_to_row(q) for qid, q in stats.questions.items()},
    }


QUESTION_FIELDS = ("seen", "correct", "checked", "last", "last_correct", "confidence", "wrong")
"""A question's statistics, in the order of its array in a player's file: those of
:class:`~quiz.model.history.QuestionStats`."""


def question_to_row(q: QuestionStats) -> list[Any]:
    """A question's statistics as the array of :data:`QUESTION_FIELDS` a player's file keeps."""
    return [q.seen, q.correct, q.checked, q.last, q.last_correct, q.confidence, dict(q.wrong)]


def _tallies(tallies: dict[Any, Tally]) -> dict[str, list[int]]:
    return {str(key): [t.answers, t.correct] for key, t in tallies.items()}


def player_pack_to_dict(stats: PlayerPackStats) -> dict[str, Any]:
    """One player's tallies on one pack as plain data."""
    data = _answer_tallies_to_dict(stats)
    data["schedule"] = {qid: [s.box, s.due.isoformat()] for qid, s in stats.schedule.items()}
    # The closed-book answers again, apart: a subset of the tallies above.
    data["closed_book"] = _answer_tallies_to_dict(stats.closed_book)
    return {key: value for key, value in data.items() if value}


def _answer_tallies_to_dict(tallies: AnswerTallies) -> dict[str, Any]:
    data = {
        "kinds": _tallies(tallies.kinds),
        "tags": _tallies(tallies.tags),
        "verdicts": {truth: dict(row) for truth, row in tallies.verdicts.counts.items()},
        "confidence": _tallies(tallies.confidence),
    }
    return {key: value for key, value in data.items() if value}


ROUND_FIELDS = (
    "pack",
    "started",
    "finished",
    "score",
    "best_possible",
    "correct",
    "answered",
    "best_streak",
    "seconds",
    "checked",
    "confidence",
    "review",
    "closed_book",
)
"""A finished round's fields, in the order of its array in a player's file: those of
:class:`~quiz.model.history.RoundRecord` but the player, whose file it is."""
_COUNTS = slice(3, 10)  # score to checked, seconds among them: numbers within LARGEST
_SECONDS = ROUND_FIELDS.index("seconds")
_PLAYER_AT = RoundRecord._fields.index("player")  # the one field a round's array leaves out
_ROW_TYPES = (str,) * 3 + (int,) * 5 + (float, int) + (bool,) * 3


def round_to_row(r: RoundRecord) -> list[Any]:
    """A finished round as the array of :data:`ROUND_FIELDS` a player's file keeps."""
    return [*r[:_PLAYER_AT], *r[_PLAYER_AT + 1 :]]


def _state_to_dict(state: RoundState) -> dict[str, Any]:
    answers = []
    for a in state.answers:
        answer: dict[str, Any] = {
            "question": a.question,
            "response": a.response,
            "correct": a.correct,
            "points": a.points,
            "checked": a.checked,
        }
        if a.confidence is not None:
            answer["confidence"] = a.confidence
        answers.append(answer)
    data: dict[str, Any] = {
        "pack": state.pack_id,
        "seed": state.seed,
        "order": list(state.order),
        "elapsed": state.elapsed,
        "started": state.started,
        "player": state.mode.player,
        "confidence": state.mode.confidence,
        "review": state.mode.review,
        "closed_book": state.mode.closed_book,
        "answers": answers,
    }
    if state.pack_path is not None:
        data["pack_path"] = paths.printable(state.pack_path)  # a file name may not be UTF-8
    if state.checked:
        data["checked"] = True
    return data


def from_document(
    document: dict[str, Any], *, rounds: bool = True, questions: bool = True
) -> tuple[str, Progress]:
    """Read a player's file, checking every type of what is read.

    Args:
        document: The parsed file.
        rounds: Read the record of every finished round; a listing that needs
            only the totals per pack leaves them out (and unchecked).
        questions: Read each question's figures; the scores report, which counts
            rounds and answers, leaves them out (and unchecked).

    Returns:
        The player's name, and their progress.

    Raises:
        ProgressError: Naming the first field that is missing or of the wrong type.
    """
    try:
        version = document.get("format")
        if type(version) is not int or not TABLE_ROUNDS_FORMAT <= version <= FORMAT:
            raise ProgressError(f"format: expected {FORMAT}, found {version!r}")
        player = _name(_str(document, "player", ""))
        if not player:
            raise ProgressError("player: expected a name")
        answers = _table(document, "answers", "")
        progress = _progress(document, player, answers, version, rounds, questions)
        if "settings" in document or "players" in document:
            raise ProgressError("a player's file holds no settings and no other players")
        return player, progress
    except (ValueError, TypeError, OverflowError, AttributeError) as error:
        # Whatever slipped past the checks is still a damaged file, not a crash.
        raise ProgressError(f"damaged: {error}") from None


def from_legacy_document(
    document: dict[str, Any], *, rounds: bool = True, questions: bool = True
) -> tuple[Progress, str, bool]:
    """Read the single progress file of format 1: every player, and the settings it kept.

    Args:
        document: The parsed file.
        rounds: Read the record of every finished round (see :func:`from_document`).
        questions: Read each question's figures (see :func:`from_document`).

    Returns:
        Every player's progress together, the player chosen last ("" for none) and
        whether confidence mode was on.

    Raises:
        ProgressError: Naming the first field that is missing or of the wrong type.
    """
    try:
        version = document.get("format")
        if type(version) is not int or version != LEGACY_FORMAT:
            raise ProgressError(f"format: expected {LEGACY_FORMAT}, found {version!r}")
        players = _table(document, "players", "")
        progress = _progress(document, None, players, version, rounds, questions)
        table = _table(document, "settings", "")
        player = _name(_str(table, "player", "settings"))
        return progress, player, _bool(table, "confidence", "settings")
    except (ValueError, TypeError, OverflowError, AttributeError) as error:
        raise ProgressError(f"damaged: {error}") from None


def _progress(
    document: dict[str, Any],
    player: str | None,
    answers: dict[str, Any],
    version: int,
    with_rounds: bool,
    with_questions: bool,
) -> Progress:
    """The parts every format shares; ``player`` is None for format 1, where tallies are
    keyed by player and each round names its own."""
    packs: dict[str, PackStats] = {}
    for pack_id, raw in _table(document, "packs", "").items():
        where = f"packs.{pack_id}"
        table = _as_table(raw, where)
        listed = _table(table, "questions", where)  # a table even when its figures are not read
        if not with_questions:
            questions = {}
        elif version > TABLE_QUESTIONS_FORMAT:
            questions = {
                qid: _question_row(value, f"{where}.questions.{qid}", f"{where}.{qid}")
                for qid, value in listed.items()
            }
        else:
            questions = {
                qid: _question_stats(_as_table(value, f"{where}.questions.{qid}"), f"{where}.{qid}")
                for qid, value in listed.items()
            }
        packs[pack_id] = PackStats(
            rounds=_int(table, "rounds", where),
            best=_int(table, "best", where),
            last=_int(table, "last", where),
            questions=questions,
        )
    if player is None:
        players = {
            _name(name): {
                pack_id: _player_pack(
                    _as_table(raw, f"players.{name}.{pack_id}"), f"players.{name}.{pack_id}"
                )
                for pack_id, raw in _as_table(packs_raw, f"players.{name}").items()
            }
            for name, packs_raw in answers.items()
        }
    else:
        mine = {
            pack_id: _player_pack(_as_table(raw, f"answers.{pack_id}"), f"answers.{pack_id}")
            for pack_id, raw in answers.items()
        }
        players = {player: mine} if mine else {}
    records = _list(document, "rounds", "")  # a list even when its records are not read
    if not with_rounds:
        rounds = []
    elif version > TABLE_ROUNDS_FORMAT:
        assert player is not None  # only a player's own file keeps rounds as arrays
        rounds = _round_rows(records, player)
    else:
        rounds = [
            _round_table(_as_table(raw, f"rounds[{i}]"), i, player) for i, raw in enumerate(records)
        ]
    current = None
    if "current" in document:
        current = _state(_as_table(document["current"], "current"))
    return Progress(packs=packs, rounds=rounds, current=current, players=players)


def _question_stats(table: dict[str, Any], where: str) -> QuestionStats:
    return QuestionStats(
        seen=_int(table, "seen", where),
        correct=_int(table, "correct", where),
        checked=_int(table, "checked", where),
        last=_str(table, "last", where),
        last_correct=_bool(table, "last_correct", where),
        wrong=_wrong(_table(table, "wrong", where), _join(where, "wrong")),
        confidence=_int(table, "confidence", where),
    )


def _question_row(raw: object, at: str, where: str) -> QuestionStats:
    """A question's array (at ``at``), read as the table of :data:`QUESTION_FIELDS` it
    stands for, whose checks name the field that is wrong (``where``)."""
    if type(raw) is not list or len(raw) != len(QUESTION_FIELDS):
        raise ProgressError(f"{at}: expected an array of {', '.join(QUESTION_FIELDS)}")
    return _question_stats(dict(zip(QUESTION_FIELDS, raw, strict=True)), where)


def _wrong(table: dict[str, Any], where: str) -> dict[str, int]:
    """A question's wrong answers and their counts; past WRONG_KEPT, the rest are dropped."""
    kept: dict[str, int] = {}
    for response, times in list(table.items())[:WRONG_KEPT]:
        if type(times) is not int or not 0 < times <= LARGEST:
            raise ProgressError(f"{where}: expected a count of times for each answer")
        kept[clean_line(response)[:WRONG_LENGTH]] = times
    return kept


def _tally(value: object, where: str) -> Tally:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(type(item) is int and item >= 0 for item in value)
        or value[1] > value[0]
    ):
        raise ProgressError(f"{where}: expected [answers, right] as two whole numbers")
    return Tally(value[0], value[1])


def _player_pack(table: dict[str, Any], where: str) -> PlayerPackStats:
    stats = PlayerPackStats()
    _read_answer_tallies(table, where, stats)
    for qid, value in _table(table, "schedule", where).items():
        stats.schedule[qid] = _slot(value, f"{where}.schedule.{qid}")
    at = _join(where, "closed_book")
    _read_answer_tallies(_table(table, "closed_book", where), at, stats.closed_book)
    if not stats.closed_book.is_part_of(stats):
        raise ProgressError(f"{at}: counts more answers than were given")
    return stats


def _read_answer_tallies(table: dict[str, Any], where: str, into: AnswerTallies) -> None:
    for name in ("kinds", "tags"):
        target: dict[str, Tally] = getattr(into, name)
        for key, value in _table(table, name, where).items():
            target[key] = _tally(value, f"{where}.{name}.{key}")
    confusion = Confusion()
    for truth, row in _table(table, "verdicts", where).items():
        for answered, times in _as_table(row, f"{where}.verdicts.{truth}").items():
            if type(times) is not int or times < 0:
                raise ProgressError(f"{where}.verdicts.{truth}.{answered}: expected a count")
            confusion.add(truth, answered, times)
    into.verdicts = confusion
    for key, value in _table(table, "confidence", where).items():
        if not (key.isascii() and key.isdigit()) or int(key) not in BANDS:
            raise ProgressError(f"{where}.confidence.{key}: not a confidence band")
        into.confidence[int(key)] = _tally(value, f"{where}.confidence.{key}")


def _slot(value: object, where: str) -> Slot:
    message = f"{where}: expected [box, due date]"
    if not isinstance(value, list) or len(value) != 2:
        raise ProgressError(message)
    box, due = value
    if type(box) is not int or not 1 <= box <= TOP_BOX or not isinstance(due, str):
        raise ProgressError(message)
    try:
        return Slot(box, date.fromisoformat(due))
    except ValueError:
        raise ProgressError(message) from None


def _round_rows(records: list[Any], player: str) -> list[RoundRecord]:
    """The rounds' arrays, checked field by field across every round at once.

    The named checks of :func:`_round_table` stay the rule: when any round is not
    an array of :data:`ROUND_FIELDS` each of its exact type and within range (a
    file edited by hand, until the game's next save rewrites it), every round is
    read through them, so they say which field of which round is wrong. The
    comparison pays for the ``quiz scores`` row of the benchmark
    (``tests/benchmarks/run.py``); docs/performance.md gives the ratio measured
    without it.
    """
    if not records:
        return []
    columns = _columns(records)
    if columns is None:
        return [_round_row(raw, index, player) for index, raw in enumerate(records)]
    fields = zip(*columns[:_PLAYER_AT], repeat(player), *columns[_PLAYER_AT:])
    return list(map(RoundRecord._make, fields))


def _columns(records: list[Any]) -> list[tuple[Any, ...]] | None:
    """Some rounds' fields as columns, or None unless every round is an array of
    :data:`ROUND_FIELDS`, each of its exact type, its counts within ``LARGEST`` and
    its seconds a number (not NaN)."""
    if set(map(type, records)) - {list} or set(map(len, records)) - {len(ROUND_FIELDS)}:
        return None
    columns = list(zip(*records, strict=True))
    typed = zip(columns, _ROW_TYPES, strict=True)
    if (
        any(set(map(type, column)) != {kind} for column, kind in typed)
        or any(min(column) < -LARGEST or max(column) > LARGEST for column in columns[_COUNTS])
        or any(map(isnan, columns[_SECONDS]))
    ):
        return None
    return columns


def _round_row(raw: object, index: int, player: str) -> RoundRecord:
    """A round's array (at ``rounds[index]``), read as the table of :data:`ROUND_FIELDS`
    it stands for, whose checks name the field that is wrong."""
    if type(raw) is not list or len(raw) != len(ROUND_FIELDS):
        fields = ", ".join(ROUND_FIELDS)
        raise ProgressError(f"rounds[{index}]: expected an array of {fields}")
    return _round_table(dict(zip(ROUND_FIELDS, raw, strict=True)), index, player)


def _round_table(table: dict[str, Any], index: int, player: str | None) -> RoundRecord:
    where = f"rounds[{index}]"
    named = _name(_str(table, "player", where))
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
        player=named if player is None else player,
        confidence=_bool(table, "confidence", where),
        review=_bool(table, "review", where),
        closed_book=_bool(table, "closed_book", where),
    )


def _state(table: dict[str, Any]) -> RoundState:
    where = "current"
    order = _list(table, "order", where)
    if not all(isinstance(item, str) for item in order):
        raise ProgressError("current.order: expected a list of question ids")
    answers = []
    for index, raw in enumerate(_list(table, "answers", where)):
        at = f"current.answers[{index}]"
        entry = _as_table(raw, at)
        confidence = entry.get("confidence")
        if confidence is not None and (type(confidence) is not int or confidence not in BANDS):
            raise ProgressError(f"{at}.confidence: not a confidence band")
        answers.append(
            AnswerRecord(
                question=_str(entry, "question", at),
                response=_str(entry, "response", at),
                correct=_bool(entry, "correct", at),
                points=_int(entry, "points", at),
                checked=_bool(entry, "checked", at),
                confidence=confidence,
            )
        )
    path = table.get("pack_path")
    if path is not None and not isinstance(path, str):
        raise ProgressError("current.pack_path: expected text")
    mode = Mode(
        player=_name(_str(table, "player", where)),
        confidence=_bool(table, "confidence", where),
        review=_bool(table, "review", where),
        closed_book=_bool(table, "closed_book", where),
    )
    return RoundState(
        pack_id=_str(table, "pack", where),
        seed=_seed(table),
        order=tuple(order),
        answers=tuple(answers),
        elapsed=_float(table, "elapsed", where),
        started=_str(table, "started", where),
        pack_path=path,
        mode=mode,
        checked=_bool(table, "checked", where),
    )


def _seed(table: dict[str, Any]) -> int:
    value = table.get("seed", 0)
    if type(value) is not int or value not in SEEDS:
        raise ProgressError("current.seed: expected a whole number from 0 to 2**63 - 1")
    return value


def _name(text: str) -> str:
    """A player's name from disk: shown on screen, so cleaned like any untrusted text."""
    return clean_player(text)


def _as_table(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ProgressError(f"{where}: expected a table")
    return value


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _table(table: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    return _as_table(table.get(key, {}), _join(where, key))


def _list(table: dict[str, Any], key: str, where: str) -> list[Any]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise ProgressError(f"{_join(where, key)}: expected a list")
    return value


def _int(table: dict[str, Any], key: str, where: str) -> int:
    value = table.get(key, 0)
    if type(value) is not int or not -LARGEST <= value <= LARGEST:
        raise ProgressError(f"{_join(where, key)}: expected a whole number")
    return value


def _float(table: dict[str, Any], key: str, where: str) -> float:
    value = table.get(key, 0.0)
    if type(value) not in (int, float) or not -LARGEST <= value <= LARGEST:
        # The comparison is also false for NaN.
        raise ProgressError(f"{_join(where, key)}: expected a number")
    return float(value)


def _str(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key, "")
    if not isinstance(value, str):
        raise ProgressError(f"{_join(where, key)}: expected text")
    return value


def _bool(table: dict[str, Any], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ProgressError(f"{_join(where, key)}: expected true or false")
    return value
