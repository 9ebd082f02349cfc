"""What the game remembers between rounds: aggregates, not a log.

Progress keeps one small record per question (how often seen, right,
checked) and one per finished round, so the file stays small after years of
play. It is keyed by pack id and question id: editing a pack keeps the
history of every question whose id did not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quiz.model.round import Outcome, Round, RoundState


@dataclass
class QuestionStats:
    """How a player has done on one question."""

    seen: int = 0
    correct: int = 0
    checked: int = 0
    last: str = ""
    last_correct: bool = False


@dataclass
class PackStats:
    """How a player has done on one pack."""

    rounds: int = 0
    best: int = 0
    last: int = 0
    questions: dict[str, QuestionStats] = field(default_factory=dict)


@dataclass(frozen=True)
class RoundRecord:
    """A finished round, as kept in the history."""

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

    @property
    def accuracy(self) -> float:
        """The share of answers that were right, 0.0 to 1.0."""
        return self.correct / self.answered if self.answered else 0.0


@dataclass
class Progress:
    """Everything saved between sessions."""

    packs: dict[str, PackStats] = field(default_factory=dict)
    rounds: list[RoundRecord] = field(default_factory=list)
    current: RoundState | None = None

    def best(self, pack_id: str) -> int | None:
        """The best score on a pack, or None if no round of it was finished."""
        stats = self.packs.get(pack_id)
        return stats.best if stats is not None and stats.rounds else None

    def record_answer(self, pack_id: str, outcome: Outcome, when: str) -> None:
        """Count one answer in the question's aggregates.

        Args:
            pack_id: The pack the question belongs to.
            outcome: The answer and how it went.
            when: The time of the answer, ISO 8601.
        """
        stats = self.packs.setdefault(pack_id, PackStats())
        question = stats.questions.setdefault(outcome.question.id, QuestionStats())
        question.seen += 1
        question.correct += int(outcome.correct)
        question.checked += int(outcome.checked)
        question.last = when
        question.last_correct = outcome.correct

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
        )
        stats = self.packs.setdefault(play.pack.id, PackStats())
        stats.rounds += 1
        stats.last = record.score
        stats.best = max(stats.best, record.score)
        self.rounds.append(record)
        self.current = None
        return record
