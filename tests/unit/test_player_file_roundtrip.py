"""Whatever the game writes in a player's file, it reads back equal (rtoml, both ways)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from quiz.model.calibration import BANDS
from quiz.model.discernment import Confusion
from quiz.model.history import (
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
from quiz.model.text import clean_player
from quiz.model.verdicts import VERDICTS
from quiz.store.player_file import PlayerFile, parse, render
from quiz.store.schema import LARGEST, SEEDS

counts = st.integers(0, LARGEST)
whole = st.integers(-LARGEST, LARGEST)
seconds = st.floats(-LARGEST, LARGEST, allow_nan=False)
texts = st.text(max_size=12)
names = st.text(min_size=1, max_size=32).filter(lambda name: clean_player(name) == name)


@st.composite
def tallies(draw: st.DrawFn) -> Tally:
    answers = draw(counts)
    return Tally(answers, draw(st.integers(0, answers)))


def answer_tallies() -> st.SearchStrategy[AnswerTallies]:
    # As the game counts them: a row exists once an answer is counted in it.
    row = st.dictionaries(st.sampled_from(VERDICTS), st.integers(1, LARGEST), min_size=1)
    verdicts = st.dictionaries(st.sampled_from(VERDICTS), row).map(Confusion)
    return st.builds(
        AnswerTallies,
        kinds=st.dictionaries(texts, tallies(), max_size=3),
        tags=st.dictionaries(texts, tallies(), max_size=3),
        verdicts=verdicts,
        confidence=st.dictionaries(st.sampled_from(BANDS), tallies(), max_size=3),
    )


@st.composite
def player_packs(draw: st.DrawFn) -> PlayerPackStats:
    answers = draw(answer_tallies())
    # The closed-book answers are a part of all the answers: none, or all of them.
    closed_book = answers if draw(st.booleans()) else AnswerTallies()
    schedule = draw(
        st.dictionaries(texts, st.builds(Slot, st.integers(1, TOP_BOX), st.dates()), max_size=3)
    )
    return PlayerPackStats(
        kinds=answers.kinds,
        tags=answers.tags,
        verdicts=answers.verdicts,
        confidence=answers.confidence,
        schedule=schedule,
        closed_book=AnswerTallies(
            dict(closed_book.kinds),
            dict(closed_book.tags),
            Confusion({truth: dict(row) for truth, row in closed_book.verdicts.counts.items()}),
            dict(closed_book.confidence),
        ),
    )


pack_stats = st.builds(
    PackStats,
    rounds=counts,
    best=whole,
    last=whole,
    questions=st.dictionaries(
        texts,
        st.builds(QuestionStats, counts, counts, counts, texts, st.booleans()),
        max_size=3,
    ),
)


def rounds(player: str) -> st.SearchStrategy[RoundRecord]:
    return st.builds(
        RoundRecord,
        pack=texts,
        started=texts,
        finished=texts,
        score=whole,
        best_possible=whole,
        correct=whole,
        answered=whole,
        best_streak=whole,
        seconds=seconds,
        checked=whole,
        player=st.just(player),
        confidence=st.booleans(),
        review=st.booleans(),
        closed_book=st.booleans(),
    )


def states(player: str) -> st.SearchStrategy[RoundState]:
    answer = st.builds(
        AnswerRecord,
        question=texts,
        response=texts,
        correct=st.booleans(),
        points=whole,
        checked=st.booleans(),
        confidence=st.none() | st.sampled_from(BANDS),
    )
    return st.builds(
        RoundState,
        pack_id=texts,
        seed=st.integers(SEEDS.start, SEEDS.stop - 1),
        order=st.lists(texts, max_size=4).map(tuple),
        answers=st.lists(answer, max_size=3).map(tuple),
        elapsed=seconds,
        started=texts,
        pack_path=st.none() | texts,
        mode=st.builds(Mode, st.just(player), st.booleans(), st.booleans(), st.booleans()),
        checked=st.booleans(),
    )


@st.composite
def player_files(draw: st.DrawFn) -> tuple[str, Progress]:
    player = draw(names)
    mine = draw(st.dictionaries(texts, player_packs(), max_size=3))
    return player, Progress(
        packs=draw(st.dictionaries(texts, pack_stats, max_size=3)),
        rounds=draw(st.lists(rounds(player), max_size=4)),
        current=draw(st.none() | states(player)),
        players={player: mine} if mine else {},
    )


@settings(max_examples=300, deadline=None)
@given(player_files())
def test_what_the_game_writes_it_reads_back_equal(file: tuple[str, Progress]) -> None:
    player, progress = file
    assert parse(render(player, progress)) == (player, progress)


@settings(max_examples=25, deadline=None)
@given(player_files())
def test_a_saved_file_loads_equal_through_the_store(
    tmp_path_factory: object, file: tuple[str, Progress]
) -> None:
    player, progress = file
    folder: Path = tmp_path_factory.mktemp("player")  # type: ignore[attr-defined]
    writer = PlayerFile(folder / "file.toml", player)
    writer.save(progress)
    assert writer.close() and writer.save_error is None
    loaded = PlayerFile(folder / "file.toml", player).load()
    assert (loaded.progress, loaded.notice, loaded.writable) == (progress, None, True)
