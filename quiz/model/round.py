"""A round of play: the order of questions, the answers given, the score.

A :class:`Round` is plain state. Randomness comes from the seed it is given
and time from the clock it is given, so the same seed always asks the same
questions in the same order with the same choice order, and a round can be
saved as a small :class:`~quiz.model.round_state.RoundState` and resumed later.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from quiz.model import scoring
from quiz.model.calibration import BANDS
from quiz.model.pack import SHUFFLED, Pack, Question
from quiz.model.round_state import AnswerRecord, Mode, RoundState
from quiz.model.verdicts import VERDICT_LABELS, VERDICTS
from quiz.model.wording import quantity

Clock = Callable[[], float]


@dataclass(frozen=True)
class Option:
    """One answer the player can pick: the value judged and the label shown."""

    value: str
    label: str


@dataclass(frozen=True)
class Outcome:
    """What one answer came to."""

    question: Question
    response: str
    correct: bool
    points: int
    checked: bool
    streak: int
    confidence: int | None = None

    @property
    def response_label(self) -> str:
        """The player's answer as they saw it."""
        if self.question.kind == "verdict":
            return VERDICT_LABELS.get(self.response, self.response)
        if self.question.kind == "number":
            return quantity(self.response, self.question.unit)
        return self.response


@dataclass
class Round:
    """A round in play.

    Build one with :meth:`Round.new` or :meth:`Round.resume`.
    """

    pack: Pack
    seed: int
    questions: list[Question]
    clock: Clock = time.monotonic
    started: str = ""
    mode: Mode = Mode()
    outcomes: list[Outcome] = field(default_factory=list)
    checked_current: bool = False
    _elapsed_before: float = 0.0
    _resumed_at: float | None = None

    @classmethod
    def new(
        cls,
        pack: Pack,
        *,
        seed: int,
        count: int | None = None,
        clock: Clock = time.monotonic,
        started: str = "",
        mode: Mode = Mode(),
        only: Collection[str] | None = None,
    ) -> Round:
        """Start a round with the pack's questions in an order drawn from the seed.

        A pack whose ``order`` is ``"written"`` keeps its questions in file
        order (its lessons build on each other); the seed still orders choices.

        Args:
            pack: The pack to play.
            seed: Fixes the question order (unless the pack keeps its own) and the order
                of choices.
            count: How many questions to ask; all of them when None.
            clock: Seconds from a monotonic clock.
            started: When the round started, as ISO 8601 text, for the record.
            mode: The player and how the round is played.
            only: Ask only the questions with these ids (a review round).

        Returns:
            The new round, at its first question.
        """
        questions = [q for q in pack.questions if only is None or q.id in only]
        if pack.order == SHUFFLED:
            random.Random(seed).shuffle(questions)
        if count is not None:
            questions = questions[: max(1, count)]
        return cls(
            pack, seed, questions, clock=clock, started=started, mode=mode, _resumed_at=clock()
        )

    @classmethod
    def resume(cls, pack: Pack, state: RoundState, *, clock: Clock = time.monotonic) -> Round:
        """Rebuild a saved round against the pack as it is now.

        Questions that left the pack since are dropped; answers to them too.

        Args:
            pack: The pack, possibly edited since the round was saved.
            state: The saved round.
            clock: Seconds from a monotonic clock.

        Returns:
            The round, at the first question not yet answered.
        """
        questions = [q for qid in state.order if (q := pack.question(qid)) is not None]
        known = {question.id: question for question in questions}
        play = cls(
            pack,
            state.seed,
            questions,
            clock=clock,
            started=state.started,
            mode=state.mode,
            _elapsed_before=max(0.0, state.elapsed),
            _resumed_at=clock(),
        )
        for record in state.answers:
            question = known.get(record.question)
            if question is None or len(play.outcomes) >= len(questions):
                continue
            if questions[len(play.outcomes)].id != record.question:
                break
            if state.mode.confidence and record.confidence not in BANDS:
                break
            play.checked_current = record.checked
            play.answer(record.response, record.confidence)
        # Leaving and resuming must not undo a look at the source.
        play.checked_current = state.checked and not play.finished
        return play

    @property
    def index(self) -> int:
        """How many questions have been answered."""
        return len(self.outcomes)

    @property
    def total(self) -> int:
        """How many questions the round asks."""
        return len(self.questions)

    @property
    def finished(self) -> bool:
        """Whether every question has been answered."""
        return self.index >= self.total

    @property
    def current(self) -> Question | None:
        """The question being asked, or None when the round is over."""
        return None if self.finished else self.questions[self.index]

    def options(self, question: Question) -> list[Option]:
        """The options to show for a question, numbered from 1 in this order.

        Verdicts are always Supported, Contradicted, Not stated. Choices are
        shuffled by a generator seeded from the round's seed and the question's
        id, so a resumed round shows them in the same order.
        """
        if question.kind == "verdict":
            return [Option(verdict, VERDICT_LABELS[verdict]) for verdict in VERDICTS]
        if question.kind == "choice":
            choices = list(question.choices)
            random.Random(f"{self.seed}:{question.id}").shuffle(choices)
            return [Option(choice, choice) for choice in choices]
        return []

    def check_source(self) -> None:
        """Mark the current question as checked: it will earn half the points."""
        self.checked_current = True

    def answer(self, response: str, confidence: int | None = None) -> Outcome:
        """Answer the current question.

        Args:
            response: A verdict key, a choice's text, or a number as text.
            confidence: The stated confidence in percent, in confidence mode.

        Returns:
            The outcome, already counted in the score.

        Raises:
            RuntimeError: The round is already over.
            ValueError: A confidence is missing in confidence mode, or not a band.
        """
        question = self.current
        if question is None:
            raise RuntimeError("the round is over")
        if self.mode.confidence and confidence not in BANDS:
            raise ValueError(f"confidence must be one of {BANDS}, not {confidence!r}")
        if not self.mode.confidence:
            confidence = None
        # Judge what is saved, so a resumed round judges it the same way.
        response = response.strip()
        correct = question.is_correct(response)
        streak = self.streak + 1 if correct else 0
        earned = scoring.points(
            question.difficulty,
            correct=correct,
            streak=streak,
            checked=self.checked_current,
            confidence=confidence,
        )
        outcome = Outcome(
            question, response, correct, earned, self.checked_current, streak, confidence
        )
        self.outcomes.append(outcome)
        self.checked_current = False
        return outcome

    @property
    def score(self) -> int:
        """Points so far."""
        return sum(outcome.points for outcome in self.outcomes)

    @property
    def best_possible(self) -> int:
        """The most this round could score."""
        return scoring.best_possible(
            (question.difficulty for question in self.questions), confidence=self.mode.confidence
        )

    @property
    def correct(self) -> int:
        """How many answers were right."""
        return sum(1 for outcome in self.outcomes if outcome.correct)

    @property
    def accuracy(self) -> float:
        """The share of answers that were right, 0.0 to 1.0."""
        return self.correct / self.index if self.index else 0.0

    @property
    def streak(self) -> int:
        """The current run of right answers."""
        return self.outcomes[-1].streak if self.outcomes else 0

    @property
    def best_streak(self) -> int:
        """The longest run of right answers in this round."""
        return max((outcome.streak for outcome in self.outcomes), default=0)

    @property
    def missed(self) -> list[Outcome]:
        """The wrong answers, in the order they were given."""
        return [outcome for outcome in self.outcomes if not outcome.correct]

    @property
    def elapsed(self) -> float:
        """Seconds spent on the round, across resumes."""
        running = 0.0 if self._resumed_at is None else self.clock() - self._resumed_at
        return self._elapsed_before + max(0.0, running)

    def pause(self) -> None:
        """Stop the clock, for example while a dialog is open or the round is saved for later."""
        self._elapsed_before = self.elapsed
        self._resumed_at = None

    def unpause(self) -> None:
        """Start the clock again after :meth:`pause`."""
        if self._resumed_at is None:
            self._resumed_at = self.clock()

    def state(self) -> RoundState:
        """The round as a small value to save."""
        path = self.pack.path
        return RoundState(
            pack_id=self.pack.id,
            seed=self.seed,
            order=tuple(question.id for question in self.questions),
            answers=tuple(
                AnswerRecord(
                    o.question.id, o.response, o.correct, o.points, o.checked, o.confidence
                )
                for o in self.outcomes
            ),
            elapsed=round(self.elapsed, 3),
            started=self.started,
            pack_path=None if path is None else str(path),
            mode=self.mode,
            checked=self.checked_current,
        )
