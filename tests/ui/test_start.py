"""The first frame: the home screen is drawn before the history and its model are loaded."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Not needed to list the packs: imported once the history is read, after the first frame.
LATER = [
    "quiz.model.history",
    "quiz.model.round",
    "quiz.store.progress",
    "quiz.store.player_file",
    "quiz.store.schema",
    "quiz.store.migrate",
    "tomli_w",
    "quiz.screens.confirm",  # asked only to resume a round or to quit one
    # Read only to parse a pack: the list comes from the catalog's cache.
    "quiz.store.packs",
    "quiz.model.validate",
    "tomllib",
]

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path

    from quiz.app import build_app
    from quiz.screens import home

    LATER = json.loads(sys.argv[2])
    seen = []
    list_packs = home.HomeScreen.refresh_packs

    def spy(self):
        seen.append({"loaded": self.session.loaded,
                     "imported": [name for name in LATER if name in sys.modules]})
        return list_packs(self)

    home.HomeScreen.refresh_packs = spy
    app = build_app(Path(sys.argv[1]))

    async def auto(pilot):
        await pilot.pause()
        app.exit()

    app.run(headless=True, size=(100, 30), auto_pilot=auto)
    print(json.dumps(seen))
    """
)


def test_the_pack_list_is_drawn_before_the_history_model_is_imported(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "data"), json.dumps(LATER)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    first, *rest = seen
    assert first == {"loaded": False, "imported": []}
    # Then the history is read on a thread, and the list shows the scores.
    assert rest and rest[-1]["loaded"] is True
