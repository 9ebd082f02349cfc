"""The game's service layer: packs, progress and saving, shared by the TUI and the CLI.

A :class:`Session` owns the player's progress for the life of the process.
The UI tells it what happened (an answer, a finished round, a round left for
later) and it updates the aggregates and hands a snapshot to the background
saver, so no screen ever touches a file. It imports no Textual.

Only what the home screen needs before its first frame (the pack list and the
folder lock) is imported with this module; the model of rounds and history and
the progress store are imported when the progress is first read, which the game
does on a thread once the home screen is up.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quiz.model.text import clean_line
from quiz.store import paths
from quiz.store.catalog import CACHE_FILE, Catalog, PackEntry
from quiz.store.files import file_stamp, remove_stale_temporaries
from quiz.store.lock import FolderLock

if TYPE_CHECKING:
    from quiz.model.article import Article
    from quiz.model.history import Progress, RoundRecord
    from quiz.model.pack import Pack
    from quiz.model.round import Clock, Outcome, Round, RoundState
    from quiz.store.saver import BackgroundSaver
    from quiz.store.snapshot import Snapshotter

Now = Callable[[], datetime]
MAX_PLAYER_NAME = 32


def default_player() -> str:
    """The login name, or ``player`` when the system does not say."""
    import getpass  # with termios, only once the history is read, after the first frame

    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = ""
    return clean_player(name) or "player"


def clean_player(name: str) -> str:
    """A player's name as kept: one line, no control characters, at most 32 characters."""
    return clean_line(name)[:MAX_PLAYER_NAME].strip()


