"""The round service: one player's rounds, from the first question to the saved record.

A :class:`Session` is what the game's screens and ``quiz play`` ask about
rounds: start one, answer (:meth:`Session.answer` judges, counts and saves in
one call), leave it for later, resume it. It keeps the player's progress in
memory and hands every change whole to the player's file
(:class:`~quiz.store.player_file.PlayerFile`), which the game holds locked
while it runs. The installed packs are its :attr:`Session.library`. It
imports no Textual and nothing of ``quiz.cli``.

Only what the home screen needs before its first frame (the packs, the
settings and the player's lock) is imported with this module. The model of
rounds and history and the player file's reader and writer are imported inside
the methods that first need them, when the progress is read (on a thread, after
the first frame) or a round starts; the format-1 migration only when there is
a format-1 file. The benchmark row "home screen visible in a pty, 10-year
history" pays for it (docs/performance.md), and ``tests/ui/test_start.py``
checks it.
"""

from __future__ import annotations

import getpass
import os
import random
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from quiz.model.pack import Pack, PackError
from quiz.model.schedule import local_day
from quiz.model.text import MAX_PLAYER_NAME, clean_player
from quiz.store import lock, paths, settings
from quiz.store.files import write_atomic
from quiz.store.library import Library, PackEntry, discover
from quiz.store.saver import BackgroundSaver

if TYPE_CHECKING:
    from quiz.model.history import Progress, RoundRecord
    from quiz.model.round import Clock, Outcome, Round
    from quiz.model.round_state import RoundState
    from quiz.store.player_file import PlayerFile

__all__ = ["MAX_PLAYER_NAME", "Answered", "PackEntry", "Session", "discover", "stamp"]

Now = Callable[[], datetime]
Scheduler = Callable[[Callable[[], None]], object]


def at_once(task: Callable[[], None]) -> None:
    """Run ``task`` now: how a session saves after an answer unless a game says otherwise."""
    task()


def default_player() -> str:
    """The login name, or ``player`` when the system does not say."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = ""
    return clean_player(name) or "player"


def stamp(moment: datetime) -> str:
    """A moment as compact ISO 8601 UTC text, ``2026-11-25T09:30:00Z``, as the history keeps it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


class Answered(NamedTuple):
    """What one answer did.

    Attributes:
        outcome: The answer, judged.
        record: The round's record, after its last answer; else None.
        previous_best: The player's best score on the pack before this answer.
    """

    outcome: Outcome
    record: RoundRecord | None
    previous_best: int | None


def _path(state: RoundState) -> Path | None:
    """The file of the round's pack, as the round saved it."""
    return None if state.pack_path is None else Path(state.pack_path)


