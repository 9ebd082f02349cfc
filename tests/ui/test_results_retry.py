"""The results screen: the figures first, each missed question with why, and a retry of those."""

from __future__ import annotations

from ui_helpers import answer, play_through

from quiz.model.report import build
from quiz.screens.play import PlayScreen
from quiz.screens.results import ResultsScreen
from quiz.widgets.footer import QuizFooter

SIZE = (100, 30)


async def test_m_retries_just_the_missed_questions_as_a_review_round(make_app, clock):
    app = make_app(seed=5, count=4)
    async with app.run_test(size=SIZE) as pilot:
        first = app.screen.play
        await play_through(pilot, [True, False, True, False])
        assert isinstance(app.screen, ResultsScreen)
        missed = [outcome.question.id for outcome in first.missed]
        assert len(missed) == 2
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        assert screen.play.mode.review
        assert sorted(q.id for q in screen.play.questions) == sorted(missed)
        await play_through(pilot, [True, True])
        assert isinstance(app.screen, ResultsScreen)
        summary = str(app.screen.query_one("#summary").render())
        assert summary.startswith("Review round complete")
        assert "new best review round" in summary
        assert "No mistakes" in str(app.screen.query_one("#missed").render())
        assert not app.screen.check_action("retry", ())
    progress = app.session.progress
    assert [r.review for r in progress.rounds] == [False, True]
    # The review round's score never becomes the pack's best.
    assert progress.best(first.pack.id) == progress.rounds[0].score
    scores = build(progress, player="ana")
    assert [s.rounds for s in scores.packs] == [1]
    assert [leader.rounds for leader in scores.leaderboards[first.pack.id]] == [1]
    assert len(scores.history) == 2


async def test_a_review_round_is_compared_only_with_review_rounds(make_app):
    app = make_app(seed=5, count=3)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True, True, False])
        full_score = app.screen.record.score
        await pilot.press("m")
        await pilot.pause()
        await play_through(pilot, [False])
        summary = str(app.screen.query_one("#summary").render())
        # No earlier review round: this one is the best of them, whatever the full round scored.
        assert "new best review round" in summary and full_score > 0
        await pilot.press("m")
        await pilot.pause()
        await play_through(pilot, [False])
        summary = str(app.screen.query_one("#summary").render())
        assert "(best review round 0)" in summary


async def test_a_perfect_round_is_celebrated_and_an_imperfect_one_is_not(make_app):
    app = make_app(seed=5, count=3)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True, True, True])
        assert isinstance(app.screen, ResultsScreen)
        banner = str(app.screen.query_one("#perfect").render())
        assert "A perfect round: all 3 right." in banner
        # The footer is there even with nothing missed to list.
        assert app.screen.query_one(QuizFooter).display
    app = make_app(seed=5, count=3)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True, False, True])
        assert isinstance(app.screen, ResultsScreen)
        assert not app.screen.query("#perfect")


async def test_a_round_too_short_is_not_called_perfect(make_app):
    app = make_app(seed=5, count=2)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [True, True])
        assert isinstance(app.screen, ResultsScreen)
        assert not app.screen.query("#perfect")
        assert "No mistakes" in str(app.screen.query_one("#missed").render())


async def test_a_review_round_all_right_celebrates_the_misses_put_right(make_app):
    app = make_app(seed=5, count=6)
    async with app.run_test(size=SIZE) as pilot:
        await play_through(pilot, [False, False, False, True, True, True])
        await pilot.press("m")
        await pilot.pause()
        await play_through(pilot, [True, True, True])
        banner = str(app.screen.query_one("#perfect").render())
        assert "Every miss put right: all 3 answered right this time." in banner


async def test_the_results_show_the_round_end_that_the_play_screen_sends(make_app):
    app = make_app(seed=5, count=2)
    async with app.run_test(size=SIZE) as pilot:
        play_screen = app.screen
        assert isinstance(play_screen, PlayScreen)
        await play_through(pilot, [True])
        await answer(pilot, right=False)
        assert play_screen.finished is not None
        end = play_screen.finished.end
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
    assert end.play is play_screen.play and end.play.finished
    assert end.record == app.session.progress.rounds[-1] and end.previous_best is None
    assert end.article is play_screen.article is not None
    assert (screen.play, screen.record, screen.previous_best, screen.article) == tuple(end)
