"""Snapshots of the key screens, compared as SVG (pytest-textual-snapshot).

Regenerate after an intended change of look with
``uv run pytest tests/ui/test_snapshots.py --snapshot-update`` and review the diff.
"""

from __future__ import annotations

from ui_helpers import answer, play_through

SIZE = (100, 30)


def test_home_screen(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE)


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


def test_results_screen(snap_compare, make_app, clock):
    async def run_before(pilot):
        for right in (True, False, True):
            clock.advance(47)
            await play_through(pilot, [right])

    assert snap_compare(make_app(seed=5, count=3), terminal_size=SIZE, run_before=run_before)


def test_scores_screen(snap_compare, make_app, clock):
    app = make_app()
    session = app.session
    pack = session.library.find_pack("iran-quds-force-iraq")
    for seed, pattern in ((1, [True, True, False, True]), (2, [False, True, True, True])):
        play = session.start_round(pack, seed=seed, count=4)
        for right in pattern:
            question = play.current
            response = question.answer if right else "not a right answer"
            clock.advance(30)
            session.answer(play, response)
        session.finish(play)

    assert snap_compare(app, terminal_size=(100, 70), press=["s"])


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
