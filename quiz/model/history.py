"""What the game remembers between rounds: aggregates, not a log.

Progress keeps one small record per question (how often seen, right,
checked), one per finished round, and per player and pack the few tallies
the scores view needs: accuracy by kind and tag, the verdict confusion table,
confidence bands (for every answer, and again for the closed-book answers
alone, so the scores can be shown for either way of playing), and the review
schedule of missed questions. So the file
stays small after years of play. Everything is keyed by pack id and question
id: editing a pack keeps the history of every question whose id did not change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from quiz.model.discernment import Confusion
from quiz.model.round_state import RoundState
from quiz.model.schedule import Slot, after_answer, is_due

if TYPE_CHECKING:  # only named here: a history is read and reported without the rules of play
    from quiz.model.round import Outcome, Round

WRONG_KEPT = 4
"""How many different wrong answers a question keeps, for the teacher's view of the
most common one; the first ones given are kept, so the file stays small."""
WRONG_LENGTH = 60


@dataclass
class QuestionStats:
    """How the players have done on one question."""

    seen: int = 0
    correct: int = 0
    checked: int = 0
    last: str = ""
    last_correct: bool = False
    wrong: dict[str, int] = field(default_factory=dict)
    """Wrong answers given, and how often (at most WRONG_KEPT different ones)."""
    confidence: int = 0
    """The confidence stated with the last answer, in percent; 0 outside confidence mode."""

    def count_wrong(self, response: str, times: int = 1) -> None:
        """Count a wrong answer, while fewer than WRONG_KEPT different ones are kept."""
        response = response[:WRONG_LENGTH]
        if response in self.wrong or len(self.wrong) < WRONG_KEPT:
            self.wrong[response] = self.wrong.get(response, 0) + times


@dataclass
class PackStats:
    """How the players have done on one pack.

    Attributes:
        rounds: Full rounds finished: review rounds (a few questions each) are
            not counted here, so they never set the best score.
        best: The best score of those rounds.
        last: The score of the last of them.
        questions: Per question, every answer, review rounds' included.
    """

    rounds: int = 0
    best: int = 0
    last: int = 0
    questions: dict[str, QuestionStats] = field(default_factory=dict)

    def count_round(self, score: int) -> None:
        """Count a finished round's score."""
        # The first round sets the best even below zero (confidence mode can go negative).
        self.best = score if self.rounds == 0 else max(self.best, score)
        self.rounds += 1
        self.last = score


@dataclass
class Tally:
    """Answers given and how many were right."""

    answers: int = 0
    correct: int = 0

    def add(self, correct: bool) -> None:
        """Count one answer."""
        self.answers += 1
        self.correct += int(correct)

    def merge(self, other: Tally) -> None:
        """Add another tally to this one."""
        self.answers += other.answers
        self.correct += other.correct

    def without(self, part: Tally) -> Tally:
        """This tally less a part of its answers."""
        return Tally(self.answers - part.answers, self.correct - part.correct)

    def is_part_of(self, whole: Tally) -> bool:
        """Whether this tally could count some of the answers ``whole`` counts."""
        rest = whole.without(self)
        return 0 <= rest.correct <= rest.answers

    @property
    def accuracy(self) -> float | None:
        """The share right, or None with no answers."""
        return self.correct / self.answers if self.answers else None


@dataclass
class AnswerTallies:
    """Answers counted by kind of question, by tag, by verdict and by stated confidence."""

    kinds: dict[str, Tally] = field(default_factory=dict)
    tags: dict[str, Tally] = field(default_factory=dict)
    verdicts: Confusion = field(default_factory=Confusion)
    confidence: dict[int, Tally] = field(default_factory=dict)

    def count(self, outcome: Outcome) -> None:
        """Count one answer."""
        question = outcome.question
        self.kinds.setdefault(question.kind, Tally()).add(outcome.correct)
        for tag in question.tags:
            self.tags.setdefault(tag, Tally()).add(outcome.correct)
        if question.kind == "verdict":
            self.verdicts.add(question.answer, outcome.response)
        if outcome.confidence is not None:
            self.confidence.setdefault(outcome.confidence, Tally()).add(outcome.correct)

    def merge(self, other: AnswerTallies) -> None:
        """Add another set of tallies to this one."""
        for target, source in ((self.kinds, other.kinds), (self.tags, other.tags)):
            for key, tally in source.items():
                target.setdefault(key, Tally()).merge(tally)
        for band, tally in other.confidence.items():
            self.confidence.setdefault(band, Tally()).merge(tally)
        self.verdicts.merge(other.verdicts)

    def without(self, part: AnswerTallies) -> AnswerTallies:
        """These answers less a part of them; keys left with no answers are dropped.

        Args:
            part: Tallies of some of these same answers (see :meth:`is_part_of`).
        """
        return AnswerTallies(
            kinds=_less(self.kinds, part.kinds),
            tags=_less(self.tags, part.tags),
            verdicts=self.verdicts.without(part.verdicts),
            confidence=_less(self.confidence, part.confidence),
        )

    def is_part_of(self, whole: AnswerTallies) -> bool:
        """Whether these tallies could count some of the answers ``whole`` counts."""
        return (
            _within(self.kinds, whole.kinds)
            and _within(self.tags, whole.tags)
            and _within(self.confidence, whole.confidence)
            and self.verdicts.is_part_of(whole.verdicts)
        )


