"""The data the benchmarks run on, generated from a seed in a temporary folder.

A data folder gets 100 user packs of 20 questions in ``<data>/packs`` and one
player's file holding years of daily play over them, built with the game's
own model and written with its own store; the settings name that player, so
every start of the game plays as them. Large packs for the loader are
made the same way: valid format-1 packs mixing verdict, choice and number
questions with texts of realistic length and evidence lists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import tomli_w

from quiz.model import scoring
from quiz.model.history import PackStats, Progress, QuestionStats, RoundRecord
from quiz.model.pack import MAX_PACK_BYTES
from quiz.model.validate import parse_pack
from quiz.model.verdicts import VERDICTS
from quiz.session import Session, stamp
from quiz.store import paths, settings
from quiz.store.files import write_atomic
from quiz.store.player_file import render

PLAYER = "bench"

_VOCABULARY = (
    "the minister said council budget report officials confirmed according to source "
    "spokesperson statement anonymous senior analyst claimed figures percent increase "
    "decline survey households election campaign reporter apparent perceived would "
    "suggest documents obtained interview agency military forces troops militia city "
    "province hospital school contract million annual review committee parliament court "
    "ruling appeal evidence witnesses police investigation published weekly data"
)
WORDS = _VOCABULARY.split()
TOPICS = (
    "city budget",
    "harbour strike",
    "election audit",
    "river flood",
    "school meals",
    "rail tender",
    "drug trial",
    "border talks",
    "wildfire response",
    "housing survey",
)
TAGS = ("sourcing", "numbers", "people", "background", "hedging", "dates")
START = datetime(2016, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class History:
    """A generated data folder and what the benchmarks need to know about it."""

    data_dir: Path
    pack_files: list[Path]
    first_title: str
    rounds: int
    questions: int
    progress_bytes: int  # everything the save wrote: the progress file, and any it splits off


def sentence(rng: random.Random, low: int, high: int) -> str:
    """Plain words, capitalised and ended with a full stop, ``low`` to ``high`` long."""
    target = rng.randint(low, high)
    words: list[str] = []
    length = 0
    while length < target - 1:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    text = " ".join(words)[: max(1, target - 1)].rstrip()
    return text[0].upper() + text[1:] + "."


def question(rng: random.Random, index: int, scale: float = 1.0) -> dict[str, Any]:
    """One question as a pack file holds it, of a kind chosen in turn."""

    def size(low: int, high: int) -> tuple[int, int]:
        return max(12, int(low * scale)), max(16, int(high * scale))

    kind = ("verdict", "verdict", "choice", "number")[index % 4]
    raw: dict[str, Any] = {
        "id": f"{rng.choice(TOPICS).replace(' ', '-')}-{index:05d}",
        "kind": kind,
        "prompt": sentence(rng, *size(100, 300)),
    }
    if kind == "verdict":
        raw["answer"] = rng.choice(VERDICTS)
    elif kind == "choice":
        choices = [f"{n + 1}. {sentence(rng, *size(20, 80))}" for n in range(rng.randint(3, 5))]
        raw["answer"] = rng.choice(choices)
        raw["choices"] = choices
    else:
        raw["answer"] = rng.randint(2, 250_000)
        raw["tolerance"] = rng.choice((0, 0, 5))
        raw["unit"] = rng.choice(("people", "percent", "troops", "million dollars"))
    raw["evidence"] = [sentence(rng, *size(60, 200)) for _ in range(rng.randint(1, 3))]
    raw["explanation"] = sentence(rng, *size(100, 300))
    raw["difficulty"] = rng.randint(1, 3)
    raw["tags"] = rng.sample(TAGS, rng.randint(1, 2))
    return raw


def pack_bytes(pack_id: str, title: str, count: int, seed: int, scale: float = 1.0) -> bytes:
    """A valid format-1 pack of ``count`` questions, as file bytes."""
    rng = random.Random(seed)
    document = {
        "format": 1,
        "pack": {
            "id": pack_id,
            "title": title,
            "description": sentence(rng, 80, 200),
            "source": {"title": f"Report on the {rng.choice(TOPICS)}", "publisher": "Benchmark"},
        },
        "questions": [question(rng, index, scale) for index in range(count)],
    }
    return tomli_w.dumps(document).encode("utf-8")


def big_pack(count: int, seed: int = 7) -> tuple[bytes, str]:
    """A pack of ``count`` questions that the loader accepts.

    Texts are shortened when realistic ones would pass the loader's size
    limit; the note says so.

    Returns:
        The bytes, and a note (empty when nothing had to be shortened).
    """

    def make(scale: float, questions: int = count) -> bytes:
        return pack_bytes(f"bench-{count}", f"Benchmark pack of {count}", questions, seed, scale)

    # Size grows linearly with the text scale: fit the line on a sample of
    # the pack, so the whole pack is generated once (or twice at worst).
    sample = min(count, 1000)
    full, half = len(make(1.0, sample)), len(make(0.5, sample))
    realistic = full * count / sample
    note = ""
    if realistic <= MAX_PACK_BYTES:
        data = make(1.0)
    else:
        per_scale = 2 * (full - half) * count / sample
        scale = max(0.05, 1.0 - (realistic - 0.97 * MAX_PACK_BYTES) / per_scale)
        data = make(scale)
        while len(data) > MAX_PACK_BYTES:
            scale *= 0.97
            data = make(scale)
        note = (
            f"{count:,} questions of realistic length take {realistic / 1e6:.1f} MB, over the "
            f"loader's {MAX_PACK_BYTES / 2**20:.0f} MiB limit (MAX_PACK_BYTES); texts were "
            f"shortened to fit ({len(data) / 1e6:.2f} MB)"
        )
    parse_pack(data, f"bench-{count}.toml")
    return data, note


def build_history(
    data_dir: Path, *, days: int = 3650, packs: int = 100, per_pack: int = 20, seed: int = 1
) -> History:
    """Install ``packs`` user packs and a player's file of one finished round a day.

    Args:
        data_dir: The data folder to fill (created).
        days: How many rounds, one a day from 2016-01-01.
        packs: How many user packs.
        per_pack: Questions in each pack; every round plays them all.
        seed: Fixes every text, answer and score.

    Returns:
        What was made.
    """
    folder = paths.user_packs_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    files: list[Path] = []
    questions: dict[str, list[tuple[str, int]]] = {}
    for number in range(packs):
        pack_id = f"bench-{number:03d}"
        title = f"Benchmark pack {number:03d}: the {TOPICS[number % len(TOPICS)]}"
        data = pack_bytes(pack_id, title, per_pack, seed * 1000 + number)
        pack = parse_pack(data, f"{pack_id}.toml")
        questions[pack_id] = [(q.id, q.difficulty) for q in pack.questions]
        path = folder / f"{pack_id}.toml"
        path.write_bytes(data)
        files.append(path)
    history = Progress(packs={pack_id: PackStats() for pack_id in questions})
    for day in range(days):
        pack_id = f"bench-{rng.randrange(packs):03d}"
        history.rounds.append(_play(history.packs[pack_id], pack_id, questions[pack_id], day, rng))
    write_atomic(paths.player_path(data_dir, PLAYER), render(PLAYER, history))
    write_atomic(settings.settings_path(data_dir), settings.to_bytes(settings.Settings(PLAYER)))
    kept = [path for path in data_dir.rglob("*") if path.is_file() and folder not in path.parents]
    size = sum(path.stat().st_size for path in kept)
    end_a_game(data_dir)
    return History(
        data_dir=data_dir,
        pack_files=files,
        first_title="Benchmark pack 000",
        rounds=days,
        questions=packs * per_pack,
        progress_bytes=size,
    )


def end_a_game(data_dir: Path) -> None:
    """Leave the folder as a game that ended normally does.

    A game caches the summaries of the packs it listed; the next start reads them.
    """
    session = Session(data_dir, exclusive=True, builtin_dir=paths.builtin_packs_dir())
    session.library.packs()
    session.close()


def _play(
    stats: PackStats,
    pack_id: str,
    questions: list[tuple[str, int]],
    day: int,
    rng: random.Random,
) -> RoundRecord:
    """One round of every question, counted in the pack's aggregates as the game counts it."""
    started = START + timedelta(days=day, hours=rng.randint(7, 22), minutes=rng.randint(0, 59))
    seconds = rng.uniform(120, 900)
    finished = stamp(started + timedelta(seconds=round(seconds)))
    streak = best_streak = score = correct = checked = 0
    for qid, difficulty in questions:
        right, looked = rng.random() < 0.72, rng.random() < 0.08
        streak = streak + 1 if right else 0
        best_streak = max(best_streak, streak)
        score += scoring.points(difficulty, correct=right, streak=streak, checked=looked)
        correct += right
        checked += looked
        entry = stats.questions.setdefault(qid, QuestionStats())
        entry.seen += 1
        entry.correct += right
        entry.checked += looked
        entry.last = finished
        entry.last_correct = right
    stats.rounds += 1
    stats.last = score
    stats.best = max(stats.best, score)
    return RoundRecord(
        pack=pack_id,
        started=stamp(started),
        finished=finished,
        score=score,
        best_possible=scoring.best_possible(d for _, d in questions),
        correct=correct,
        answered=len(questions),
        best_streak=best_streak,
        seconds=round(seconds, 1),
        checked=checked,
        player=PLAYER,
    )
