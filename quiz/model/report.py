"""The scores report: every figure the scores screen and ``quiz scores`` show.

Both read the same :class:`Scores`, built from the progress by :func:`build`
for one player or all, one pack or all, closed-book rounds, open-book rounds
or both, so the screen and the command line can never disagree. Plain data,
no Textual, no Rich.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, NamedTuple

from quiz.model.calibration import Band, calibration, reading
from quiz.model.discernment import Confusion, Detection, detection
from quiz.model.history import Progress, RoundRecord, Tally

TREND_ROUNDS = 60
_SCORE = attrgetter("score")
_CORRECT = attrgetter("correct")
_ANSWERED = attrgetter("answered")


# The report's immutable records are named tuples: a frozen dataclass compiles its
# generated methods when the module is imported, on every start of ``quiz scores``.
class PackResults(NamedTuple):
    """How the rounds played on one pack went.

    Not to be confused with the catalog's summary of a pack file
    (:class:`quiz.store.catalog.PackSummary`), which says what the pack is.
    """

    pack: str
    rounds: int
    best: int
    last: int
    average: float
    accuracy: float


class Leader(NamedTuple):
    """One player's standing on a pack."""

    player: str
    best: int
    rounds: int
    accuracy: float


@dataclass
class Scores:
    """Everything the scores view shows, for the chosen player, pack and way of playing."""

    player: str | None
    pack: str | None
    closed_book: bool | None = None
    """Only closed-book rounds (True), only open-book rounds (False), or both (None)."""
    packs: list[PackResults] = field(default_factory=list)
    leaderboards: dict[str, list[Leader]] = field(default_factory=dict)
    history: list[RoundRecord] = field(default_factory=list)
    trend: list[float] = field(default_factory=list)
    trends: dict[str, list[float]] = field(default_factory=dict)
    """Per pack, its full rounds' scores as a share of the best possible, oldest first."""
    kinds: dict[str, Tally] = field(default_factory=dict)
    tags: dict[str, Tally] = field(default_factory=dict)
    confusion: Confusion = field(default_factory=Confusion)
    detections: dict[str, Detection] = field(default_factory=dict)
    """Per player who answered a claim, by name, sorted: hit rate, false alarms, d′ and c."""
    calibration: list[Band] = field(default_factory=list)
    players: list[str] = field(default_factory=list)

    @property
    def discernment_notes(self) -> list[str]:
        """What the verdict answers say about the player, in plain words."""
        return self.confusion.readings()

    @property
    def calibration_note(self) -> str:
        """What the confidence answers say about the player, in plain words."""
        return reading(self.calibration)


def rounds_of(closed_book: bool | None) -> str:
    """The rounds a report with this filter covers, in words (``closed-book rounds``)."""
    if closed_book is None:
        return "rounds"
    return "closed-book rounds" if closed_book else "open-book rounds"


def percent(record: RoundRecord) -> float:
    """A round's score as a share of the best possible, 0 to 100 (negative in confidence mode)."""
    return 100 * record.score / record.best_possible if record.best_possible else 0.0


def build(
    progress: Progress,
    *,
    player: str | None = None,
    pack: str | None = None,
    closed_book: bool | None = None,
) -> Scores:
    """Build the report.

    Args:
        progress: Everything saved.
        player: Only this player's rounds and answers; everyone's when None.
        pack: Only this pack; every pack when None.
        closed_book: Only the rounds and answers played closed-book (True) or
            open-book (False); both when None. The leaderboards too: a score
            with the source hidden is not compared with one with it at hand.

    Returns:
        The figures.
    """
    scores = Scores(
        player=player, pack=pack, closed_book=closed_book, players=sorted(progress.players)
    )
    played = progress.rounds
    if closed_book is not None:
        played = [r for r in played if r.closed_book == closed_book]
    rounds = played
    if player is not None or pack is not None:
        rounds = [
            r
            for r in played
            if (player is None or r.player == player) and (pack is None or r.pack == pack)
        ]
    by_pack = _full_rounds_by_pack(rounds)
    # The leaderboards compare every player.
    everyone = by_pack if rounds is played else _full_rounds_by_pack(played)
    for pack_id, records in sorted(by_pack.items()):
        scores.packs.append(
            PackResults(
                pack=pack_id,
                rounds=len(records),
                best=max(map(_SCORE, records)),
                last=records[-1].score,
                average=sum(map(_SCORE, records)) / len(records),
                accuracy=_accuracy(records),
            )
        )
        scores.leaderboards[pack_id] = _leaderboard(everyone[pack_id])
    scores.history = list(reversed(rounds))
    full = [r for r in rounds if not r.review]
    scores.trend = [percent(r) for r in full[-TREND_ROUNDS:]]
    for pack_id, records in by_pack.items():
        scores.trends[pack_id] = [percent(r) for r in records[-TREND_ROUNDS:]]
    confidence: dict[int, Tally] = {}
    for name, packs in progress.players.items():
        if player is not None and name != player:
            continue
        for pack_id, stats in packs.items():
            if pack is not None and pack_id != pack:
                continue
            answers = stats.answers(closed_book)
            _merge(scores.kinds, answers.kinds)
            _merge(scores.tags, answers.tags)
            _merge(confidence, answers.confidence)
            scores.confusion.merge(answers.verdicts)
    scores.calibration = calibration({k: (t.answers, t.correct) for k, t in confidence.items()})
    scores.detections = detections(progress, pack=pack, player=player, closed_book=closed_book)
    return scores


