"""Snapshots of the key screens, compared as SVG (pytest-textual-snapshot).

Regenerate after an intended change of look with
``uv run pytest tests/ui/test_snapshots.py --snapshot-update`` and review the diff.
"""

from __future__ import annotations

import pytest
from ui_helpers import answer, play_through

SIZE = (100, 30)
THEMES = ["textual-dark", "textual-light"]
TALLEST_FEEDBACK = "apparent-decision"
"""A seed whose round opens on the built-in pack's longest question (idle-boasts-as-fact)."""


def in_theme(theme, then=None):
    """A run_before that sets the theme, then does what else the test needs."""

    async def run_before(pilot):
        pilot.app.theme = theme
        await pilot.pause()
        if then is not None:
            await then(pilot)

    return run_before


def play_rounds(app, clock, patterns):
    """Finish rounds of four questions of the built-in pack, right or wrong as given."""
    session = app.session
    pack = session.library.find_pack("iran-quds-force-iraq")
    for seed, pattern in enumerate(patterns, start=1):
        play = session.start_round(pack, seed=seed, count=len(pattern))
        for right in pattern:
            question = play.current
            response = question.answer if right else "not a right answer"
            clock.advance(30)
            session.answer(play, response)
        session.finish(play)


@pytest.mark.parametrize("theme", THEMES)
def test_home_screen_with_the_detail_pane(snap_compare, make_app, clock, theme):
    app = make_app()
    play_rounds(app, clock, [[True, False, True, True]])
    # An unfinished round: its Resume row (under the cursor) must read in both themes.
    session = app.session
    play = session.start_round(session.library.find_pack("iran-quds-force-iraq"), seed=9, count=5)
    session.answer(play, play.current.answer)

    async def not_now(pilot):
        await pilot.press("escape")  # the offer to resume
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=in_theme(theme, not_now))


@pytest.mark.parametrize("theme", THEMES)
def test_feedback_to_the_longest_question_at_80_by_24(snap_compare, make_app, theme):
    app = make_app(seed=0, count=5)
    # The question whose feedback takes the most rows (tests/ui/test_first_ten_minutes.py
    # checks that every question fits).
    app.start.questions.insert(0, app.start.pack.question(TALLEST_FEEDBACK))

    async def wrong(pilot):
        await answer(pilot, right=False)

    assert snap_compare(app, terminal_size=(80, 24), run_before=in_theme(theme, wrong))


def test_question_screen_verdict(snap_compare, make_app):
    app = make_app(seed=3, count=5)
    question = app.start.current
    assert question is not None and question.kind == "verdict"
    assert snap_compare(app, terminal_size=SIZE)


def test_question_screen_number(snap_compare, make_app):
    app = make_app(seed=4, count=5)
    assert app.start.current.kind == "number"
    assert snap_compare(app, terminal_size=SIZE)


def test_feedback_screen_wrong_answer(snap_compare, make_app):
    async def run_before(pilot):
        await answer(pilot, right=False)

    assert snap_compare(make_app(seed=3, count=5), terminal_size=SIZE, run_before=run_before)


def test_feedback_after_checking_the_source(snap_compare, make_app):
    async def run_before(pilot):
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("escape")  # back from the source, opened at the marked paragraph
        await answer(pilot, right=True)

    assert snap_compare(make_app(seed=8, count=5), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_results_screen_with_why(snap_compare, make_app, clock, theme):
    async def three(pilot):
        for right in (True, False, True):
            clock.advance(47)
            await play_through(pilot, [right])

    app = make_app(seed=5, count=3)
    assert snap_compare(app, terminal_size=(100, 36), run_before=in_theme(theme, three))


@pytest.mark.parametrize("theme", THEMES)
def test_scores_screen_with_the_trend_chart(snap_compare, make_app, clock, theme):
    app = make_app()
    patterns = [[True, True, False, True], [False, True, True, True], [True, True, True, True]]
    play_rounds(app, clock, patterns)

    async def scores(pilot):
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 70), run_before=in_theme(theme, scores))


WIDE = (120, 40)


def test_question_beside_the_source(snap_compare, make_app):
    assert snap_compare(make_app(seed=0, count=5), terminal_size=WIDE)


def test_feedback_with_the_evidence_highlighted_in_the_source(snap_compare, make_app):
    async def run_before(pilot):
        await answer(pilot, right=False)
        await pilot.pause()

    assert snap_compare(make_app(seed=3, count=5), terminal_size=WIDE, run_before=run_before)


def test_reader_screen_at_80_by_24(snap_compare, make_app):
    async def run_before(pilot):
        await answer(pilot, right=False)
        await pilot.press("r")
        await pilot.pause()

    assert snap_compare(make_app(seed=3, count=5), terminal_size=(80, 24), run_before=run_before)


def test_start_dialog_with_the_round_length(snap_compare, make_app):
    async def run_before(pilot):
        await pilot.press("up", "enter")  # from the tutorial to the article's pack
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_confidence_keys_with_their_stakes_at_80_by_24(snap_compare, make_app):
    app = make_app(seed=0, count=5)
    app.session.set_confidence(True)
    app.start = app.session.start_round(app.start.pack, seed=0, count=5)

    async def run_before(pilot):
        await pilot.press("2")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
