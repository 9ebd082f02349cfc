"""``quiz play FILE`` of a file that takes an installed pack's id is refused: its rounds
would count as that pack's (its best, its leaderboard). The installed pack's own file,
or a byte-for-byte copy of it, is that pack and plays as it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile_corpus import pack

from quiz.__main__ import main
from quiz.app import build_app
from quiz.model.pack import PackError
from quiz.store import paths
from quiz.store.library import Library

ROOT = Path(__file__).resolve().parents[2]
BUILTIN = ROOT / "questions" / "iran-quds-force-iraq.toml"
BUILTIN_ID = "iran-quds-force-iraq"


def impostor(folder: Path, pack_id: str = BUILTIN_ID) -> Path:
    path = folder / "impostor.toml"
    path.write_text(pack(pack_id, "Impostor"), "utf-8")
    return path


def test_a_file_with_the_builtin_id_is_refused_and_nothing_is_recorded(tmp_path, capsys) -> None:
    data = tmp_path / "data"
    code = main(["--data-dir", str(data), "play", str(impostor(tmp_path))])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1, err
    assert "impostor.toml: pack.id: 'iran-quds-force-iraq' is the id of the built-in pack" in err
    assert "quiz play iran-quds-force-iraq" in err
    players = paths.players_dir(data)
    assert not players.exists() or not any(p.stat().st_size for p in players.glob("*.toml"))


def test_a_file_with_a_user_packs_id_is_refused(tmp_path) -> None:
    data = tmp_path / "data"
    installed = paths.user_packs_dir(data)
    installed.mkdir(parents=True)
    (installed / "mine.toml").write_text(pack("mine", "Mine"), "utf-8")
    with pytest.raises(PackError, match=r"the id of the installed pack \(Mine\)"):
        Library(data).find_pack(str(impostor(tmp_path, "mine")))


@pytest.mark.parametrize("where", ["its own file", "a copy elsewhere"])
def test_the_installed_packs_own_content_plays_as_that_pack(tmp_path, where) -> None:
    path = BUILTIN
    if where == "a copy elsewhere":
        path = tmp_path / "copy.toml"
        shutil.copyfile(BUILTIN, path)
    app = build_app(tmp_path / "data", pack=str(path), seed=1)
    try:
        assert app.start is not None
        assert app.start.pack is app.session.library.find_pack(BUILTIN_ID)
    finally:
        app.session.close()


def test_a_file_with_an_id_of_its_own_still_plays(tmp_path) -> None:
    path = impostor(tmp_path, "impostor")
    played = Library(tmp_path / "data").find_pack(str(path))
    assert played.id == "impostor" and played.path == path