def _within(part: dict[Any, Tally], whole: dict[Any, Tally]) -> bool:
    return all(tally.is_part_of(whole.get(key, Tally())) for key, tally in part.items())


def _less(whole: dict[Any, Tally], part: dict[Any, Tally]) -> dict[Any, Tally]:
    left = {key: tally.without(part.get(key, Tally())) for key, tally in whole.items()}
    return {key: tally for key, tally in left.items() if tally.answers}


@dataclass
class PlayerPackStats(AnswerTallies):
    """One player's tallies on one pack: every answer, and the closed-book ones apart.

    The inherited tallies count every answer, whatever the mode, so a reader
    that knows nothing of closed-book rounds still sees them all.
    """

    schedule: dict[str, Slot] = field(default_factory=dict)
    closed_book: AnswerTallies = field(default_factory=AnswerTallies)
    """The part of the answers given in closed-book rounds."""

    def record(self, outcome: Outcome, today: date, *, closed_book: bool = False) -> None:
        """Count one answer and move its question in the review schedule.

        Args:
            outcome: The answer and how it went.
            today: The day of the answer.
            closed_book: Whether it was given in a closed-book round.
        """
        self.count(outcome)
        if closed_book:
            self.closed_book.count(outcome)
        question = outcome.question
        slot = after_answer(self.schedule.get(question.id), correct=outcome.correct, today=today)
        if slot is None:
            self.schedule.pop(question.id, None)
        else:
            self.schedule[question.id] = slot

    def absorb(self, other: PlayerPackStats) -> None:
        """Add other tallies of the same player and pack to these (a question scheduled
        in both keeps its place here)."""
        self.merge(other)
        self.closed_book.merge(other.closed_book)
        for qid, slot in other.schedule.items():
            self.schedule.setdefault(qid, slot)

    def answers(self, closed_book: bool | None = None) -> AnswerTallies:
        """The tallies of the answers given one way.

        Args:
            closed_book: True for closed-book rounds only, False for open-book
                rounds only, None for every answer.
        """
        if closed_book is None:
            return self
        return self.closed_book if closed_book else self.without(self.closed_book)

    def due(self, today: date) -> list[str]:
        """Ids of the questions due for review, soonest first."""
        due = [(slot.due, qid) for qid, slot in self.schedule.items() if is_due(slot, today)]
        return [qid for _, qid in sorted(due)]


class RoundRecord(NamedTuple):
    """A finished round, as kept in the history.

    A named tuple rather than a frozen dataclass: a history holds thousands,
    all made when a player's file is read, and a frozen dataclass sets each
    of its fields through ``object.__setattr__``.
    """

    pack: str
    started: str
    finished: str
    score: int
    best_possible: int
    correct: int
    answered: int
    best_streak: int
    seconds: float
    checked: int = 0
    player: str = ""
    confidence: bool = False
    review: bool = False
    closed_book: bool = False

    @property
    def accuracy(self) -> float:
        """The share of answers that were right, 0.0 to 1.0."""
        return self.correct / self.answered if self.answered else 0.0


