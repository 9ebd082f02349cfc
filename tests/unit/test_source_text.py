"""A pack's source text on disk: found beside the pack, read strictly, installed with it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from quiz.model.validate import parse_pack
from quiz.store import paths
from quiz.store.packs import (
    MAX_TEXT_BYTES,
    StoreError,
    install,
    installed_path,
    installed_text_path,
    load_pack,
    pack_file_text,
    read_source_bytes,
    read_source_text,
    source_text_path,
    uninstall_text,
)

PACK = """format = 1

[pack]
id = "mine"
title = "Mine"

[pack.source]
title = "The report"
text = "mine.txt"

[[questions]]
id = "q1"
kind = "verdict"
prompt = "It rained."
answer = "supported"
evidence = ["It rained."]
explanation = "It says so."
"""


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "mine.txt"
    path.write_text("# The report\n\nIt rained.\n", encoding="utf-8")
    return path


def test_a_loaded_pack_finds_its_text_beside_it(tmp_path: Path, text_file: Path) -> None:
    # quiz play FILE loads the pack by its path, so its text is found the same way.
    pack_file = tmp_path / "mine.toml"
    pack_file.write_text(PACK, encoding="utf-8")

    path = source_text_path(load_pack(pack_file))

    assert path == text_file
    assert read_source_text(path) == "# The report\n\nIt rained.\n"


def test_the_built_in_pack_finds_its_text(real_pack_path: Path) -> None:
    path = source_text_path(load_pack(real_pack_path))

    assert path == real_pack_path.with_name("iran-quds-force-iraq.txt")
    assert read_source_text(path).startswith("# Iran Orders Elite Troops")


def test_no_path_or_no_text_means_no_text_path(tmp_path: Path) -> None:
    pack_file = tmp_path / "plain.toml"
    pack_file.write_text(PACK.replace('text = "mine.txt"\n', ""), encoding="utf-8")

    assert source_text_path(parse_pack(PACK.encode())) is None
    assert source_text_path(load_pack(pack_file)) is None


def test_a_byte_order_mark_is_dropped_and_control_characters_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    data = "\ufeffIt rained \x1b[31m hard.\r\n".encode()
    path.write_bytes(data)

    assert read_source_text(path) == "It rained \x1b[31m hard.\r\n"
    assert read_source_bytes(path) == data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b" \n\n\t", "is empty"),
        (b"\xef\xbb\xbf\n", "is empty"),
        (b"one\ntwo\nth\xe9ree\n", "is not UTF-8 text (line 3); save it as UTF-8"),
        (b"\xff\xfeI\x00t\x00", "holds a NUL byte (line 1), so it is not plain text"),
        (b"one\ntwo\x00\n", "holds a NUL byte (line 2), so it is not plain text"),
        ("caf\u00e9".encode("utf-16-le"), "holds a NUL byte"),
        (b"lone \xed\xa0\x80 surrogate", "is not UTF-8 text (line 1)"),
        (b"x" * (MAX_TEXT_BYTES + 1), "is larger than 1 MiB"),
    ],
    ids=[
        "empty",
        "blank",
        "bom-only",
        "latin1",
        "utf16-bom",
        "nul",
        "utf16",
        "surrogate",
        "too-large",
    ],
)
def test_unusable_text_is_refused_with_its_path(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(data)

    for read in (read_source_text, read_source_bytes):
        with pytest.raises(StoreError) as caught:
            read(path)
        assert str(caught.value).startswith(f"{path}: {message}")


def test_the_largest_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes(b"x" * MAX_TEXT_BYTES)

    assert len(read_source_text(path)) == MAX_TEXT_BYTES


@pytest.mark.parametrize("kind", ["missing", "link", "folder", "fifo"])
def test_what_is_not_a_regular_file_is_refused(tmp_path: Path, text_file: Path, kind: str) -> None:
    path = tmp_path / "other.txt"
    expected = {
        "missing": "does not exist",
        "link": "is a symbolic link, not a regular file",
        "folder": "is a folder, not a file",
        "fifo": "is a named pipe, not a regular file",
    }[kind]
    if kind == "link":
        path.symlink_to(text_file)
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("named pipes are POSIX")
        os.mkfifo(path)

    with pytest.raises(StoreError) as caught:
        read_source_text(path)

    assert str(caught.value) == f"{path}: {expected}"


def test_install_writes_the_pack_and_its_text(tmp_path: Path) -> None:
    data = tmp_path / "data"

    target = install(data, "mine", PACK.encode(), ("mine.txt", b"It rained.\n"))

    assert target == installed_path(data, "mine")
    assert target.read_bytes() == PACK.encode()
    assert (target.parent / "mine.txt").read_bytes() == b"It rained.\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["mine.toml", "mine.txt"]


def test_a_failed_pack_write_removes_the_new_text(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "data"
    real = paths.user_packs_dir(data)

    def fail_on_pack(path: Path, content: bytes) -> None:
        if path.suffix == ".toml":
            raise OSError(28, "No space left on device", str(path))
        _plain_write(path, content)

    monkeypatch.setattr("quiz.store.packs.write_atomic", fail_on_pack)

    with pytest.raises(OSError):
        install(data, "mine", PACK.encode(), ("mine.txt", b"It rained.\n"))

    assert list(real.iterdir()) == []


def test_a_failed_pack_write_puts_the_former_text_back(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "data"
    install(data, "mine", PACK.encode(), ("mine.txt", b"Old text.\n"))

    def fail_on_pack(path: Path, content: bytes) -> None:
        if path.suffix == ".toml":
            raise OSError(28, "No space left on device", str(path))
        _plain_write(path, content)

    monkeypatch.setattr("quiz.store.packs.write_atomic", fail_on_pack)

    with pytest.raises(OSError):
        install(data, "mine", PACK.encode() + b"# v2\n", ("mine.txt", b"New text.\n"))

    folder = paths.user_packs_dir(data)
    assert (folder / "mine.txt").read_bytes() == b"Old text.\n"
    assert (folder / "mine.toml").read_bytes() == PACK.encode()


def _plain_write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("other.toml", "ends in .toml"),
        ("OTHER.TOML", "ends in .toml"),
        ("../evil.txt", "not a path"),
        ("/etc/passwd", "not a path"),
        ("..", "must not start with a dot"),
        (".mine.toml.1234.tmp", "must not start with a dot"),
        ("", "is empty"),
    ],
)
def test_the_store_refuses_text_names_on_its_own(tmp_path: Path, name: str, message: str) -> None:
    data = tmp_path / "data"
    with pytest.raises(StoreError, match=message):
        installed_text_path(data, name)
    with pytest.raises(StoreError, match=message):
        install(data, "mine", PACK.encode(), (name, b"text"))
    with pytest.raises(StoreError, match=message):
        uninstall_text(data, name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["link", "folder"])
def test_install_never_writes_through_what_sits_at_the_text_name(tmp_path: Path, kind: str) -> None:
    data = tmp_path / "data"
    folder = paths.user_packs_dir(data)
    folder.mkdir(parents=True)
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n", encoding="utf-8")
    if kind == "link":
        (folder / "mine.txt").symlink_to(outside)
    else:
        (folder / "mine.txt").mkdir()

    with pytest.raises(StoreError):
        install(data, "mine", PACK.encode(), ("mine.txt", b"It rained.\n"))
    with pytest.raises(StoreError):
        uninstall_text(data, "mine.txt")

    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert not (folder / "mine.toml").exists()


def test_uninstall_text_removes_the_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    install(data, "mine", PACK.encode(), ("mine.txt", b"It rained.\n"))

    removed = uninstall_text(data, "mine.txt")

    assert removed == paths.user_packs_dir(data) / "mine.txt" and not removed.exists()
    with pytest.raises(FileNotFoundError):
        uninstall_text(data, "mine.txt")


def test_pack_file_text_reads_valid_and_broken_packs(tmp_path: Path) -> None:
    valid, broken, plain = tmp_path / "a.toml", tmp_path / "b.toml", tmp_path / "c.toml"
    valid.write_text(PACK, encoding="utf-8")
    broken.write_text(PACK.replace('"supported"', '"maybe"'), encoding="utf-8")
    plain.write_text(PACK.replace('text = "mine.txt"\n', ""), encoding="utf-8")
    (tmp_path / "d.toml").write_bytes(b"\xff" + PACK.encode())
    shutil.copy(valid, tmp_path / "e.toml")
    (tmp_path / "link.toml").symlink_to(tmp_path / "e.toml")

    found = {
        name: pack_file_text(tmp_path / f"{name}.toml") for name in ("a", "b", "c", "d", "link")
    }

    assert found == {"a": "mine.txt", "b": "mine.txt", "c": None, "d": None, "link": None}
