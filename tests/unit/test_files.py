"""Atomic writes: the target holds the old bytes or the new, and no temporary file is left."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from quiz.store import files
from quiz.store.files import fsync_folder, write_atomic, write_new


def test_write_atomic_creates_folders_and_writes(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "progress.toml"
    write_atomic(target, b"one")
    assert target.read_bytes() == b"one"
    assert os.listdir(target.parent) == ["progress.toml"]


def test_write_atomic_replaces(tmp_path: Path) -> None:
    target = tmp_path / "progress.toml"
    target.write_bytes(b"old contents that are longer")
    write_atomic(target, b"new")
    write_atomic(target, b"newer")
    assert target.read_bytes() == b"newer"
    assert os.listdir(tmp_path) == ["progress.toml"]


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "progress.toml"
    target.write_bytes(b"old")
    calls: list[str] = []

    def boom(*args: object) -> None:
        calls.append(failing)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, failing, boom)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new")
    monkeypatch.undo()
    assert calls == [failing]
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["progress.toml"]


def test_an_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "progress.toml"

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    monkeypatch.undo()
    assert os.listdir(tmp_path) == []


def test_write_new_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "backup"
    write_new(target, b"first")
    with pytest.raises(FileExistsError):
        write_new(target, b"second")
    assert target.read_bytes() == b"first"


def test_fsync_folder_tolerates_a_missing_folder(tmp_path: Path) -> None:
    fsync_folder(tmp_path / "missing")
    fsync_folder(tmp_path)


def test_stale_temporaries_of_a_killed_save_are_removed(tmp_path: Path) -> None:
    from quiz.store.files import remove_stale_temporaries

    target = tmp_path / "progress.toml"
    target.write_text("kept", "utf-8")
    (tmp_path / ".progress.toml.abc123.tmp").write_text("half", "utf-8")
    (tmp_path / ".other.toml.abc.tmp").write_text("not ours", "utf-8")
    assert remove_stale_temporaries(target) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.toml.abc.tmp", "progress.toml"]


def test_the_temporary_file_is_private_and_a_taken_name_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "progress.toml"
    taken = tmp_path / ".progress.toml.000000000000.tmp"
    taken.write_text("someone else's", "utf-8")
    draws = iter([bytes(6), bytes(6), b"\x01" * 6])
    monkeypatch.setattr(files.os, "urandom", lambda n: next(draws))
    seen: list[int] = []
    real_replace = os.replace

    def replace(source: str, destination: Path) -> None:
        seen.append(os.stat(source).st_mode & 0o777)
        real_replace(source, destination)

    monkeypatch.setattr(files.os, "replace", replace)

    write_atomic(target, b"new")

    assert target.read_bytes() == b"new"
    assert taken.read_text("utf-8") == "someone else's"
    assert seen == [0o600]


def test_a_symlink_in_place_of_the_temporary_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("untouched", "utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / ".progress.toml.000000000000.tmp").symlink_to(outside)
    draws = iter([bytes(6), b"\x02" * 6])
    monkeypatch.setattr(files.os, "urandom", lambda n: next(draws))

    write_atomic(tmp_path / "data" / "progress.toml", b"new")

    assert outside.read_text("utf-8") == "untouched"
    assert (tmp_path / "data" / "progress.toml").read_bytes() == b"new"


def test_a_backup_is_private_and_a_failed_one_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "backup"
    write_new(target, b"kept")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    real_write = files._write_all

    def full(handle: int, data: bytes) -> None:
        real_write(handle, data[:2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files, "_write_all", full)
    with pytest.raises(OSError, match="No space left"):
        write_new(tmp_path / "second", b"lost")
    assert os.listdir(tmp_path) == ["backup"]


def test_a_locked_replace_locks_the_new_file_before_it_takes_the_name(tmp_path: Path) -> None:
    target = tmp_path / "ann.toml"
    target.write_bytes(b"old")
    named: list[bool] = []

    def lock(descriptor: int) -> None:
        named.append(os.fstat(descriptor).st_ino == target.stat().st_ino)

    descriptor = files.replace_locked(target, b"new", lock)
    try:
        assert named == [False], "locked while the old file still had the name"
        assert os.fstat(descriptor).st_ino == target.stat().st_ino
        assert files.read_descriptor(descriptor, 100) == b"new" == target.read_bytes()
    finally:
        os.close(descriptor)
    assert os.listdir(tmp_path) == ["ann.toml"]


def test_a_locked_create_never_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "ann.toml"
    descriptor = files.create_locked(target, b"first", lambda _: None)
    os.close(descriptor)
    with pytest.raises(FileExistsError):
        files.create_locked(target, b"second", lambda _: None)
    assert target.read_bytes() == b"first"
    assert os.listdir(tmp_path) == ["ann.toml"]


def test_only_regular_files_are_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="not a regular file"):
        files.read_whole(pipe, 100)  # at once: a named pipe never blocks the reader
    big = tmp_path / "big"
    big.write_bytes(b"x" * 101)
    with pytest.raises(OSError, match="larger than"):
        files.read_whole(big, 100)
    link = tmp_path / "link"
    link.symlink_to(big)
    with pytest.raises(OSError):
        files.read_whole(link, 1000)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.parametrize(
    ("kind", "limit", "why"),
    [
        ("link", 1000, "is a symbolic link, not a regular file"),
        ("folder", 1000, "is a folder, not a file"),
        ("pipe", 1000, "is a named pipe, not a regular file"),
        ("big", 100, "is larger than 100 bytes"),
        ("big", 1024, None),
        ("huge", 64 * 1024, "is larger than 64 KiB"),
        ("huge", 1024 * 1024, "is larger than 1 MiB"),
    ],
)
def test_every_file_is_refused_in_the_same_words(
    tmp_path: Path, kind: str, limit: int, why: str | None
) -> None:
    """Packs, source texts and the game's own files: one reader, one set of reasons."""
    path = tmp_path / kind
    if kind == "link":
        path.symlink_to(tmp_path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        path.write_bytes(b"x" * (101 if kind == "big" else 1024 * 1024 + 1))

    if why is None:
        assert files.read_whole(path, limit) == path.read_bytes()
        return
    with pytest.raises(files.Refused) as caught:
        files.read_whole(path, limit)
    assert (caught.value.strerror, caught.value.filename) == (why, str(path))