def detections(
    everyone: Progress,
    *,
    pack: str | None = None,
    player: str | None = None,
    closed_book: bool | None = None,
) -> dict[str, Detection]:
    """Each player's hit rate, false-alarm rate, d′ and c on the verdict claims.

    Args:
        everyone: Every player's progress together.
        pack: Only this pack.
        player: Only this player.
        closed_book: Only closed-book answers (True), open-book ones (False), or all.

    Returns:
        By player's name, sorted, only players who answered a claim.
    """
    found: dict[str, Detection] = {}
    for name in sorted(everyone.players):
        if player is not None and name != player:
            continue
        confusion = Confusion()
        for pack_id, stats in everyone.players[name].items():
            if pack is None or pack_id == pack:
                confusion.merge(stats.answers(closed_book).verdicts)
        result = detection(confusion)
        if result.signal or result.noise:
            found[name] = result
    return found


def _merge(target: dict[Any, Tally], source: dict[Any, Tally]) -> None:
    for key, tally in source.items():
        target.setdefault(key, Tally()).merge(tally)


def _full_rounds_by_pack(records: list[RoundRecord]) -> dict[str, list[RoundRecord]]:
    # Review rounds ask a few questions of a pack: listed, never compared with full rounds.
    by_pack: dict[str, list[RoundRecord]] = {}
    for record in records:
        if not record.review:
            by_pack.setdefault(record.pack, []).append(record)
    return by_pack


def _accuracy(records: list[RoundRecord]) -> float:
    answered = sum(map(_ANSWERED, records))
    return sum(map(_CORRECT, records)) / answered if answered else 0.0


def _leaderboard(records: list[RoundRecord]) -> list[Leader]:
    by_player: dict[str, list[RoundRecord]] = {}
    for record in records:
        by_player.setdefault(record.player, []).append(record)
    leaders = [
        Leader(name, max(map(_SCORE, mine)), len(mine), _accuracy(mine))
        for name, mine in by_player.items()
    ]
    return sorted(leaders, key=lambda leader: (-leader.best, -leader.accuracy, leader.player))


def to_json(scores: Scores) -> dict[str, Any]:
    """The report as plain JSON-ready data, for scripts."""
    return {
        "player": scores.player,
        "pack": scores.pack,
        "closed_book": scores.closed_book,
        "packs": [summary._asdict() for summary in scores.packs],
        "leaderboards": {
            pack: [leader._asdict() for leader in leaders]
            for pack, leaders in scores.leaderboards.items()
        },
        "history": [{**record._asdict(), "accuracy": record.accuracy} for record in scores.history],
        "trend": [round(value, 1) for value in scores.trend],
        "kinds": {k: vars(t) | {"accuracy": t.accuracy} for k, t in scores.kinds.items()},
        "tags": {k: vars(t) | {"accuracy": t.accuracy} for k, t in scores.tags.items()},
        "discernment": {
            "table": scores.confusion.counts,
            "by_verdict": [
                {"verdict": label, "answers": total, "accuracy": accuracy}
                for label, total, accuracy in scores.confusion.rows()
            ],
            "balanced_accuracy": scores.confusion.balanced_accuracy(),
            "notes": scores.discernment_notes,
            "by_player": {name: found._asdict() for name, found in scores.detections.items()},
        },
        "calibration": {
            "bands": [
                {
                    "confidence": b.confidence,
                    "answers": b.answers,
                    "correct": b.correct,
                    "accuracy": b.accuracy,
                }
                for b in scores.calibration
            ],
            "note": scores.calibration_note,
        },
    }