@dataclass
class Progress:
    """What is saved between games: one player's, or everyone's together (:func:`combine`).

    Attributes:
        packs: Aggregates per pack: rounds, best and last score, and per question.
        rounds: The finished rounds, oldest first.
        current: The round left unfinished, if any.
        players: Per player, their tallies and review schedule per pack.
    """

    packs: dict[str, PackStats] = field(default_factory=dict)
    rounds: list[RoundRecord] = field(default_factory=list)
    current: RoundState | None = None
    players: dict[str, dict[str, PlayerPackStats]] = field(default_factory=dict)

    def best(self, pack_id: str, *, review: bool = False) -> int | None:
        """The best score on a pack, or None if no round of it was finished.

        Args:
            pack_id: The pack.
            review: The best of the review rounds instead, which are compared
                only with each other.
        """
        if review:
            scores = [r.score for r in self.rounds if r.review and r.pack == pack_id]
            return max(scores, default=None)
        stats = self.packs.get(pack_id)
        return stats.best if stats is not None and stats.rounds else None

    def best_scores(self) -> dict[str, int]:
        """The best score on each pack with a finished round."""
        return {
            pack_id: score for pack_id in self.packs if (score := self.best(pack_id)) is not None
        }

    def player_pack(self, player: str, pack_id: str) -> PlayerPackStats:
        """One player's tallies on one pack, created when first needed."""
        return self.players.setdefault(player, {}).setdefault(pack_id, PlayerPackStats())

    def due(self, player: str, pack_id: str, today: date) -> list[str]:
        """Ids of the pack's questions due for review for this player."""
        stats = self.players.get(player, {}).get(pack_id)
        return [] if stats is None else stats.due(today)

    def record_answer(
        self,
        pack_id: str,
        outcome: Outcome,
        when: str,
        *,
        player: str,
        today: date,
        closed_book: bool = False,
    ) -> None:
        """Count one answer in the question's and the player's aggregates.

        Args:
            pack_id: The pack the question belongs to.
            outcome: The answer and how it went.
            when: The time of the answer, ISO 8601.
            player: Who answered.
            today: The player's day of the answer (:func:`quiz.model.schedule.local_day`),
                for the review schedule.
            closed_book: Whether the answer was given in a closed-book round.
        """
        stats = self.packs.setdefault(pack_id, PackStats())
        question = stats.questions.setdefault(outcome.question.id, QuestionStats())
        question.seen += 1
        question.correct += int(outcome.correct)
        question.checked += int(outcome.checked)
        question.last = when
        question.last_correct = outcome.correct
        question.confidence = outcome.confidence or 0
        if not outcome.correct:
            question.count_wrong(outcome.response)
        self.player_pack(player, pack_id).record(outcome, today, closed_book=closed_book)

    def record_round(self, play: Round, finished: str) -> RoundRecord:
        """Add a finished round to the history and clear the interrupted round.

        Args:
            play: The finished round.
            finished: When it finished, ISO 8601.

        Returns:
            The record added.
        """
        record = RoundRecord(
            pack=play.pack.id,
            started=play.started,
            finished=finished,
            score=play.score,
            best_possible=play.best_possible,
            correct=play.correct,
            answered=play.index,
            best_streak=play.best_streak,
            seconds=round(play.elapsed, 1),
            checked=sum(1 for outcome in play.outcomes if outcome.checked),
            player=play.mode.player,
            confidence=play.mode.confidence,
            review=play.mode.review,
            closed_book=play.mode.closed_book,
        )
        stats = self.packs.setdefault(play.pack.id, PackStats())
        if not record.review:
            stats.count_round(record.score)
        self.rounds.append(record)
        self.current = None
        return record


def combine(histories: Iterable[Progress]) -> Progress:
    """Several players' progress as one, for the views of everyone (scores, listings).

    Each player's file holds their own aggregates; together they count every
    answer once. Rounds are put in the order they finished.

    Args:
        histories: One progress per player (names do not repeat across them).

    Returns:
        A new progress that shares no mutable part with those given, and has no
        unfinished round.
    """
    everyone = Progress()
    for history in histories:
        for pack_id, stats in history.packs.items():
            _add_pack(everyone.packs.setdefault(pack_id, PackStats()), stats)
        for name, packs in history.players.items():
            mine = everyone.players.setdefault(name, {})
            for pack_id, tallies in packs.items():
                mine.setdefault(pack_id, PlayerPackStats()).absorb(tallies)
        everyone.rounds.extend(history.rounds)
    # Stamps are UTC ISO 8601 text, so text order is time order; ties keep file order.
    everyone.rounds.sort(key=attrgetter("finished"))
    last: dict[str, int] = {}
    for record in everyone.rounds:
        if not record.review:
            last[record.pack] = record.score
    for pack_id, score in last.items():
        everyone.packs.setdefault(pack_id, PackStats()).last = score
    return everyone


def _add_pack(total: PackStats, stats: PackStats) -> None:
    if stats.rounds:
        total.best = stats.best if total.rounds == 0 else max(total.best, stats.best)
        total.last = stats.last
        total.rounds += stats.rounds
    for qid, question in stats.questions.items():
        merged = total.questions.setdefault(qid, QuestionStats())
        merged.seen += question.seen
        merged.correct += question.correct
        merged.checked += question.checked
        for response, times in question.wrong.items():
            merged.count_wrong(response, times)
        if question.last >= merged.last:
            merged.last, merged.last_correct = question.last, question.last_correct
            merged.confidence = question.confidence