class Session:
    """One player's rounds and progress for the life of a game."""

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Clock = time.monotonic,
        now: Now = utc_now,
        builtin_dir: Path | None = None,
        player: str | None = None,
        confidence: bool | None = None,
        exclusive: bool = False,
        defer_loading: bool = False,
    ) -> None:
        """Open the data folder, settle who plays and take their file.

        A data folder with a ``progress.toml`` of format 1 is migrated first
        (:mod:`quiz.store.migrate`).

        Args:
            data_dir: Where settings, players' files and user packs live.
            clock: Seconds from a monotonic clock, for timing rounds.
            now: The wall-clock time, for the history and the player's day.
            builtin_dir: The built-in packs; the game's own folder by default.
            player: Who plays, for this game only; else the last player chosen
                in the game, else the login name.
            confidence: Confidence mode for this game only; else the saved setting.
            exclusive: Lock the player's file until :meth:`close`, as the game does,
                so a second game of the same player cannot overwrite this one's rounds.
            defer_loading: Leave reading the player's file to :meth:`ensure_loaded`, so
                the home screen can be drawn first (the first use of :attr:`progress`
                reads it anyway).

        Raises:
            AlreadyPlaying: ``exclusive`` and another game holds this player's file.
        """
        self.data_dir = data_dir
        self.clock = clock
        self.now = now
        self.library = Library(data_dir, builtin_dir)
        self.exclusive = exclusive
        self.notices: list[str] = []
        self.writable = True
        self.unsaved_reason: str | None = None
        """Why nothing is saved this session (naming the file), once :attr:`writable` is False."""
        self.lost = False
        """Whether something was to be saved while nothing could be."""
        self._kept_error: Exception | None = None
        self.on_save_error: Callable[[Exception], None] | None = None
        self.schedule_save: Scheduler = at_once
        """When the save after an answer starts: the game passes a scheduler that runs
        it once the frame with the verdict is drawn, so the saver's thread does not hold
        the interpreter while that frame is made (the "answer → feedback" row of the
        benchmark pays for it). :meth:`flush` and :meth:`close` write a save still
        waiting."""
        self._save_due = False
        self.keeps_settings = True
        """Whether choices made in the game (player, confidence mode) are remembered for
        the next start; not in a browser tab's game (see :meth:`join`)."""
        if os.path.lexists(paths.progress_path(data_dir)):
            self._migrate(player)
        self.settings, notice = settings.load(data_dir)
        if notice:
            self.notices.append(notice)
        self._settings_saver = BackgroundSaver(self._write_settings, self._save_failed)
        self._confidence = self.settings.confidence if confidence is None else confidence
        self.player = clean_player(player or "") or self.settings.player or default_player()
        self._held = self._hold(self.player)
        """The player's file, locked, until :meth:`ensure_loaded` hands it to the reader."""
        self.library.keeps_cache = self.writable
        self._file: PlayerFile | None = None
        self._progress: Progress | None = None
        self._last_record: tuple[Round, RoundRecord] | None = None
        self._pack_in_play: Pack | None = None
        """The pack of the round this game started or resumed, which the round saved as
        :attr:`Progress.current` is played against: its file is not read again."""
        self._loading = threading.Lock()
        if not defer_loading:
            self.ensure_loaded()

    def _migrate(self, player: str | None) -> None:
        """Move a format-1 progress file into the new layout (once per data folder)."""
        from quiz.store.migrate import migrate  # only when needed: see the module docstring

        migration = migrate(self.data_dir, clean_player(player or "") or default_player())
        if migration.notice:
            self.notices.append(migration.notice)
        if not migration.writable:
            self._stop_saving(migration.reason or migration.notice or "")

    def _hold(self, player: str) -> int | None:
        """Lock the player's file as the game does; None when not exclusive or not saving.

        Raises:
            AlreadyPlaying: Another game holds it.
        """
        if not (self.exclusive and self.writable and lock.LOCKING):
            return None
        path = paths.player_path(self.data_dir, player)
        try:
            return lock.hold(path, player)
        except lock.AlreadyPlaying:
            raise
        except OSError as error:
            # Without the lock another game could write over this one's rounds.
            self._stop_saving(f"{path} cannot be locked ({error.strerror or error})")
            self.notices.append(
                f"{path} cannot be locked ({error.strerror or error}): "
                "progress will not be saved this session."
            )
            return None

    @property
    def progress_path(self) -> Path:
        """The player's file."""
        return paths.player_path(self.data_dir, self.player)

    @property
    def loaded(self) -> bool:
        """Whether the player's file has been read."""
        return self._progress is not None

    @property
    def progress(self) -> Progress:
        """The player's progress, read from disk on first use."""
        return self._progress if self._progress is not None else self.ensure_loaded()

    def ensure_loaded(self) -> Progress:
        """Read the player's file once; safe to call from any thread.

        Returns:
            The progress.
        """
        with self._loading:
            if self._progress is None:
                held, self._held = self._held, None
                self._progress = self._open(held)
            return self._progress

    def _open(self, held: int | None) -> Progress:
        """Take charge of the player's file and read it."""
        # Not needed for the home screen's first frame: see the module docstring.
        from quiz.model.history import Progress
        from quiz.store.player_file import PlayerFile

        self._file = PlayerFile(
            self.progress_path, self.player, held=held, on_error=self._save_failed
        )
        if not self.writable:
            self._file.writable = False
            if self.exclusive and held is None:
                return Progress()  # the file could not be locked: it is not read either
        loaded = self._file.load()
        if loaded.notice:
            self.notices.append(loaded.notice)
        if not loaded.writable:
            self._stop_saving(loaded.reason or loaded.notice or "")
        return loaded.progress

    def _stop_saving(self, reason: str) -> None:
        if self.writable:
            self.writable = False
            self.unsaved_reason = reason

    @property
    def confidence(self) -> bool:
        """Whether confidence mode is on."""
        return self._confidence

    def set_player(self, name: str) -> str:
        """Change who plays, and remember it for the next start.

        The new player's file is taken before this one's is let go, so a
        refusal leaves everything as it was.

        Returns:
            The name as kept, cleaned; the old name when the new one is empty.

        Raises:
            AlreadyPlaying: Another game is playing as that player.
        """
        cleaned = clean_player(name)
        if not cleaned or cleaned == self.player:
            return self.player
        self.ensure_loaded()
        held = self._hold(cleaned)
        self._close_file()
        self.player = cleaned
        with self._loading:
            self._progress = self._open(held)
        self._last_record = None
        self.settings.player = cleaned
        self._save_settings()
        return self.player

    def join(self, name: str) -> str:
        """Take a player for a game that started without one, as each browser tab of
        ``quiz serve`` does: lock their file from now on. From then on the settings
        are left alone: a class's names and choices are not the machine's.

        The session must have been made with ``exclusive=False`` and ``defer_loading``,
        and nothing read yet.

        Returns:
            The name as kept, cleaned.

        Raises:
            ValueError: The name is empty once cleaned.
            AlreadyPlaying: Another game is playing as that player.
        """
        cleaned = clean_player(name)
        if not cleaned:
            raise ValueError("a player needs a name")
        if self.loaded or self._file is not None:
            raise RuntimeError("join() comes before the first read of progress")
        self.exclusive = True
        try:
            self._held = self._hold(cleaned)
        except BaseException:
            self.exclusive = False
            raise
        self.player = cleaned
        self.keeps_settings = False
        return cleaned

    def set_confidence(self, enabled: bool) -> None:
        """Turn confidence mode on or off, and remember it."""
        self._confidence = self.settings.confidence = enabled
        self._save_settings()

    @property
    def round_length(self) -> int:
        """The current player's round length (0 for all the questions)."""
        return self.settings.of(self.player).round_length

    def set_round_length(self, length: int) -> None:
        """Remember the current player's round length (one of ``ROUND_LENGTHS``)."""
        own = self.settings.of(self.player)
        if own.round_length != length:
            self.settings.players[self.player] = replace(own, round_length=length)
            self._save_settings()

    @property
    def confidence_explained(self) -> bool:
        """Whether confidence mode has been explained to the current player."""
        return self.settings.of(self.player).confidence_explained

    def mark_confidence_explained(self) -> None:
        """Remember that confidence mode has been explained to the current player."""
        own = self.settings.of(self.player)
        if not own.confidence_explained:
            self.settings.players[self.player] = replace(own, confidence_explained=True)
            self._save_settings()

    def newcomer(self) -> bool:
        """Whether the current player has never played: no round, finished or not.

        Before the history is read, a player whose file is missing or empty (as the
        lock leaves it at the first start) is a newcomer.
        """
        if not self.loaded:
            try:
                return os.stat(self.progress_path).st_size == 0
            except OSError:
                return True
        progress = self.progress
        return progress.current is None and not progress.rounds and not progress.players

    def set_theme(self, name: str) -> None:
        """Remember the theme chosen, for the next start."""
        if name != self.settings.theme:
            self.settings.theme = name
            self._save_settings()

    def today(self) -> date:
        """The player's calendar day, for the review schedule."""
        return local_day(self.now())

    def due_count(self, pack_id: str) -> int:
        """How many questions of a pack are due for review (without loading the pack)."""
        return len(self.progress.due(self.player, pack_id, self.today()))

    def upcoming(self, pack: Pack) -> tuple[int, date | None]:
        """How many of a pack's questions wait in the review schedule, and the first day due."""
        stats = self.progress.players.get(self.player, {}).get(pack.id)
        if stats is None:
            return 0, None
        known = {question.id for question in pack.questions}
        days = [slot.due for qid, slot in stats.schedule.items() if qid in known]
        return len(days), min(days, default=None)

    def due(self, pack: Pack) -> list[str]:
        """Ids of this pack's questions due for review for the current player."""
        known = {question.id for question in pack.questions}
        return [
            qid for qid in self.progress.due(self.player, pack.id, self.today()) if qid in known
        ]

    def everyone(self) -> Progress:
        """Every player's progress together, for the scores: this player's as it is
        in memory, the others' as their files are now (one that cannot be read is left out)."""
        # Not needed for the home screen's first frame: see the module docstring.
        from quiz.model.history import combine
        from quiz.store.progress import read_players

        others, _ = read_players(self.data_dir, skip=self.progress_path)
        return combine([self.progress, *others])

    def timestamp(self) -> str:
        """The current time as ISO 8601 text."""
        return stamp(self.now())

    def start_round(
        self,
        pack: Pack,
        *,
        seed: int | None = None,
        count: int | None = None,
        review: bool = False,
        closed_book: bool = False,
        retry: Collection[str] | None = None,
    ) -> Round:
        """Start a new round; it replaces any interrupted one.

        Args:
            pack: The pack to play.
            seed: Fixes the order (0 to 2**63 - 1); a fresh one is drawn when None.
            count: How many questions; all when None.
            review: Ask only the questions due for review.
            closed_book: Hide the pack's source text during the round (it can be
                read before the first question); recorded with the round.
            retry: Ask only these questions (the ones just missed): a review
                round, whatever their place in the review schedule.

        Raises:
            ValueError: The seed is out of range, or a review round was asked for
                and nothing is due.
        """
        # Not needed for the home screen's first frame: see the module docstring.
        from quiz.model.round import Round
        from quiz.model.round_state import Mode
        from quiz.store.schema import SEEDS

        if seed is None:
            seed = random.SystemRandom().randrange(2**32)
        if seed not in SEEDS:
            raise ValueError("the seed must be a whole number from 0 to 2**63 - 1")
        review = review or retry is not None
        mode = Mode(
            player=self.player, confidence=self.confidence, review=review, closed_book=closed_book
        )
        only = list(retry) if retry is not None else self.due(pack) if review else None
        if only is not None and not only:
            raise ValueError(f"nothing in {pack.title} is due for review")
        play = Round.new(
            pack,
            seed=seed,
            count=count,
            clock=self.clock,
            started=self.timestamp(),
            mode=mode,
            only=only,
        )
        self.progress.current = play.state()
        self._pack_in_play = pack
        self.save()
        return play

    def answer(self, play: Round, response: str, confidence: int | None = None) -> Answered:
        """Answer the round's current question: judge it, count it and save, in the background
        (when :attr:`schedule_save` says).

        The last answer of a round also records the round, in the same save: a round
        is in the history as soon as it is finished, whatever happens next.

        Args:
            play: The round in play.
            response: The player's answer.
            confidence: How sure they said they were, in confidence mode.

        Returns:
            The outcome, and the round's record after its last answer.
        """
        progress = self.progress
        previous_best = progress.best(play.pack.id, review=play.mode.review)
        outcome = play.answer(response, confidence)
        progress.record_answer(
            play.pack.id,
            outcome,
            self.timestamp(),
            player=play.mode.player,
            today=self.today(),
            closed_book=play.mode.closed_book,
        )
        record = None
        if play.finished:
            play.pause()
            record = progress.record_round(play, self.timestamp())
            self._last_record = (play, record)
        else:
            progress.current = play.state()
        self._save_due = True
        self.schedule_save(self._save_if_due)
        return Answered(outcome, record, previous_best)

    def finish(self, play: Round) -> RoundRecord:
        """The record of a finished round: made with its last answer, made once.

        Raises:
            ValueError: The round is not finished.
        """
        if self._last_record is not None and self._last_record[0] is play:
            return self._last_record[1]
        if not play.finished:
            raise ValueError("the round is not finished")
        record = self.progress.record_round(play, self.timestamp())
        self._last_record = (play, record)
        self.save()
        return record

    def leave(self, play: Round) -> None:
        """Keep an unfinished round to resume later."""
        play.pause()
        self.progress.current = None if play.finished else play.state()
        self.save()

    def resumable(self) -> tuple[Pack, RoundState] | None:
        """The interrupted round and its pack, if it can still be played."""
        state = self.progress.current
        if state is None:
            return None
        pack = self._pack_in_play
        if pack is not None and (pack.id, pack.path) == (state.pack_id, _path(state)):
            return self._worth_resuming(pack, state)
        pack = None
        stored = None if state.pack_path is None else paths.find_printable(state.pack_path)
        for reference in (stored, state.pack_id):
            if reference is None:
                continue
            try:
                pack = self.library.find_pack(reference)
            except PackError:
                continue
            if pack.id == state.pack_id:
                break
            pack = None
        return None if pack is None else self._worth_resuming(pack, state)

    def _worth_resuming(self, pack: Pack, state: RoundState) -> tuple[Pack, RoundState] | None:
        """The round and its pack, unless it is over or has no answer yet."""
        from quiz.model.round import Round  # not for the first frame: see the module docstring

        play = Round.resume(pack, state, clock=self.clock)
        # A round left before its first answer holds nothing worth offering back.
        return None if play.finished or not play.outcomes else (pack, state)

    def resume(self) -> Round | None:
        """Rebuild the interrupted round, or None when there is none to play."""
        from quiz.model.round import Round  # not for the first frame: see the module docstring

        found = self.resumable()
        if found is None:
            return None
        pack, state = found
        self._pack_in_play = pack
        return Round.resume(pack, state, clock=self.clock)

    def discard_current(self) -> None:
        """Forget the interrupted round (its answers stay counted)."""
        if self.progress.current is not None:
            self.progress.current = None
            self.save()

    def _save_if_due(self) -> None:
        if self._save_due:
            self.save()

    def save(self) -> None:
        """Hand the whole progress to the player's file, which writes it in the background."""
        self._save_due = False
        progress = self.progress
        if self.writable and self._file is not None:
            self._file.save(progress)
        else:
            self.lost = True

    def _save_settings(self) -> None:
        if self.writable and self.keeps_settings:
            self._settings_saver.submit(settings.to_bytes(self.settings))

    def _write_settings(self, data: bytes) -> None:
        write_atomic(settings.settings_path(self.data_dir), data)

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every save handed over is on disk (tests and benchmarks use it).

        Returns:
            True when nothing is left to write.
        """
        self._save_if_due()
        files = self._file.flush(timeout) if self._file is not None else True
        return self._settings_saver.flush(timeout) and files

    def _close_file(self, timeout: float = 10.0) -> bool:
        self._save_if_due()
        if self._held is not None:  # locked, never read
            os.close(self._held)
            self._held = None
        if self._file is None:
            return True
        saved = self._file.close(timeout)
        self._kept_error = self._file.save_error
        self._file = None
        return saved

    def close(self, timeout: float = 10.0) -> bool:
        """Finish writing, stop the savers and let another game have the player's file.

        Returns:
            True when everything reached the disk.
        """
        settings_saved = self._settings_saver.close(timeout)
        return self._close_file(timeout) and settings_saved

    @property
    def save_error(self) -> Exception | None:
        """Why the last save failed, or None when it succeeded (or none was needed)."""
        if self._settings_saver.last_error is not None:
            return self._settings_saver.last_error
        return self._file.save_error if self._file is not None else self._kept_error

    def save_problem(self) -> str | None:
        """Why the player's progress is not reaching the disk now, or None when it is.

        The game says so at the start of a round and in place of "saved" wherever
        it would say that.
        """
        if not self.writable:
            return self.unsaved_reason or "progress cannot be saved"
        error = self.save_error
        if error is None:
            return None
        return f"{getattr(error, 'strerror', None) or error}"

    def unsaved(self) -> str | None:
        """At the end of a game: why something it played did not reach the disk, or None."""
        if self.lost:
            return self.unsaved_reason or "progress cannot be saved"
        error = self.save_error
        if error is None:
            return None
        where = getattr(error, "filename", None) or self.progress_path
        return f"{where}: {getattr(error, 'strerror', None) or error}"

    def _save_failed(self, error: Exception) -> None:
        if self.on_save_error is not None:
            self.on_save_error(error)