def stamp(moment: datetime) -> str:
    """A moment as compact ISO 8601 UTC text, ``2026-11-25T09:30:00Z``, as the history keeps it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def discover(folder: Path, *, builtin: bool) -> list[PackEntry]:
    """Every ``*.toml`` pack in a folder, parsed afresh, broken ones included.

    Args:
        folder: The folder to look in; a missing folder holds no packs.
        builtin: Whether these packs ship with the game.

    Returns:
        The entries, sorted by file name.
    """
    return Catalog(None).entries(folder, builtin=builtin)


class Session:
    """One player's packs and progress for the life of the process."""

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
        """Open the data folder and read the progress file.

        Args:
            data_dir: Where progress and user packs live.
            clock: Seconds from a monotonic clock, for timing rounds.
            now: The wall-clock time, for the history.
            builtin_dir: The built-in packs; the game's own folder by default.
            player: Who plays, for this session only; else the saved player or the
                login name.
            confidence: Confidence mode for this session only; else the saved setting.
            exclusive: Hold the data folder's lock until :meth:`close`, as the game does,
                so a second game cannot overwrite this one's rounds.
            defer_loading: Leave reading the progress file to :meth:`ensure_loaded`, so
                the home screen can be drawn first (the first use of :attr:`progress`
                loads it anyway).

        Raises:
            AlreadyRunning: ``exclusive`` and another game holds the folder.
        """
        self.data_dir = data_dir
        self.clock = clock
        self.now = now
        self.builtin_dir = builtin_dir or paths.builtin_packs_dir()
        self.progress_path = paths.progress_path(data_dir)
        self.notices: list[str] = []
        self.writable = True
        self._lock: FolderLock | None = None
        if exclusive:
            try:
                self._lock = FolderLock(data_dir)
                # A process killed mid-save leaves its temporary file behind.
                remove_stale_temporaries(self.progress_path)
            except OSError as error:
                # Without the lock another game could write over this one's rounds.
                self.writable = False
                self.notices.append(
                    f"The data folder {data_dir} cannot be locked "
                    f"({error.strerror or error}): progress will not be saved."
                )
        self.on_save_error: Callable[[Exception], None] | None = None
        self._saving: tuple[Snapshotter, BackgroundSaver] | None = None
        self._entries: list[PackEntry] | None = None
        self._asked_player = clean_player(player or "")
        self._asked_confidence = confidence
        self._player = self._asked_player  # settled when the progress is read (see player)
        self._confidence = bool(confidence)
        self._progress: Progress | None = None
        self._read_cleanly = False
        self._read_stamp: list[int] | None = None
        self._last_record: tuple[Round, RoundRecord] | None = None
        self._loading = threading.Lock()
        if not defer_loading:
            self.ensure_loaded()

    @property
    def loaded(self) -> bool:
        """Whether the progress file has been read."""
        return self._progress is not None

    @property
    def progress(self) -> Progress:
        """The player's progress, read from disk on first use."""
        return self._progress if self._progress is not None else self.ensure_loaded()

    def ensure_loaded(self) -> Progress:
        """Read the progress file once; safe to call from any thread.

        Returns:
            The progress.
        """
        with self._loading:
            if self._progress is None:
                from quiz.store import progress

                # Stamped before reading: a file replaced meanwhile then never matches.
                self._read_stamp = file_stamp(self.progress_path)
                loaded = progress.load(self.progress_path)
                self._read_cleanly = loaded.notice is None
                if loaded.notice:
                    self.notices.append(loaded.notice)
                self.writable = self.writable and loaded.writable
                settings = loaded.progress.settings
                self._player = self._asked_player or settings.player or default_player()
                if self._asked_confidence is None:
                    self._confidence = settings.confidence
                self._progress = loaded.progress
            return self._progress

    def _saving_parts(self) -> tuple[Snapshotter, BackgroundSaver]:
        """The snapshot taker and the background saver, made with the first save."""
        if self._saving is None:
            from quiz.store.saver import BackgroundSaver
            from quiz.store.snapshot import Renderer, Snapshotter

            saver = BackgroundSaver(
                self.progress_path, on_error=self._save_failed, render=Renderer().render
            )
            self._saving = (Snapshotter(), saver)
        return self._saving

    @property
    def _saver(self) -> BackgroundSaver:
        """The background saver (tests and benchmarks flush it)."""
        return self._saving_parts()[1]

    @property
    def player(self) -> str:
        """Who is playing: the saved choice is known only once the progress is read."""
        self.ensure_loaded()
        return self._player

    @property
    def confidence(self) -> bool:
        """Whether confidence mode is on (a saved setting, so read with the progress)."""
        self.ensure_loaded()
        return self._confidence

    def set_player(self, name: str) -> str:
        """Change who plays, and remember it for the next start.

        Returns:
            The name as kept, cleaned; the old name when the new one is empty.
        """
        cleaned = clean_player(name)
        if cleaned:
            self._player = self.progress.settings.player = cleaned
            self.save()
        return self._player

    def set_confidence(self, enabled: bool) -> None:
        """Turn confidence mode on or off, and remember it."""
        self._confidence = self.progress.settings.confidence = enabled
        self.save()

    def today(self) -> date:
        """The player's calendar day, for the review schedule."""
        return self.now().astimezone().date()

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
        return [qid for qid in self.progress.due(self.player, pack.id, self.today())
                if qid in known]

    def packs(self, *, refresh: bool = False) -> list[PackEntry]:
        """Every installed pack: built-in first, then the player's own."""
        if self._entries is None or refresh:
            catalog = Catalog(self.data_dir / CACHE_FILE if self.writable else None)
            builtin = catalog.entries(self.builtin_dir, builtin=True)
            user = catalog.entries(paths.user_packs_dir(self.data_dir), builtin=False)
            catalog.save()
            self._entries = builtin + user
        return self._entries

    def find_pack(self, reference: str) -> Pack:
        """Find a pack by installed id, or load it from a path.

        Args:
            reference: A pack id, or the path of a pack file.

        Returns:
            The pack.

        Raises:
            PackError: No such pack, or the file is not a valid pack.
        """
        from quiz.model.pack import PackError, Problem, load_pack

        for entry in self.packs():
            if entry.error is None and entry.id == reference:
                pack = entry.pack  # loaded once per session, then kept
                if pack is not None and pack.id == reference:
                    return pack
        path = Path(reference).expanduser()
        if path.suffix == ".toml" or path.exists():
            # An installed pack named by its path is the same pack: no second parse.
            resolved = path.resolve(strict=False)
            for entry in self.packs():
                same = entry.error is None and entry.path.resolve(strict=False) == resolved
                if same and entry.pack is not None:
                    return entry.pack
            return load_pack(path)
        known = ", ".join(entry.id for entry in self.packs() if entry.error is None) or "none"
        raise PackError([Problem(reference, f"no installed pack has this id (installed: {known})")])

    def article(self, pack: Pack) -> tuple[Article | None, str]:
        """Read the pack's source text.

        Args:
            pack: A loaded pack.

        Returns:
            The article, or None with why it cannot be shown ("" when the pack
            names no text). A text that cannot be read never stops a round.
        """
        from quiz.model.article import Article
        from quiz.store.packs import StoreError, read_source_text, source_text_path

        path = source_text_path(pack)
        if path is None:
            return None, ""
        try:
            return Article.parse(read_source_text(path)), ""
        except StoreError as error:
            return None, f"The source text cannot be shown: {error}"

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
    ) -> Round:
        """Start a new round; it replaces any interrupted one.

        Args:
            pack: The pack to play.
            seed: Fixes the order; a fresh one is drawn when None.
            count: How many questions; all when None.
            review: Ask only the questions due for review.
            closed_book: Hide the pack's source text during the round (it can be
                read before the first question); recorded with the round.

        Raises:
            ValueError: A review round was asked for and nothing is due.
        """
        from quiz.model.round import Mode, Round

        if seed is None:
            seed = random.SystemRandom().randrange(2**32)
        mode = Mode(
            player=self.player, confidence=self.confidence, review=review, closed_book=closed_book
        )
        only = self.due(pack) if review else None
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
        self.save()
        return play

    def answered(self, play: Round, outcome: Outcome) -> RoundRecord | None:
        """Count an answer and save, in the background.

        The last answer of a round also records the round, in the same save: a round
        is in the history as soon as it is finished, whatever happens next.

        Returns:
            The round's record after its last answer, else None.
        """
        self.progress.record_answer(
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
            record = self.progress.record_round(play, self.timestamp())
            self._last_record = (play, record)
        else:
            self.progress.current = play.state()
        self.save()
        return record

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
        from quiz.model.pack import PackError
        from quiz.model.round import Round

        state = self.progress.current
        if state is None:
            return None
        pack = None
        for reference in (state.pack_path, state.pack_id):
            if reference is None:
                continue
            try:
                pack = self.find_pack(reference)
            except PackError:
                continue
            if pack.id == state.pack_id:
                break
            pack = None
        if pack is None:
            return None
        play = Round.resume(pack, state, clock=self.clock)
        # A round left before its first answer holds nothing worth offering back.
        return None if play.finished or not play.outcomes else (pack, state)

    def resume(self) -> Round | None:
        """Rebuild the interrupted round, or None when there is none to play."""
        found = self.resumable()
        if found is None:
            return None
        from quiz.model.round import Round

        pack, state = found
        return Round.resume(pack, state, clock=self.clock)

    def discard_current(self) -> None:
        """Forget the interrupted round (its answers stay counted)."""
        if self.progress.current is not None:
            self.progress.current = None
            self.save()

    def save(self) -> None:
        """Hand a snapshot of the progress to the background saver."""
        if self.writable:
            snapshots, saver = self._saving_parts()
            saver.submit(snapshots.take(self.progress))

    def close(self, timeout: float = 10.0) -> bool:
        """Finish writing and stop the saver.

        Returns:
            True when everything reached the disk.
        """
        try:
            saver = self._saving[1] if self._saving is not None else None
            saved = saver.close(timeout) if saver is not None else True
            # The copy must say exactly what the file says: the file was read cleanly or
            # written by this session, nothing failed, and no other game could write it.
            in_step = self._read_cleanly or (saver is not None and saver.saves > 0)
            if saved and in_step and self.writable and self.save_error is None and self._lock:
                from quiz.cli.summary import index_of
                from quiz.store.mirror import write_mirror
                from quiz.store.progress import to_document

                # The next start (and quiz scores) read this copy instead of parsing TOML.
                # Only while the file is still the one this session read or wrote last.
                written = saver.written if saver is not None and saver.saves else None
                document = to_document(self.progress)
                write_mirror(self.progress_path, document, index_of(self.progress),
                             expected=written or self._read_stamp)
            return saved
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    @property
    def save_error(self) -> Exception | None:
        """Why the last save failed, or None when it succeeded (or none was needed)."""
        return self._saving[1].last_error if self._saving is not None else None

    def _save_failed(self, error: Exception) -> None:
        if self.on_save_error is not None:
            self.on_save_error(error)
