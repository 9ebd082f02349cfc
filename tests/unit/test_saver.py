"""The background saver: callers never wait on disk; the disk ends with the last snapshot."""

from __future__ import annotations

import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
import rtoml

from quiz.store import files
from quiz.store.saver import BackgroundSaver

TIMEOUT = 5.0


def doc(number: int) -> dict[str, object]:
    return {"format": 2, "rounds": [], "n": number}


def on_disk(path: Path) -> object:
    return tomllib.loads(path.read_text(encoding="utf-8"))["n"]


def writer(path: Path) -> Callable[[dict[str, object]], None]:
    """Write a document whole and atomically, as a player's file is written."""
    return lambda document: files.write_atomic(path, rtoml.dumps(document).encode())


class Gate:
    """A writer that a test can hold mid-save."""

    def __init__(self, path: Path) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []
        self.writes: list[object] = []
        self.real = writer(path)

    def __call__(self, document: dict[str, object]) -> None:
        self.threads.append(threading.current_thread())
        self.writes.append(document)
        self.entered.set()
        assert self.release.wait(TIMEOUT), "the test never released the writer"
        self.real(document)


@pytest.fixture
def gate(tmp_path: Path) -> Gate:
    return Gate(tmp_path / "progress.toml")


def test_submit_returns_while_the_write_happens_elsewhere(tmp_path: Path, gate: Gate) -> None:
    path = tmp_path / "progress.toml"
    background = BackgroundSaver(gate)
    started = time.perf_counter()
    background.submit(doc(1))
    assert time.perf_counter() - started < 0.5
    assert gate.entered.wait(TIMEOUT)
    assert not path.exists(), "the write is held, yet submit has returned"
    assert background.flush(timeout=0.05) is False, "flush waits for the held write"
    gate.release.set()
    assert background.flush(TIMEOUT) is True
    assert on_disk(path) == 1
    assert gate.threads[0] is not threading.current_thread()
    assert background.saves == 1 and background.last_error is None
    assert background.close(TIMEOUT)


def test_many_submits_coalesce_to_the_last(tmp_path: Path, gate: Gate) -> None:
    path = tmp_path / "progress.toml"
    background = BackgroundSaver(gate)
    background.submit(doc(0))
    assert gate.entered.wait(TIMEOUT)
    for number in range(1, 50):
        background.submit(doc(number))
    gate.release.set()
    assert background.flush(TIMEOUT)
    assert on_disk(path) == 49
    assert background.saves == 2
    assert len(gate.writes) == 2
    assert background.close(TIMEOUT)


def test_flush_without_submits_returns_at_once(tmp_path: Path) -> None:
    background = BackgroundSaver(writer(tmp_path / "progress.toml"))
    assert background.flush(timeout=0.01) is True
    assert background.close(TIMEOUT) is True
    assert not (tmp_path / "progress.toml").exists()


def test_a_failed_save_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"a file")
    errors: list[OSError] = []
    background = BackgroundSaver(writer(blocker / "progress.toml"), on_error=errors.append)
    background.submit(doc(1))
    assert background.flush(TIMEOUT)
    assert len(errors) == 1 and isinstance(errors[0], OSError)
    assert background.last_error is errors[0]
    assert background.saves == 0
    assert blocker.read_bytes() == b"a file"
    assert background.close(TIMEOUT)


def test_a_failed_replace_keeps_the_old_file_and_later_saves_recover(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "progress.toml"
    path.write_bytes(b"old")
    errors: list[OSError] = []
    background = BackgroundSaver(writer(path), on_error=errors.append)
    real_replace = files.os.replace

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full_disk)
    background.submit(doc(1))
    assert background.flush(TIMEOUT)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["progress.toml"]
    assert len(errors) == 1 and background.last_error is errors[0]
    monkeypatch.setattr(files.os, "replace", real_replace)
    background.submit(doc(2))
    assert background.flush(TIMEOUT)
    assert on_disk(path) == 2
    assert background.last_error is None and background.saves == 1
    assert background.close(TIMEOUT)


def test_close_writes_what_is_pending_and_then_ignores_submits(tmp_path: Path) -> None:
    path = tmp_path / "progress.toml"
    background = BackgroundSaver(writer(path))
    background.submit(doc(1))
    assert background.close(TIMEOUT) is True
    assert on_disk(path) == 1
    background.submit(doc(2))
    assert background.flush(TIMEOUT)
    assert on_disk(path) == 1
    thread = background._thread
    assert thread is not None
    thread.join(TIMEOUT)
    assert not thread.is_alive()
